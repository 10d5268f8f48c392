"""Reads of the organisation: subtrees, roles, who holds which position.

A role held on a unit applies to its whole subtree; subtrees are ``path__startswith`` on the
indexed materialised path, so every function here is one or two queries whatever the depth.
Superusers are treated as holding every role everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from sopan.organisations.models import Assignment, Instansi, Membership, Person, Position, Unit

AnyUser = User | AnonymousUser


def _roles(role_or_roles: str | Iterable[str]) -> list[str]:
    return [role_or_roles] if isinstance(role_or_roles, str) else list(role_or_roles)


def _is_superuser(user: AnyUser | None) -> bool:
    return bool(user is not None and user.is_active and getattr(user, "is_superuser", False))


def _user_id(user: AnyUser | None) -> int | None:
    """The id of an active, signed-in user; None for anyone else."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return int(user.pk)


def unit_subtree_ids(unit: Unit) -> list[int]:
    """Ids of ``unit`` and every unit below it."""
    return list(Unit.objects.filter(path__startswith=unit.path).values_list("id", flat=True))


def _outermost(paths: Iterable[str]) -> list[str]:
    """Drop paths that lie inside another one (a role on Dinas X covers Bidang Y already)."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


def units_with_role(user: AnyUser | None, roles: Iterable[str]) -> QuerySet[Unit]:
    """Every unit in the subtrees where ``user`` holds one of ``roles``."""
    if _is_superuser(user):
        return Unit.objects.all()
    user_id = _user_id(user)
    if user_id is None:
        return Unit.objects.none()
    paths = Membership.objects.filter(user_id=user_id, role__in=_roles(roles)).values_list(
        "unit__path", flat=True
    )
    prefixes = _outermost(paths)
    if not prefixes:
        return Unit.objects.none()
    return Unit.objects.filter(reduce(or_, (Q(path__startswith=p) for p in prefixes)))


def user_has_role(user: AnyUser | None, role_or_roles: str | Iterable[str], unit: Unit) -> bool:
    """True if ``user`` holds the role on ``unit`` or on a unit above it."""
    if _is_superuser(user):
        return True
    user_id = _user_id(user)
    if user_id is None:
        return False
    return Membership.objects.filter(
        user_id=user_id, role__in=_roles(role_or_roles), unit_id__in=unit.path_ids()
    ).exists()


def user_instansi_ids(user: AnyUser | None) -> set[int]:
    """The instansi where ``user`` holds any role or works (all of them for a superuser)."""
    if _is_superuser(user):
        return set(Instansi.objects.values_list("id", flat=True))
    user_id = _user_id(user)
    if user_id is None:
        return set()
    memberships = Membership.objects.filter(user_id=user_id)
    people = Person.objects.filter(user_id=user_id)
    return set(memberships.values_list("unit__instansi_id", flat=True)) | set(
        people.values_list("instansi_id", flat=True)
    )


def _open_on(on: dt.date) -> Q:
    return Q(mulai__lte=on) & (Q(selesai__isnull=True) | Q(selesai__gte=on))


def current_holders(position: Position, on: dt.date | None = None) -> QuerySet[Person]:
    """People holding ``position`` on the day ``on`` (today by default)."""
    on = on or timezone.localdate()
    holding = Assignment.objects.filter(_open_on(on), person=OuterRef("pk"), position=position)
    return Person.objects.filter(Exists(holding)).order_by("nama")


def current_position(person: Person, on: dt.date | None = None) -> Position | None:
    """The position ``person`` holds on ``on`` (today by default), or None."""
    on = on or timezone.localdate()
    assignment = (
        Assignment.objects.filter(_open_on(on), person=person)
        .select_related("position__unit")
        .order_by("-mulai")
        .first()
    )
    return assignment.position if assignment is not None else None


def person_for_user(user: AnyUser | None) -> Person | None:
    """The person record of an account, or None (anonymous, or an account without one)."""
    if user is None or not user.is_authenticated:
        return None
    return Person.objects.filter(user_id=user.pk).select_related("instansi").first()

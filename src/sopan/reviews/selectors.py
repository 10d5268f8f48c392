"""Reads of the periodic review, for the review pages, Tugas Saya and the dashboard.

Who is who:

- **owners** of an SOP (:func:`sop_owners`, the people reminded and told about flags): the
  users holding the role *koordinator* or *penyusun* on the SOP's unit or on a unit above
  it (a role applies to the whole subtree below its unit);
- who may **decide** a review (:func:`can_decide`): the same roles plus *admin*, exactly
  the roles that may start a revision (``sopan.sops.services.DRAFTING_ROLES``);
- who may **see** the review page of an SOP (:func:`can_view`): anyone with any role on the
  SOP's unit or above (the people who see its drafts).

Stable signatures (used by other apps)::

    reviews_due(user, today, *, within_days=30, scope="decide", instansi=None, unit=None)
    reviews_overdue(user, today, *, scope="decide", instansi=None, unit=None)
    reviews_flagged(user, *, scope="decide", instansi=None, unit=None)

Each returns a queryset of :class:`ReviewSchedule` (flags: :class:`ReviewFlag`) of SOPs
whose version is in force, joined with ``sop__unit`` and ``version``, soonest first.
``scope="decide"`` keeps the SOPs the user may decide (Tugas Saya); ``scope="view"`` the
SOPs of every unit where the user holds any role (the dashboard: a koordinator on the root
unit sees the whole instansi, a unit head their subtree).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from sopan.organisations.choices import Role
from sopan.organisations.models import Assignment, Instansi, Membership, Position, Unit
from sopan.organisations.selectors import units_with_role, user_has_role
from sopan.reviews.models import ReviewFlag, ReviewSchedule
from sopan.reviews.rules import REMIND_DAYS_BEFORE, normalise_name
from sopan.sops.choices import VersionStatus
from sopan.sops.models import Sop, SopVersion

AnyUser = User | AnonymousUser
Scope = Literal["decide", "view"]

OWNER_ROLES = (Role.KOORDINATOR, Role.PENYUSUN)
DECIDING_ROLES = (Role.ADMIN, Role.KOORDINATOR, Role.PENYUSUN)
VIEW_ROLES = tuple(Role.values)
SETTING_ROLES = (Role.ADMIN, Role.KOORDINATOR)
# Actors that are not positions of the organisation (the document's ``jenis``).
EXTERNAL_ACTOR_KINDS = frozenset({"eksternal", "sistem"})


def sop_owners(sop: Sop) -> list[User]:
    """Active users with an owner role on the SOP's unit or above it."""
    user_ids = Membership.objects.filter(
        role__in=OWNER_ROLES, unit_id__in=sop.unit.path_ids()
    ).values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


def can_decide(user: AnyUser | None, sop: Sop) -> bool:
    return user_has_role(user, DECIDING_ROLES, sop.unit)


def can_view(user: AnyUser | None, sop: Sop) -> bool:
    return user_has_role(user, VIEW_ROLES, sop.unit)


def can_set_interval(user: AnyUser | None, sop: Sop) -> bool:
    return user_has_role(user, SETTING_ROLES, sop.unit)


def _units(user: AnyUser | None, scope: Scope) -> QuerySet[Unit]:
    return units_with_role(user, DECIDING_ROLES if scope == "decide" else VIEW_ROLES)


def schedules_for(
    user: AnyUser | None,
    *,
    scope: Scope = "decide",
    instansi: Instansi | None = None,
    unit: Unit | None = None,
) -> QuerySet[ReviewSchedule]:
    """Schedules of the SOPs in force ``user`` may decide (or see), soonest first."""
    schedules = ReviewSchedule.objects.filter(
        version__status__in=VersionStatus.IN_FORCE, sop__unit__in=_units(user, scope)
    )
    if instansi is not None:
        schedules = schedules.filter(sop__instansi=instansi)
    if unit is not None:
        schedules = schedules.filter(sop__unit__path__startswith=unit.path)
    return schedules.select_related("sop__unit", "sop__instansi", "version").order_by(
        "due", "sop_id"
    )


def reviews_due(
    user: AnyUser | None,
    today: dt.date,
    *,
    within_days: int = REMIND_DAYS_BEFORE,
    scope: Scope = "decide",
    instansi: Instansi | None = None,
    unit: Unit | None = None,
) -> QuerySet[ReviewSchedule]:
    """Reviews due by ``today + within_days`` (overdue ones included), not yet decided."""
    until = today + dt.timedelta(days=within_days)
    return schedules_for(user, scope=scope, instansi=instansi, unit=unit).filter(
        due__lte=until, dalam_revisi=False
    )


def reviews_overdue(
    user: AnyUser | None,
    today: dt.date,
    *,
    scope: Scope = "decide",
    instansi: Instansi | None = None,
    unit: Unit | None = None,
) -> QuerySet[ReviewSchedule]:
    """Reviews whose date has passed (``due < today``) with no decision yet."""
    return schedules_for(user, scope=scope, instansi=instansi, unit=unit).filter(
        due__lt=today, dalam_revisi=False
    )


def reviews_flagged(
    user: AnyUser | None,
    *,
    scope: Scope = "decide",
    instansi: Instansi | None = None,
    unit: Unit | None = None,
) -> QuerySet[ReviewFlag]:
    """Open regulation-change flags on versions in force, newest first."""
    flags = ReviewFlag.objects.filter(
        resolved_at__isnull=True,
        version__status__in=VersionStatus.IN_FORCE,
        sop__unit__in=_units(user, scope),
    )
    if instansi is not None:
        flags = flags.filter(sop__instansi=instansi)
    if unit is not None:
        flags = flags.filter(sop__unit__path__startswith=unit.path)
    return flags.select_related("sop__unit", "version", "regulation", "replaced_by").order_by(
        "-created_at", "-id"
    )


def open_flags(sop: Sop) -> QuerySet[ReviewFlag]:
    return ReviewFlag.objects.filter(sop=sop, resolved_at__isnull=True).select_related(
        "regulation", "replaced_by", "version"
    )


def flagged_sop_ids(sop_ids: list[int]) -> set[int]:
    """Which of ``sop_ids`` carry an open flag (one query for a list page)."""
    rows = ReviewFlag.objects.filter(Q(sop_id__in=sop_ids), resolved_at__isnull=True)
    return set(rows.values_list("sop_id", flat=True))


def actor_position_holders(version: SopVersion, on: dt.date) -> list[User]:
    """The accounts of the people whose positions are actors of ``version`` on ``on``.

    The rule: an actor that is neither external nor a system (``jenis`` internal) is matched
    by its *nama* to the positions (jabatan) with the same name, compared case- and
    space-insensitively, in the units the SOP applies to: the owner unit, the units below it
    and the units above it (a Bidang's SOP may name the Kepala Dinas). Positions of sibling
    units with the same name (every Dinas has a "Kepala Subbagian Umum") are not matched.
    Then the people holding a matched position on ``on`` with an active account.
    Limits: an actor named after a group ("Petugas Loket", "Tim Teknis") matches no position;
    a position renamed after publication no longer matches; people without an account get
    nothing.
    """
    names = {
        normalise_name(actor.nama)
        for actor in version.actors.all()
        if actor.nama and actor.jenis not in EXTERNAL_ACTOR_KINDS
    }
    if not names:
        return []
    unit = version.sop.unit
    scope = Q(unit__path__startswith=unit.path) | Q(unit_id__in=unit.path_ids())
    positions = [
        position.pk
        for position in Position.objects.filter(scope, instansi_id=version.sop.instansi_id)
        if normalise_name(position.nama) in names
    ]
    if not positions:
        return []
    holding = Assignment.objects.filter(
        Q(mulai__lte=on) & (Q(selesai__isnull=True) | Q(selesai__gte=on)),
        position_id__in=positions,
        person__active=True,
        person__user__isnull=False,
    ).values_list("person__user_id", flat=True)
    return list(User.objects.filter(pk__in=holding, is_active=True).order_by("pk"))

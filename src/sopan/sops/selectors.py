"""Reads of SOPs and versions, with the one visibility rule.

Anyone, signed in or not, sees versions whose status is in ``VersionStatus.PUBLISHED`` of an
SOP marked public. A signed-in user also sees every version (drafts included) of the SOPs
owned by a unit where they hold any role, on that unit or above it. Superusers see all.
So someone from another unit or another instansi never sees a unit's drafts.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, OuterRef, Q, QuerySet

from sopan.organisations.choices import Role
from sopan.organisations.models import Unit
from sopan.organisations.selectors import units_with_role, user_has_role
from sopan.sops.choices import VersionStatus
from sopan.sops.models import Sop, SopVersion

AnyUser = User | AnonymousUser

ALL_ROLES = tuple(Role.values)


def _is_superuser(user: AnyUser | None) -> bool:
    return bool(user is not None and user.is_active and getattr(user, "is_superuser", False))


def _public_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": VersionStatus.PUBLISHED, f"{prefix}sop__is_public": True})


def versions_visible_to(user: AnyUser | None) -> QuerySet[SopVersion]:
    """Every version ``user`` may see."""
    versions = SopVersion.objects.all()
    if _is_superuser(user):
        return versions
    visible = _public_q()
    if user is not None and user.is_authenticated:
        visible |= Q(sop__unit__in=units_with_role(user, ALL_ROLES))
    return versions.filter(visible)


def sops_visible_to(user: AnyUser | None) -> QuerySet[Sop]:
    """Every SOP with at least one version ``user`` may see."""
    if _is_superuser(user):
        return Sop.objects.all()
    visible = Q(is_public=True, versions__status__in=VersionStatus.PUBLISHED)
    if user is not None and user.is_authenticated:
        visible |= Q(unit__in=units_with_role(user, ALL_ROLES))
    return Sop.objects.filter(visible).distinct()


def can_view_version(user: AnyUser | None, version: SopVersion) -> bool:
    """The same rule as :func:`versions_visible_to`, for one version."""
    if version.status in VersionStatus.PUBLISHED and version.sop.is_public:
        return True
    if user is None or not user.is_authenticated:
        return False
    return user_has_role(user, ALL_ROLES, version.sop.unit)


def sop_list_for(
    user: AnyUser | None,
    *,
    q: str | None = None,
    unit: Unit | None = None,
    status: str | None = None,
) -> QuerySet[SopVersion]:
    """The latest version of each SOP that ``user`` may see, for list pages.

    ``q`` searches the name and number, ``unit`` keeps the SOPs of that unit and the units
    below it, ``status`` keeps SOPs whose latest visible version has that status. One query
    for the whole page (owner unit and instansi are joined in).

    "Latest visible" is written as "visible, and no newer version of the same SOP is
    visible", split by who the reader is for that SOP:

    * someone with a role on the SOP's unit (or a superuser) sees every version, so the
      latest visible one is simply the one with no newer version at all;
    * anyone else sees the published versions of public SOPs only, so it is the published
      version with no newer published version.

    Each ``NOT EXISTS`` probes the (sop, number, status) index without touching the wide
    version row, and the (nama, sop, number, status) index lets the outer scan read no row
    either (a version row carries its whole JSON document; on SQLite ``status`` sits behind
    it, in the row's overflow pages). See docs/performance.md.
    """
    newer = SopVersion.objects.filter(sop_id=OuterRef("sop_id"), number__gt=OuterRef("number"))
    latest_of_all = Q(~Exists(newer))
    latest_published = _public_q() & Q(~Exists(newer.filter(status__in=VersionStatus.PUBLISHED)))
    latest: Q
    if _is_superuser(user):
        latest = latest_of_all
    elif user is not None and user.is_authenticated:
        member = Q(sop__unit__in=units_with_role(user, ALL_ROLES))
        latest = (member & latest_of_all) | (~member & latest_published)
    else:
        latest = latest_published
    versions = SopVersion.objects.filter(latest)
    if unit is not None:
        versions = versions.filter(sop__unit__path__startswith=unit.path)
    if status:
        versions = versions.filter(status=status)
    if q:
        versions = versions.filter(Q(nama__icontains=q) | Q(nomor__icontains=q))
    return versions.select_related(
        "sop__unit", "sop__instansi", "created_by", "updated_by"
    ).order_by("nama", "sop_id")

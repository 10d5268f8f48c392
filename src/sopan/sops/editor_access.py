"""Who may draft and edit: the same rule as ``sop_create`` / ``version_update_document``
(a drafting role — admin, koordinator, penyusun — on the SOP's unit or above it), asked
before a page is shown so a refused person sees a clear page instead of a failed save."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from sopan.organisations.models import Unit
from sopan.organisations.selectors import units_with_role, user_has_role
from sopan.sops.choices import VersionStatus
from sopan.sops.models import SopVersion
from sopan.sops.services import DRAFTING_ROLES

AnyUser = User | AnonymousUser


def drafting_units(user: AnyUser | None) -> QuerySet[Unit]:
    """The units whose SOPs ``user`` may draft, ordered along the tree."""
    return units_with_role(user, DRAFTING_ROLES).select_related("instansi").order_by("path")


def may_draft(user: AnyUser | None) -> bool:
    """True if ``user`` may draft for at least one unit (shows "SOP baru")."""
    if user is None or not user.is_authenticated:
        return False
    return drafting_units(user).exists()


def may_draft_for(user: AnyUser | None, version: SopVersion) -> bool:
    return user_has_role(user, DRAFTING_ROLES, version.sop.unit)


def may_edit(user: AnyUser | None, version: SopVersion) -> bool:
    """True if ``user`` may change the document of ``version`` now."""
    return version.status in VersionStatus.EDITABLE and may_draft_for(user, version)

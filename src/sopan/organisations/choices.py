"""Choice classes of the organisations app (roles and kinds of position)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A role held on a unit; it applies to the unit and its whole subtree."""

    ADMIN = "admin", _("Admin")
    KOORDINATOR = "koordinator", _("Koordinator")
    PENYUSUN = "penyusun", _("Penyusun")
    PEMERIKSA = "pemeriksa", _("Pemeriksa")
    PENGESAH = "pengesah", _("Pengesah")
    PELAKSANA = "pelaksana", _("Pelaksana")
    AUDITOR = "auditor", _("Auditor")


# Named groups, so callers read `if role in Role.WRITERS` style checks from one place.
ROLES_DRAFTING: frozenset[str] = frozenset({Role.KOORDINATOR, Role.PENYUSUN})
ROLES_DECIDING: frozenset[str] = frozenset({Role.PEMERIKSA, Role.PENGESAH})
ROLES_READING_ALL: frozenset[str] = frozenset(
    {Role.ADMIN, Role.KOORDINATOR, Role.AUDITOR, Role.PEMERIKSA, Role.PENGESAH}
)


class PositionKind(models.TextChoices):
    """Jenis jabatan (UU ASN): structural, functional or executor."""

    STRUKTURAL = "struktural", _("Struktural")
    FUNGSIONAL = "fungsional", _("Fungsional")
    PELAKSANA = "pelaksana", _("Pelaksana")

"""Choice classes of the sops app: the status of a version and the kind of SOP.

Named groups are class-level frozensets of the values (``enum.nonmember`` keeps them out of
the choices), so code reads ``if version.status in VersionStatus.EDITABLE``.
"""

from __future__ import annotations

from enum import nonmember

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class VersionStatus(models.TextChoices):
    KONSEP = "konsep", _("Konsep")
    DALAM_REVIU = "dalam_reviu", _("Dalam Reviu")
    UJI_COBA = "uji_coba", _("Uji Coba")
    MENUNGGU_PENGESAHAN = "menunggu_pengesahan", _("Menunggu Pengesahan")
    BERLAKU = "berlaku", _("Berlaku")
    DIGANTIKAN = "digantikan", _("Digantikan")
    # A regulation that is "dicabut" is revoked; a retired SOP needs its own English word.
    DICABUT = "dicabut", pgettext_lazy("status SOP", "Dicabut")

    # Only a draft's document may change.
    EDITABLE = nonmember(frozenset({"konsep"}))
    # Not yet approved: seen only by people with a role on the SOP's unit.
    DRAFTS = nonmember(frozenset({"konsep", "dalam_reviu", "uji_coba", "menunggu_pengesahan"}))
    # Approved once: publicly visible (the verification page must say "superseded" too).
    PUBLISHED = nonmember(frozenset({"berlaku", "digantikan", "dicabut"}))
    IN_FORCE = nonmember(frozenset({"berlaku"}))


class SopKind(models.TextChoices):
    ADMINISTRATIF = "administratif", _("Administratif")
    TEKNIS = "teknis", _("Teknis")

"""Choices of the teams app: a member's role and the stages of progress."""

from __future__ import annotations

from enum import nonmember

from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamRole(models.TextChoices):
    """The roles of a cross-functional drafting team (the guide's tim penyusun)."""

    KOORDINATOR = "koordinator", _("Koordinator/Fasilitator")
    TEKNIS = "teknis", _("Teknis")
    ADMINISTRASI = "administrasi", _("Administrasi")
    HUKUM = "hukum", _("Hukum")
    SDM = "sdm", _("SDM")


class Stage(models.TextChoices):
    """Where one SOP (or process) of a team stands; derived, never stored."""

    BELUM_ADA_SOP = "belum_ada_sop", _("Belum ada konsep")
    PENYUSUNAN = "penyusunan", _("Penyusunan")
    REVIU = "reviu", _("Reviu")
    UJI_COBA = "uji_coba", _("Uji coba")
    PENGESAHAN = "pengesahan", _("Pengesahan")
    SELESAI = "selesai", _("Selesai")

    DONE = nonmember(frozenset({"selesai"}))

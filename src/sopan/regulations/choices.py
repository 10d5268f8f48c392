"""Choice classes of the regulations app."""

from __future__ import annotations

from enum import nonmember

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegulationStatus(models.TextChoices):
    BERLAKU = "berlaku", _("Berlaku")
    DIUBAH = "diubah", _("Diubah")
    DICABUT = "dicabut", _("Dicabut")

    # A named group (not a member); values are compared as strings.
    CHANGED = nonmember(frozenset({"diubah", "dicabut"}))

"""Choice classes of the reviews app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    """How a review of the version in force ended."""

    TIDAK_BERUBAH = "tidak_berubah", _("Tidak perlu perubahan")
    REVISI = "revisi", _("Revisi (konsep versi baru)")


class BasisChoice(models.TextChoices):
    """Mirror of :class:`sopan.reviews.rules.Basis` for the database column."""

    KEPUTUSAN = "keputusan", _("Keputusan tinjauan terakhir")
    TANGGAL_REVISI = "tanggal_revisi", _("Tanggal Revisi pada dokumen")
    EFEKTIF = "efektif", _("Tanggal efektif + jangka waktu")


class FlagChange(models.TextChoices):
    """What happened to the regulation a flag is about."""

    DIUBAH = "diubah", _("Diubah")
    DICABUT = "dicabut", _("Dicabut")

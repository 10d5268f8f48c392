"""Choice classes of the inventory: the category of a process and the aspects of Tabel 6."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kategori(models.TextChoices):
    LAYANAN_PUBLIK = "layanan_publik", _("Layanan publik")
    KEUANGAN = "keuangan", _("Keuangan")
    PENGADAAN = "pengadaan", _("Pengadaan")
    PENGADUAN = "pengaduan", _("Pengaduan")
    KEPEGAWAIAN = "kepegawaian", _("Kepegawaian")
    PERIZINAN = "perizinan", _("Perizinan")
    TEKNIS = "teknis", _("Teknis")
    LAINNYA = "lainnya", _("Lainnya")


class Aspek(models.TextChoices):
    """The aspects PermenPANRB 35/2012 names for column (7) of Tabel 6 ("usually a management
    function"); other words are accepted too, these are the suggestions."""

    PENYUSUNAN = "penyusunan", _("Penyusunan")
    PELAKSANAAN = "pelaksanaan", _("Pelaksanaan")
    EVALUASI = "evaluasi", _("Evaluasi")
    PELAPORAN = "pelaporan", _("Pelaporan")
    PUBLIKASI = "publikasi", _("Publikasi")
    DISTRIBUSI = "distribusi", _("Distribusi")


class SopState(models.TextChoices):
    """Where a process stands with its SOP (for coverage)."""

    BERLAKU = "berlaku", _("SOP berlaku")
    DISUSUN = "disusun", _("SOP sedang disusun")
    BELUM = "belum", _("Belum ada SOP")

"""The inventory of processes (PermenPANRB 35/2012 Tabel 6) and the priority weights.

One row per process: a :class:`Process` holds its whole Tabel 6 line (tugas, fungsi, uraian
tugas, kegiatan, output, aspek kegiatan, judul SOP) as text, plus the factors of the priority
score. The form's hierarchy and numbering (A, 1, a, 1), a), (1)) are derived when the table is
printed (:mod:`sopan.inventory.tabel6`), so entering a process is one form and importing one is
one spreadsheet row. Writes go through :mod:`sopan.inventory.services`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sopan.inventory.choices import Kategori
from sopan.inventory.scoring import DEFAULT_WEIGHTS, FACTOR_NAMES, Factors, Weights
from sopan.inventory.titles import propose_title

RISK_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Process(models.Model):
    # Denormalised from unit.instansi: instansi-wide lists filter on one column.
    instansi = models.ForeignKey(
        "organisations.Instansi",
        on_delete=models.PROTECT,
        related_name="processes",
        verbose_name=_("instansi"),
        editable=False,
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="processes",
        verbose_name=_("unit kerja"),
    )
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    tugas = models.CharField(_("tugas"), max_length=500)
    fungsi = models.CharField(_("fungsi"), max_length=500, blank=True)
    uraian_tugas = models.CharField(_("uraian tugas"), max_length=500, blank=True)
    kegiatan = models.CharField(_("kegiatan"), max_length=500)
    output = models.CharField(_("output"), max_length=300)
    aspek = models.CharField(_("aspek kegiatan"), max_length=50)
    judul = models.CharField(
        _("judul SOP"),
        max_length=300,
        blank=True,
        help_text=_("Kosongkan untuk memakai usulan: SOP + aspek kegiatan + output."),
    )
    kategori = models.CharField(
        _("kategori"), max_length=20, choices=Kategori.choices, default=Kategori.LAINNYA
    )
    melayani_publik = models.BooleanField(_("melayani publik"), default=False)
    volume_per_bulan = models.PositiveIntegerField(_("volume per bulan"), default=0)
    risiko_kemungkinan = models.PositiveSmallIntegerField(
        _("kemungkinan risiko"),
        default=1,
        validators=RISK_VALIDATORS,
        help_text=_(
            "1 (hampir tidak terjadi) sampai 5 (hampir pasti), seperti register risiko SPIP."
        ),
    )
    risiko_dampak = models.PositiveSmallIntegerField(
        _("dampak risiko"),
        default=1,
        validators=RISK_VALIDATORS,
        help_text=_(
            "1 (tidak signifikan) sampai 5 (sangat signifikan), seperti register risiko SPIP."
        ),
    )
    pengaduan_12_bulan = models.PositiveIntegerField(_("pengaduan 12 bulan terakhir"), default=0)
    temuan_audit_12_bulan = models.PositiveIntegerField(
        _("temuan audit 12 bulan terakhir"), default=0
    )
    sop = models.ForeignKey(
        "sops.Sop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="processes",
        verbose_name=_("SOP"),
    )
    catatan = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
        editable=False,
    )
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("proses")
        verbose_name_plural = pgettext_lazy("jamak", "proses")
        ordering = ["unit__path", "urutan", "id"]
        indexes = [models.Index(fields=["instansi", "unit"], name="process_instansi_unit")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(risiko_kemungkinan__gte=1, risiko_kemungkinan__lte=5),
                name="process_kemungkinan_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(risiko_dampak__gte=1, risiko_dampak__lte=5),
                name="process_dampak_1_5",
            ),
        ]

    def __str__(self) -> str:
        return self.judul_sop

    @property
    def judul_usulan(self) -> str:
        return propose_title(output=self.output, aspek=self.aspek)

    @property
    def judul_sop(self) -> str:
        """The title in Tabel 6 column 8: the one entered, else the proposed one."""
        return self.judul or self.judul_usulan

    def factors(self, *, sop_berlaku: bool) -> Factors:
        return Factors(
            kemungkinan=self.risiko_kemungkinan,
            dampak=self.risiko_dampak,
            melayani_publik=self.melayani_publik,
            volume_per_bulan=self.volume_per_bulan,
            pengaduan=self.pengaduan_12_bulan,
            temuan=self.temuan_audit_12_bulan,
            sop_berlaku=sop_berlaku,
        )


def _weight_field(label: Any, default: float) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, default=int(default), validators=[MaxValueValidator(100)]
    )


class PrioritySettings(models.Model):
    """The weights of the priority score for one instansi (defaults when there is no row)."""

    instansi = models.OneToOneField(
        "organisations.Instansi",
        on_delete=models.CASCADE,
        related_name="priority_settings",
        verbose_name=_("instansi"),
    )
    bobot_risiko = _weight_field(_("bobot risiko"), DEFAULT_WEIGHTS.risiko)
    bobot_publik = _weight_field(_("bobot layanan publik"), DEFAULT_WEIGHTS.publik)
    bobot_volume = _weight_field(_("bobot volume"), DEFAULT_WEIGHTS.volume)
    bobot_pengaduan = _weight_field(_("bobot pengaduan"), DEFAULT_WEIGHTS.pengaduan)
    bobot_temuan = _weight_field(_("bobot temuan audit"), DEFAULT_WEIGHTS.temuan)
    faktor_tanpa_sop = models.DecimalField(
        _("faktor tanpa SOP berlaku"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.50"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("5"))],
        help_text=_("Pengali skor proses yang belum punya SOP berlaku (1 = tanpa tambahan)."),
    )
    volume_acuan = models.PositiveIntegerField(
        _("volume acuan per bulan"),
        default=DEFAULT_WEIGHTS.volume_acuan,
        validators=[MinValueValidator(1)],
        help_text=_("Volume per bulan yang sudah dianggap sangat tinggi (nilai volume = 1)."),
    )
    pengaduan_acuan = models.PositiveIntegerField(
        _("pengaduan acuan"),
        default=DEFAULT_WEIGHTS.pengaduan_acuan,
        validators=[MinValueValidator(1)],
    )
    temuan_acuan = models.PositiveIntegerField(
        _("temuan audit acuan"),
        default=DEFAULT_WEIGHTS.temuan_acuan,
        validators=[MinValueValidator(1)],
    )
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)

    class Meta:
        verbose_name = _("pengaturan prioritas")
        verbose_name_plural = pgettext_lazy("jamak", "pengaturan prioritas")

    def __str__(self) -> str:
        return str(self.instansi)

    def clean(self) -> None:
        if sum(getattr(self, f"bobot_{name}") or 0 for name in FACTOR_NAMES) <= 0:
            raise ValidationError(_("Setidaknya satu bobot harus lebih dari 0."), code="no_weight")

    def weights(self) -> Weights:
        return Weights(
            risiko=self.bobot_risiko,
            publik=self.bobot_publik,
            volume=self.bobot_volume,
            pengaduan=self.bobot_pengaduan,
            temuan=self.bobot_temuan,
            faktor_tanpa_sop=float(self.faktor_tanpa_sop),
            volume_acuan=self.volume_acuan,
            pengaduan_acuan=self.pengaduan_acuan,
            temuan_acuan=self.temuan_acuan,
        )

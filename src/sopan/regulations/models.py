"""The legal-basis register: one row per regulation an instansi (or the nation) relies on.

``key`` is :func:`sopan.regulations.citation.citation_key` of the regulation, so a
``dasar_hukum`` line written in any usual spelling finds its row with one indexed lookup.
Rows are written by :mod:`sopan.regulations.services`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sopan.regulations.choices import RegulationStatus


class Regulation(models.Model):
    # Null: a national regulation every instansi may cite.
    instansi = models.ForeignKey(
        "organisations.Instansi",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regulations",
        verbose_name=_("instansi"),
    )
    jenis = models.CharField(_("jenis peraturan"), max_length=200)
    jenis_singkat = models.CharField(_("singkatan jenis"), max_length=100, blank=True)
    nomor = models.CharField(_("nomor"), max_length=100, blank=True)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    tentang = models.TextField(_("tentang"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegulationStatus.choices,
        default=RegulationStatus.BERLAKU,
        db_index=True,
    )
    diubah_oleh = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mengubah",
        verbose_name=_("diubah oleh"),
    )
    dicabut_oleh = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mencabut",
        verbose_name=_("dicabut oleh"),
    )
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    key = models.CharField(_("kunci pencocokan"), max_length=400, db_index=True, editable=False)

    class Meta:
        verbose_name = _("peraturan")
        verbose_name_plural = pgettext_lazy("jamak", "peraturan")
        ordering = ["-tahun", "jenis", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "key"], name="regulation_key_unique"),
            # UNIQUE treats NULLs as distinct, so national rows need their own constraint.
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(instansi__isnull=True),
                name="regulation_key_unique_national",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if not self.nomor:
            return f"{self.jenis} Tahun {self.tahun}"
        if self.nomor.isdigit():
            return f"{self.jenis} Nomor {self.nomor} Tahun {self.tahun}"
        return f"{self.jenis} Nomor {self.nomor}"

"""Drafting teams (tim penyusun SOP): a team per SOP or per batch of SOPs and processes.

Progress is not stored: it is derived from the statuses of the SOPs' latest versions by
:mod:`sopan.teams.selectors`. Writes go through :mod:`sopan.teams.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sopan.teams.choices import TeamRole


class Team(models.Model):
    # Denormalised from unit.instansi: instansi-wide lists filter on one column.
    instansi = models.ForeignKey(
        "organisations.Instansi",
        on_delete=models.PROTECT,
        related_name="teams",
        verbose_name=_("instansi"),
        editable=False,
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="teams",
        verbose_name=_("unit kerja"),
        help_text=_("SOP dan proses tim ini berasal dari unit ini atau unit di bawahnya."),
    )
    nama = models.CharField(_("nama tim"), max_length=200)
    tenggat = models.DateField(_("tenggat"))
    keterangan = models.TextField(_("keterangan"), blank=True)
    sops = models.ManyToManyField(
        "sops.Sop", blank=True, related_name="teams", verbose_name=_("SOP")
    )
    processes = models.ManyToManyField(
        "inventory.Process", blank=True, related_name="teams", verbose_name=_("proses")
    )
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
        verbose_name = _("tim penyusun")
        verbose_name_plural = pgettext_lazy("jamak", "tim penyusun")
        ordering = ["tenggat", "nama", "id"]
        indexes = [models.Index(fields=["instansi", "tenggat"], name="team_instansi_tenggat")]

    def __str__(self) -> str:
        return self.nama


class TeamMember(models.Model):
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="members", verbose_name=_("tim")
    )
    person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.PROTECT,
        related_name="team_memberships",
        verbose_name=_("pegawai"),
    )
    peran = models.CharField(_("peran dalam tim"), max_length=20, choices=TeamRole.choices)

    class Meta:
        verbose_name = _("anggota tim")
        verbose_name_plural = pgettext_lazy("jamak", "anggota tim")
        ordering = ["team", "peran", "person__nama"]
        constraints = [
            models.UniqueConstraint(fields=["team", "person"], name="teammember_once_per_team")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_peran_display()})"

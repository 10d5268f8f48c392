"""Periodic review of the SOPs in force: settings, schedules, decisions, regulation flags.

:class:`ReviewSchedule` holds one SOP's next review date. Its ``version``, ``due`` and
``basis`` are DERIVED (like the columns a version derives from its document) by
:func:`sopan.reviews.services.review_schedule_sync` from the version in force, its
document's dates, the intervals and the last decision, following
:mod:`sopan.reviews.rules`; they are never edited on their own. The only fact the schedule
owns is the per-SOP interval (``interval_bulan``). Writes go through
:mod:`sopan.reviews.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sopan.reviews.choices import BasisChoice, FlagChange, Outcome
from sopan.reviews.rules import DEFAULT_INTERVAL_MONTHS

INTERVAL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(120)]


class ReviewSettings(models.Model):
    """How an instansi schedules the periodic review of its SOPs."""

    instansi = models.OneToOneField(
        "organisations.Instansi",
        on_delete=models.CASCADE,
        related_name="review_settings",
        verbose_name=_("instansi"),
    )
    interval_bulan = models.PositiveSmallIntegerField(
        _("jangka tinjauan (bulan)"),
        default=DEFAULT_INTERVAL_MONTHS,
        validators=INTERVAL_VALIDATORS,
        help_text=_("Tinjauan berikutnya = tanggal efektif + jangka ini (bawaan 24 bulan)."),
    )
    cetak_tanggal_revisi = models.BooleanField(
        _("cetak sebagai Tanggal Revisi"),
        default=False,
        help_text=_(
            "Saat diterbitkan, tanggal tinjauan berikutnya ditulis ke Tanggal Revisi dokumen "
            "bila kolom itu kosong atau tidak sesudah tanggal efektif."
        ),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("pengaturan tinjauan")
        verbose_name_plural = pgettext_lazy("jamak", "pengaturan tinjauan")

    def __str__(self) -> str:
        return str(self.instansi)


class ReviewSchedule(models.Model):
    """The next review of one SOP (of its version in force)."""

    sop = models.OneToOneField(
        "sops.Sop", on_delete=models.CASCADE, related_name="review_schedule", verbose_name=_("SOP")
    )
    version = models.ForeignKey(
        "sops.SopVersion",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("versi yang ditinjau"),
    )
    interval_bulan = models.PositiveSmallIntegerField(
        _("jangka tinjauan khusus (bulan)"),
        null=True,
        blank=True,
        validators=INTERVAL_VALIDATORS,
        help_text=_("Kosong: mengikuti pengaturan instansi."),
    )
    due = models.DateField(_("tinjauan berikutnya"), db_index=True)
    basis = models.CharField(_("dasar tanggal"), max_length=20, choices=BasisChoice.choices)
    # A "revisi" decision was taken on this version: the review is done, a new draft runs.
    dalam_revisi = models.BooleanField(_("sedang direvisi"), default=False)
    # When the "new version in force" notices of ``version`` were sent (or judged too old).
    notices_sent_at = models.DateTimeField(_("pemberitahuan terkirim"), null=True, blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), default=timezone.now)

    class Meta:
        verbose_name = _("jadwal tinjauan")
        verbose_name_plural = pgettext_lazy("jamak", "jadwal tinjauan")
        ordering = ["due", "sop_id"]

    def __str__(self) -> str:
        return f"{self.sop} · {self.due}"


class ReviewDecision(models.Model):
    """The end of one review: no change needed (the date moves on) or a new draft."""

    sop = models.ForeignKey(
        "sops.Sop", on_delete=models.CASCADE, related_name="review_decisions", verbose_name=_("SOP")
    )
    version = models.ForeignKey(
        "sops.SopVersion",
        on_delete=models.CASCADE,
        related_name="review_decisions",
        verbose_name=_("versi yang ditinjau"),
    )
    outcome = models.CharField(_("hasil"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("catatan"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("diputuskan oleh"),
    )
    decided_at = models.DateTimeField(_("waktu"), default=timezone.now)
    decided_on = models.DateField(_("tanggal tinjauan"))
    previous_due = models.DateField(_("jadwal sebelumnya"), null=True, blank=True)
    next_due = models.DateField(_("tinjauan berikutnya"), null=True, blank=True)
    new_version = models.ForeignKey(
        "sops.SopVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("konsep revisi"),
    )

    class Meta:
        verbose_name = _("keputusan tinjauan")
        verbose_name_plural = pgettext_lazy("jamak", "keputusan tinjauan")
        ordering = ["sop", "-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.sop} · {self.get_outcome_display()} · {self.decided_on}"


class ReviewFlag(models.Model):
    """A regulation cited by the version in force was amended or revoked: review it now."""

    sop = models.ForeignKey(
        "sops.Sop", on_delete=models.CASCADE, related_name="review_flags", verbose_name=_("SOP")
    )
    version = models.ForeignKey(
        "sops.SopVersion",
        on_delete=models.CASCADE,
        related_name="review_flags",
        verbose_name=_("versi yang berlaku"),
    )
    regulation = models.ForeignKey(
        "regulations.Regulation",
        on_delete=models.CASCADE,
        related_name="review_flags",
        verbose_name=_("peraturan"),
    )
    change = models.CharField(_("perubahan"), max_length=20, choices=FlagChange.choices)
    replaced_by = models.ForeignKey(
        "regulations.Regulation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diganti oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    resolved_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    resolved_by_decision = models.ForeignKey(
        ReviewDecision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolved_flags",
        verbose_name=_("diselesaikan dengan keputusan"),
    )
    resolved_by_version = models.ForeignKey(
        "sops.SopVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diselesaikan dengan versi"),
    )

    class Meta:
        verbose_name = _("tanda tinjauan")
        verbose_name_plural = pgettext_lazy("jamak", "tanda tinjauan")
        ordering = ["-created_at", "-id"]
        constraints = [
            # Marking the same change twice (or the trigger running twice) flags once.
            models.UniqueConstraint(
                fields=["version", "regulation", "change"], name="reviewflag_once"
            )
        ]
        indexes = [models.Index(fields=["sop", "resolved_at"], name="reviewflag_open")]

    def __str__(self) -> str:
        return f"{self.sop} · {self.regulation} ({self.get_change_display()})"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

"""SOPs and their versions.

A :class:`Sop` is the identity that lasts (owner unit, code); each :class:`SopVersion` holds
one whole document (``SopDocument.model_dump(mode="json")``) with its hash. The columns
``nama``/``nomor``/``jenis`` and the rows of :class:`VersionActor`, :class:`VersionStep` and
:class:`VersionCitation` are DERIVED from the document by :mod:`sopan.sops.services` on every
write, so lists and search run on indexes; they are never edited on their own.
Every status change is a :class:`VersionTransition` row.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sopan.checks import CheckConfig, CheckConfigError
from sopan.sops.choices import VersionStatus

if TYPE_CHECKING:
    from sopan.document import SopDocument


def new_verification_token() -> str:
    return secrets.token_urlsafe(16)


class Sop(models.Model):
    instansi = models.ForeignKey(
        "organisations.Instansi",
        on_delete=models.PROTECT,
        related_name="sops",
        verbose_name=_("instansi"),
        editable=False,
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="sops",
        verbose_name=_("unit kerja pemilik"),
    )
    kode = models.SlugField(_("kode"), max_length=120)
    is_public = models.BooleanField(
        _("tampil di portal publik"),
        default=True,
        help_text=_("Versi yang sudah disahkan tampil untuk umum."),
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

    class Meta:
        verbose_name = _("SOP")
        verbose_name_plural = pgettext_lazy("jamak", "SOP")
        ordering = ["kode"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kode"], name="sop_kode_unique_instansi")
        ]

    def __str__(self) -> str:
        return self.kode


class SopVersion(models.Model):
    sop = models.ForeignKey(
        Sop, on_delete=models.CASCADE, related_name="versions", verbose_name=_("SOP")
    )
    number = models.PositiveIntegerField(_("versi ke"))
    document = models.JSONField(_("dokumen"))
    document_hash = models.CharField(_("hash dokumen"), max_length=64)
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=VersionStatus.choices,
        default=VersionStatus.KONSEP,
        db_index=True,
    )
    # For the public verification page behind the QR code: unguessable, never reused.
    token = models.CharField(
        _("token verifikasi"),
        max_length=32,
        unique=True,
        default=new_verification_token,
        editable=False,
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diubah oleh"),
    )
    # Optimistic locking: an edit names the lock_version it started from.
    lock_version = models.PositiveIntegerField(_("versi penguncian"), default=0)
    # Derived from the document by the services (for lists and search).
    nama = models.CharField(_("nama SOP"), max_length=500)
    nomor = models.CharField(_("nomor SOP"), max_length=200, blank=True)
    jenis = models.CharField(_("jenis SOP"), max_length=20, blank=True)
    # Stems of title, nomor, kegiatan and dasar hukum for the portal search (sops/search.py).
    search_text = models.TextField(_("teks pencarian"), blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("versi SOP")
        verbose_name_plural = pgettext_lazy("jamak", "versi SOP")
        ordering = ["sop_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["sop", "number"], name="sopversion_number_unique")
        ]
        indexes = [
            models.Index(fields=["status", "sop"], name="sopversion_status_sop"),
            # "Is there a newer (published) version of this SOP?" without reading the row
            # (selectors.sop_list_for); also serves every (sop, number) lookup.
            models.Index(fields=["sop", "number", "status"], name="sopversion_sop_number_st"),
            # The list pages' scan in name order, covering what sop_list_for filters on.
            models.Index(fields=["nama", "sop", "number", "status"], name="sopversion_list"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} (v{self.number})"

    def document_model(self) -> SopDocument:
        from sopan.document import SopDocument

        return SopDocument.model_validate(self.document)


class VersionActor(models.Model):
    version = models.ForeignKey(
        SopVersion, on_delete=models.CASCADE, related_name="actors", verbose_name=_("versi")
    )
    actor_id = models.CharField(_("id pelaksana"), max_length=100)
    nama = models.CharField(_("nama"), max_length=300, blank=True)
    jenis = models.CharField(_("jenis"), max_length=20, blank=True)
    order = models.PositiveIntegerField(_("urutan"))

    class Meta:
        verbose_name = _("pelaksana")
        verbose_name_plural = pgettext_lazy("jamak", "pelaksana")
        ordering = ["version", "order"]
        indexes = [models.Index(fields=["nama"], name="versionactor_nama")]

    def __str__(self) -> str:
        return self.nama or self.actor_id


class VersionStep(models.Model):
    version = models.ForeignKey(
        SopVersion, on_delete=models.CASCADE, related_name="steps", verbose_name=_("versi")
    )
    step_id = models.CharField(_("id langkah"), max_length=100)
    no = models.CharField(_("nomor"), max_length=20, blank=True)
    kegiatan = models.TextField(_("kegiatan"), blank=True)
    simbol = models.CharField(_("simbol"), max_length=20)
    order = models.PositiveIntegerField(_("urutan"))

    class Meta:
        verbose_name = _("langkah")
        verbose_name_plural = pgettext_lazy("jamak", "langkah")
        ordering = ["version", "order"]

    def __str__(self) -> str:
        return f"{self.no} {self.kegiatan}".strip()


class VersionCitation(models.Model):
    version = models.ForeignKey(
        SopVersion, on_delete=models.CASCADE, related_name="citations", verbose_name=_("versi")
    )
    text = models.TextField(_("teks"))
    order = models.PositiveIntegerField(_("urutan"))
    # The register row the line cites, when it could be matched.
    regulation = models.ForeignKey(
        "regulations.Regulation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("peraturan"),
    )

    class Meta:
        verbose_name = _("dasar hukum")
        verbose_name_plural = pgettext_lazy("jamak", "dasar hukum")
        ordering = ["version", "order"]

    def __str__(self) -> str:
        return self.text


class VersionTransition(models.Model):
    """One status change of a version: who, when, from what, to what, and why."""

    version = models.ForeignKey(
        SopVersion,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("versi"),
    )
    # Empty for the row that records the version's creation.
    from_status = models.CharField(
        _("dari status"), max_length=30, choices=VersionStatus.choices, blank=True
    )
    to_status = models.CharField(_("ke status"), max_length=30, choices=VersionStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("perubahan status")
        verbose_name_plural = pgettext_lazy("jamak", "perubahan status")
        ordering = ["version", "at", "id"]

    def __str__(self) -> str:
        return f"{self.version}: {self.from_status or '-'} → {self.to_status}"


def _rendered_path(instance: RenderedFile, filename: str) -> str:
    return f"rendered/{instance.version.sop_id}/{instance.version_id}/{filename}"


class RenderedFile(models.Model):
    """A generated file (PDF, DOCX, BPMN ...) of one version, kept so it is made only once.

    Cache row in the spirit of pretix's ``CachedTicket``: keyed by version, format and the
    render options; ``document_hash`` says which document it was made from, so a version whose
    document changed is rendered again. The bytes live in MEDIA storage (``rendered/``), not in
    the database: the app servers stay stateless with an object store behind them, backups of
    the database stay small, and a lost file is simply made again.
    """

    version = models.ForeignKey(
        SopVersion, on_delete=models.CASCADE, related_name="rendered_files", verbose_name=_("versi")
    )
    format = models.CharField(_("format"), max_length=20)
    options_key = models.CharField(_("opsi"), max_length=500)
    document_hash = models.CharField(_("hash dokumen"), max_length=64)
    file = models.FileField(_("berkas"), upload_to=_rendered_path, max_length=300)
    size = models.PositiveIntegerField(_("ukuran (byte)"), default=0)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)

    class Meta:
        verbose_name = _("berkas hasil")
        verbose_name_plural = pgettext_lazy("jamak", "berkas hasil")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "format", "options_key"], name="renderedfile_unique_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} · {self.format}"


class CheckSettings(models.Model):
    """How the quality checks run for one instansi (``sopan.checks.CheckConfig``): codes
    switched off, severities changed, thresholds. Read by :func:`sopan.sops.quality.check_version`.
    """

    instansi = models.OneToOneField(
        "organisations.Instansi",
        on_delete=models.CASCADE,
        related_name="check_settings",
        verbose_name=_("instansi"),
    )
    data = models.JSONField(
        _("pengaturan"),
        default=dict,
        blank=True,
        help_text=_(
            "Objek JSON. Kunci: nonaktif (daftar kode aturan yang dimatikan, mis. "
            '["LKP012"]), tingkat (kode → error, warning atau info), ambang (nama → angka: '
            "aktor_maks_a4 8, aktor_maks_f4 12, langkah_hierarkis 25, langkah_maks 40), "
            "kata_kabur_tambahan (daftar kata), akronim_dikenal (daftar singkatan). Lihat "
            "docs/checks.md."
        ),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("pengaturan pemeriksaan")
        verbose_name_plural = pgettext_lazy("jamak", "pengaturan pemeriksaan")

    def __str__(self) -> str:
        return str(self.instansi)

    def clean(self) -> None:
        try:
            self.check_config()
        except CheckConfigError as error:
            raise ValidationError({"data": str(error)}) from error

    def check_config(self) -> CheckConfig:
        """The configuration; :class:`CheckConfigError` when ``data`` cannot be used."""
        if self.data is None:
            return CheckConfig()
        if not isinstance(self.data, dict):
            raise CheckConfigError(str(_("pengaturan harus berupa objek JSON (kunci: nilai)")))
        return CheckConfig.from_mapping(self.data)


# The lifecycle models (review, pilot, approval, numbering, jobs) and the attachments of a
# version live in their own modules; importing them here registers them with the app.
from sopan.sops import attachments, lifecycle_models  # noqa: E402, F401

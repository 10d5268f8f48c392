"""Models of the lifecycle of a version: review comments, pilot, approval chain and
approvals, publication, numbering, and the runs of periodic jobs.

Imported at the end of :mod:`sopan.sops.models` so Django registers them in the ``sops``
app. Writes go through :mod:`sopan.sops.lifecycle`; approvals and publication rows are never
edited by hand (read-only in the admin).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sopan.organisations.choices import Role
from sopan.sops.choices import SopKind


class FeedbackKind(models.TextChoices):
    WAKTU_TIDAK_REALISTIS = "waktu_tidak_realistis", _("Waktu tidak realistis")
    SUMBER_DAYA_KURANG = "sumber_daya_kurang", _("Sumber daya kurang")
    LANGKAH_MEMBINGUNGKAN = "langkah_membingungkan", _("Langkah membingungkan")
    LANGKAH_HILANG = "langkah_hilang", _("Langkah hilang")
    LAINNYA = "lainnya", _("Lainnya")


class ApproverKind(models.TextChoices):
    """Who may approve one step of a chain."""

    # Anyone holding the role on the SOP's unit or above it (e.g. pemeriksa of Dinas X).
    PERAN = "peran", _("Peran pada unit pemilik SOP")
    # Whoever holds this position on the day (e.g. Kepala Bagian Organisasi).
    JABATAN = "jabatan", _("Jabatan tertentu")
    # The holder of the kepala_unit position of the owning unit, or of its ancestor at
    # ``kedalaman`` (0 = the root: Kepala Daerah; 1 = the OPD: Kepala Dinas).
    KEPALA_UNIT = "kepala_unit", _("Kepala unit pemilik atau unit di atasnya")


class Comment(models.Model):
    """A reviewer's remark on a version, on a step, on a field (dotted path) or on the whole."""

    version = models.ForeignKey(
        "sops.SopVersion",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("versi"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("penulis"),
    )
    step_id = models.CharField(_("id langkah"), max_length=100, blank=True)
    field = models.CharField(_("bidang isian"), max_length=200, blank=True)
    text = models.TextField(_("isi"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("membalas"),
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    resolved_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diselesaikan oleh"),
    )

    class Meta:
        verbose_name = _("komentar")
        verbose_name_plural = pgettext_lazy("jamak", "komentar")
        ordering = ["version", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class PilotRun(models.Model):
    """The uji coba of a version: in which units, over which period."""

    version = models.ForeignKey(
        "sops.SopVersion",
        on_delete=models.CASCADE,
        related_name="pilot_runs",
        verbose_name=_("versi"),
    )
    units = models.ManyToManyField(
        "organisations.Unit", related_name="pilot_runs", verbose_name=_("unit uji coba")
    )
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    started_at = models.DateTimeField(_("dimulai"), default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dimulai oleh"),
    )
    ended_at = models.DateTimeField(_("diakhiri"), null=True, blank=True)

    class Meta:
        verbose_name = _("uji coba")
        verbose_name_plural = pgettext_lazy("jamak", "uji coba")
        ordering = ["version", "-started_at"]

    def __str__(self) -> str:
        return f"{self.version} · {self.mulai}–{self.selesai}"


class PilotFeedback(models.Model):
    version = models.ForeignKey(
        "sops.SopVersion",
        on_delete=models.CASCADE,
        related_name="pilot_feedback",
        verbose_name=_("versi"),
    )
    pilot = models.ForeignKey(
        PilotRun,
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("uji coba"),
        null=True,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("penulis"),
    )
    step_id = models.CharField(_("id langkah"), max_length=100, blank=True)
    kind = models.CharField(_("jenis masukan"), max_length=30, choices=FeedbackKind.choices)
    text = models.TextField(_("isi"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)

    class Meta:
        verbose_name = _("masukan uji coba")
        verbose_name_plural = pgettext_lazy("jamak", "masukan uji coba")
        ordering = ["version", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.step_id or '-'}: {self.get_kind_display()}"


class ApprovalChain(models.Model):
    """The sequential approval steps for the SOPs of an instansi.

    The chain used for a version is the active chain of its instansi that matches best: a
    chain limited to a unit (applies to SOPs owned by that unit's subtree; the deepest wins)
    before one without, and a chain for the SOP's jenis before one for every jenis. With no
    chain at all the default is: pemeriksa of the unit → pengesah of the unit.
    """

    instansi = models.ForeignKey(
        "organisations.Instansi",
        on_delete=models.CASCADE,
        related_name="approval_chains",
        verbose_name=_("instansi"),
    )
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(
        _("jenis SOP"),
        max_length=20,
        choices=SopKind.choices,
        blank=True,
        help_text=_("Kosong: berlaku untuk semua jenis SOP."),
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="approval_chains",
        verbose_name=_("khusus unit"),
        help_text=_(
            "Kosong: berlaku untuk SOP semua unit. Diisi: hanya untuk SOP milik unit ini "
            "dan unit di bawahnya (mis. SOP generik yang disahkan Kepala Daerah)."
        ),
    )
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("alur pengesahan")
        verbose_name_plural = pgettext_lazy("jamak", "alur pengesahan")
        ordering = ["instansi", "nama"]

    def __str__(self) -> str:
        return self.nama


class ApprovalStep(models.Model):
    chain = models.ForeignKey(
        ApprovalChain, on_delete=models.CASCADE, related_name="steps", verbose_name=_("alur")
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    nama = models.CharField(_("nama tahap"), max_length=200, help_text=_("Mis. Pemeriksaan."))
    kind = models.CharField(
        _("penyetuju"), max_length=20, choices=ApproverKind.choices, default=ApproverKind.PERAN
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices, blank=True)
    position = models.ForeignKey(
        "organisations.Position",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jabatan"),
    )
    kedalaman = models.PositiveSmallIntegerField(
        _("kedalaman unit"),
        null=True,
        blank=True,
        help_text=_(
            "Untuk kepala unit: kosong = kepala unit pemilik SOP; 0 = kepala unit puncak "
            "(Kepala Daerah); 1 = kepala unit di tingkat pertama (Kepala OPD)."
        ),
    )

    class Meta:
        verbose_name = _("tahap pengesahan")
        verbose_name_plural = pgettext_lazy("jamak", "tahap pengesahan")
        ordering = ["chain", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "urutan"], name="approvalstep_urutan_unique")
        ]

    def __str__(self) -> str:
        return f"{self.urutan}. {self.nama}"

    def clean(self) -> None:
        if self.kind == ApproverKind.PERAN and not self.role:
            raise ValidationError({"role": _("Pilih peran penyetuju.")})
        if self.kind == ApproverKind.JABATAN and self.position_id is None:
            raise ValidationError({"position": _("Pilih jabatan penyetuju.")})
        if (
            self.kind == ApproverKind.JABATAN
            and self.position_id is not None
            and self.chain_id is not None
            and self.position is not None
            and self.position.instansi_id != self.chain.instansi_id
        ):
            raise ValidationError({"position": _("Jabatan ini berasal dari instansi lain.")})


class Approval(models.Model):
    """One approval of one chain step, bound to the exact document by its SHA-256.

    Never deleted: when the document changes after the approval, ``invalidated_at`` and
    ``invalidated_reason`` are set and the chain starts again.
    """

    version = models.ForeignKey(
        "sops.SopVersion",
        on_delete=models.CASCADE,
        related_name="approvals",
        verbose_name=_("versi"),
    )
    # The step as it was configured (the chain may be edited later): order and label copied.
    urutan = models.PositiveSmallIntegerField(_("urutan tahap"))
    step_nama = models.CharField(_("tahap"), max_length=200)
    step = models.ForeignKey(
        ApprovalStep,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tahap alur"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("pengguna"),
    )
    person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pegawai"),
    )
    position = models.ForeignKey(
        "organisations.Position",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jabatan"),
    )
    # Names as they were at that moment (people and positions are renamed).
    person_nama = models.CharField(_("nama"), max_length=200, blank=True)
    position_nama = models.CharField(_("nama jabatan"), max_length=200, blank=True)
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    document_hash = models.CharField(_("hash dokumen"), max_length=64)
    note = models.TextField(_("catatan"), blank=True)
    invalidated_at = models.DateTimeField(_("dibatalkan"), null=True, blank=True)
    invalidated_reason = models.TextField(_("alasan pembatalan"), blank=True)

    class Meta:
        verbose_name = _("persetujuan")
        verbose_name_plural = pgettext_lazy("jamak", "persetujuan")
        ordering = ["version", "at", "id"]

    def __str__(self) -> str:
        return f"{self.version} · {self.step_nama} · {self.person_nama or self.user}"


class Publication(models.Model):
    """The approval outcome and publication of a version (one row per version).

    ``approved_at`` is set by the final approval; the version then stays *menunggu
    pengesahan* until :func:`~sopan.sops.lifecycle.version_transition` ``publish`` sets
    ``efektif``. A version whose ``efektif`` lies in the future keeps that status until the
    daily job makes it *berlaku* on that day.

    ``approved_hash`` is the hash of the document the final approver approved; after it the
    system writes the Disahkan oleh fields, the nomor and the effective date into the
    document, giving ``final_hash``. Approvals whose hash is ``approved_hash`` stay valid for
    a document whose hash is ``final_hash``.
    """

    version = models.OneToOneField(
        "sops.SopVersion",
        on_delete=models.CASCADE,
        related_name="publication",
        verbose_name=_("versi"),
    )
    approved_at = models.DateTimeField(_("disahkan"), null=True, blank=True)
    approved_hash = models.CharField(_("hash dokumen yang disahkan"), max_length=64, blank=True)
    final_hash = models.CharField(_("hash dokumen terbit"), max_length=64, blank=True)
    efektif = models.DateField(_("tanggal berlaku"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("diterbitkan"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterbitkan oleh"),
    )

    class Meta:
        verbose_name = _("penerbitan")
        verbose_name_plural = pgettext_lazy("jamak", "penerbitan")

    def __str__(self) -> str:
        return str(self.version)


class NumberingSettings(models.Model):
    """How SOP numbers of an instansi are built (see :mod:`sopan.sops.numbering`)."""

    instansi = models.OneToOneField(
        "organisations.Instansi",
        on_delete=models.CASCADE,
        related_name="numbering_settings",
        verbose_name=_("instansi"),
    )
    pattern = models.CharField(
        _("pola nomor"),
        max_length=200,
        default="{klasifikasi}/{urut}/SOP/{unit}/{tahun}",
        help_text=_(
            "Token: {klasifikasi} kode klasifikasi arsip, {urut} nomor urut per tahun "
            "({urut:3} = 3 digit), {unit} kode unit, {jenis} ADM/TEK, {kode} kode SOP, "
            "{bulan} bulan Romawi, {tahun}, {versi}. Teks lain ditulis apa adanya."
        ),
    )
    klasifikasi = models.CharField(
        _("kode klasifikasi bawaan"), max_length=50, blank=True, help_text=_("Mis. 000.2.3.")
    )
    padding = models.PositiveSmallIntegerField(
        _("jumlah digit nomor urut"), default=0, help_text=_("0 = tanpa nol di depan.")
    )

    class Meta:
        verbose_name = _("pengaturan penomoran")
        verbose_name_plural = pgettext_lazy("jamak", "pengaturan penomoran")

    def __str__(self) -> str:
        return str(self.instansi)

    def clean(self) -> None:
        from sopan.sops.numbering import NumberPatternError, parse_pattern

        try:
            parse_pattern(self.pattern)
        except NumberPatternError as error:
            raise ValidationError({"pattern": str(error)}) from error


class SopClassification(models.Model):
    """The archive classification code of one SOP (overrides the instansi default)."""

    sop = models.OneToOneField(
        "sops.Sop", on_delete=models.CASCADE, related_name="classification", verbose_name=_("SOP")
    )
    klasifikasi = models.CharField(_("kode klasifikasi arsip"), max_length=50)

    class Meta:
        verbose_name = _("klasifikasi arsip SOP")
        verbose_name_plural = pgettext_lazy("jamak", "klasifikasi arsip SOP")

    def __str__(self) -> str:
        return self.klasifikasi


class NumberSequence(models.Model):
    instansi = models.ForeignKey(
        "organisations.Instansi",
        on_delete=models.CASCADE,
        related_name="number_sequences",
        verbose_name=_("instansi"),
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    last = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        verbose_name = _("nomor urut")
        verbose_name_plural = pgettext_lazy("jamak", "nomor urut")
        constraints = [
            models.UniqueConstraint(fields=["instansi", "year"], name="numbersequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.instansi} {self.year}: {self.last}"


class JobRunState(models.TextChoices):
    BERJALAN = "berjalan", _("Berjalan")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")


class JobRun(models.Model):
    """One run of a periodic job for one day; the unique (job, day) makes it run once."""

    job = models.CharField(_("tugas"), max_length=100)
    day = models.DateField(_("hari"))
    state = models.CharField(
        _("keadaan"), max_length=20, choices=JobRunState.choices, default=JobRunState.BERJALAN
    )
    started_at = models.DateTimeField(_("mulai"), default=timezone.now)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=1)
    result = models.TextField(_("hasil"), blank=True)

    class Meta:
        verbose_name = _("jalannya tugas berkala")
        verbose_name_plural = pgettext_lazy("jamak", "jalannya tugas berkala")
        ordering = ["-day", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="jobrun_job_day")]

    def __str__(self) -> str:
        return f"{self.job} {self.day}"

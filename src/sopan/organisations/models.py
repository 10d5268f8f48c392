"""Instansi, the unit tree, positions (jabatan), people, assignments and memberships.

The unit tree uses a materialised path of ids ("/12/45/" for unit 45 under unit 12), so a
subtree is one indexed ``path__startswith`` query at any depth. Writes go through
:mod:`sopan.organisations.services`, which keep ``path`` and ``depth`` right.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from sopan.organisations import nip as nip_rules
from sopan.organisations.choices import PositionKind, Role


def validate_nip_field(value: str) -> None:
    """Model/form validator wrapping the pure :func:`sopan.organisations.nip.validate_nip`."""
    try:
        nip_rules.validate_nip(value)
    except nip_rules.NipError as error:
        message = gettext(error.msgid).format(**error.params)
        raise ValidationError(message, code="invalid_nip") from error


class Instansi(models.Model):
    kode = models.SlugField(_("kode"), max_length=50, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    alamat = models.TextField(_("alamat"), blank=True)
    kota = models.CharField(_("kota/kabupaten"), max_length=100, blank=True)
    # A FileField, not an ImageField: no Pillow dependency for a logo.
    logo = models.FileField(_("logo"), upload_to="instansi/logo/", blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = pgettext_lazy("jamak", "instansi")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class Unit(models.Model):
    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="units", verbose_name=_("instansi")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("unit induk"),
    )
    kode = models.CharField(_("kode"), max_length=50)
    nama = models.CharField(_("nama"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=50, blank=True)
    # "/<root id>/.../<own id>/"; set by the services right after the insert.
    path = models.CharField(_("jalur"), max_length=1000, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("kedalaman"), default=0, editable=False)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = pgettext_lazy("jamak", "unit kerja")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "kode"],
                name="unit_kode_unique_instansi",
                violation_error_message=_("Kode unit ini sudah dipakai di instansi yang sama."),
            )
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if self.parent is not None and self.parent.instansi_id != self.instansi_id:
            raise ValidationError(
                {
                    "parent": _("Unit induk %(unit)s berasal dari instansi lain.")
                    % {"unit": self.parent}
                }
            )

    def path_ids(self) -> list[int]:
        """Ids from the root down to this unit (inclusive)."""
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def ancestors(self) -> models.QuerySet[Unit]:
        """The units above this one, root first (this unit excluded)."""
        ids = self.path_ids()[:-1]
        return Unit.objects.filter(id__in=ids).order_by("depth")

    def hierarchy_names(self) -> list[str]:
        """Names from the top of the tree down to this unit."""
        return [*(unit.nama for unit in self.ancestors()), self.nama]


class Position(models.Model):
    """Jabatan. Obligations (acknowledgements, tasks) attach to a position, not a person."""

    # Denormalised from unit.instansi so that the kode can be unique per instansi.
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name=_("instansi"),
        editable=False,
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="positions", verbose_name=_("unit kerja")
    )
    kode = models.CharField(_("kode"), max_length=50)
    nama = models.CharField(_("nama jabatan"), max_length=200)
    jenis = models.CharField(
        _("jenis jabatan"),
        max_length=20,
        choices=PositionKind.choices,
        default=PositionKind.PELAKSANA,
    )
    kepala_unit = models.BooleanField(_("kepala unit"), default=False)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = pgettext_lazy("jamak", "jabatan")
        ordering = ["unit__path", "-kepala_unit", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "kode"],
                name="position_kode_unique_instansi",
                violation_error_message=_("Kode jabatan ini sudah dipakai di instansi yang sama."),
            )
        ]

    def __str__(self) -> str:
        return self.nama

    def save(self, *args: object, **kwargs: object) -> None:
        # Keep the denormalised instansi in step with the unit (not business logic: integrity).
        if self.unit_id is not None:
            self.instansi_id = self.unit.instansi_id
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Person(models.Model):
    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="people", verbose_name=_("instansi")
    )
    nama = models.CharField(_("nama"), max_length=200)
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_nip_field],
    )
    email = models.EmailField(_("surel"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("akun pengguna"),
    )
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = pgettext_lazy("jamak", "pegawai")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class Assignment(models.Model):
    """A person holding a position from ``mulai`` to ``selesai`` (inclusive; open if null)."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("pegawai")
    )
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("jabatan"),
    )
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"), null=True, blank=True)
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("penugasan")
        verbose_name_plural = pgettext_lazy("jamak", "penugasan")
        ordering = ["-mulai"]
        indexes = [
            models.Index(fields=["position", "selesai"], name="assignment_position_open"),
            models.Index(fields=["person", "selesai"], name="assignment_person_open"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(selesai__isnull=True) | models.Q(selesai__gte=models.F("mulai")),
                name="assignment_selesai_after_mulai",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.position}"

    def clean(self) -> None:
        if (
            self.person_id is not None
            and self.position_id is not None
            and self.person.instansi_id != self.position.instansi_id
        ):
            raise ValidationError(
                {
                    "position": _("Jabatan %(position)s berasal dari instansi lain.")
                    % {"position": self.position}
                }
            )


class Membership(models.Model):
    """A role on a unit; it applies to the unit and its whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("pengguna"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("unit kerja")
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(_("diberikan pada"), default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diberikan oleh"),
    )

    class Meta:
        verbose_name = _("keanggotaan peran")
        verbose_name_plural = pgettext_lazy("jamak", "keanggotaan peran")
        ordering = ["unit__path", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                name="membership_user_unit_role_unique",
                violation_error_message=_("Pengguna ini sudah memegang peran itu di unit ini."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.unit}"


from sopan.organisations.tokens import ApiToken  # noqa: E402, F401  (model in its own module)

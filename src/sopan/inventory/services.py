"""Writes of the inventory: one business operation per function, each checked and audited.

Permission is checked here, not only in the views: entering, changing, importing and turning a
process into an SOP draft need a role in ``EDIT_ROLES`` on the process's unit (or above it);
the weights need ``SETTINGS_ROLES`` on a top unit of the instansi. ``by=None`` is the system
itself (the demo loader, the CLI).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sopan.audit.services import audit_record
from sopan.document import SopDocument
from sopan.inventory.choices import Kategori
from sopan.inventory.models import PrioritySettings, Process
from sopan.inventory.selectors import EDIT_ROLES, can_set_weights
from sopan.organisations.models import Instansi, Unit
from sopan.organisations.selectors import user_has_role
from sopan.sops.models import Sop, SopVersion
from sopan.sops.services import sop_create

AnyUser = User | AnonymousUser

REQUIRED_TEXT = ("tugas", "kegiatan", "output", "aspek")


@dataclass(frozen=True)
class ProcessData:
    """The clean values of one process (forms and the spreadsheet import produce these)."""

    tugas: str
    kegiatan: str
    output: str
    aspek: str
    fungsi: str = ""
    uraian_tugas: str = ""
    judul: str = ""
    kategori: str = Kategori.LAINNYA
    melayani_publik: bool = False
    volume_per_bulan: int = 0
    risiko_kemungkinan: int = 1
    risiko_dampak: int = 1
    pengaduan_12_bulan: int = 0
    temuan_audit_12_bulan: int = 0
    sop: Sop | None = None
    catatan: str = ""
    urutan: int | None = None  # None: after the unit's last process

    def natural_key(self) -> tuple[str, ...]:
        """What identifies a process within its unit (re-importing a row updates it)."""
        return tuple(
            " ".join(value.split()).lower()
            for value in (
                self.tugas,
                self.fungsi,
                self.uraian_tugas,
                self.kegiatan,
                self.output,
                self.aspek,
            )
        )


FIELDS = tuple(f.name for f in dataclasses.fields(ProcessData) if f.name != "urutan")


def process_snapshot(process: Process) -> dict[str, Any]:
    data = {name: getattr(process, name) for name in FIELDS if name != "sop"}
    data.update(unit=process.unit_id, sop=process.sop_id, urutan=process.urutan)
    return data


def _check_may_edit(by: AnyUser | None, unit: Unit) -> None:
    if by is not None and not user_has_role(by, EDIT_ROLES, unit):
        raise ValidationError(
            _("Anda tidak berwenang mengubah inventaris proses unit {unit}.").format(
                unit=unit.nama
            ),
            code="forbidden",
        )


def validate_data(data: ProcessData, unit: Unit) -> None:
    """The rules every process obeys, whatever the entry point (messages in Indonesian)."""
    errors: dict[str, list[str]] = {}
    for name in REQUIRED_TEXT:
        if not getattr(data, name).strip():
            errors.setdefault(name, []).append(_("Wajib diisi."))
    for name in ("risiko_kemungkinan", "risiko_dampak"):
        if not 1 <= getattr(data, name) <= 5:
            errors.setdefault(name, []).append(_("Harus bilangan 1 sampai 5."))
    for name in ("volume_per_bulan", "pengaduan_12_bulan", "temuan_audit_12_bulan"):
        if getattr(data, name) < 0:
            errors.setdefault(name, []).append(_("Tidak boleh negatif."))
    if data.kategori not in Kategori.values:
        errors.setdefault("kategori", []).append(_("Kategori tidak dikenal."))
    for field in Process._meta.concrete_fields:
        value = getattr(data, field.name, None)
        limit = getattr(field, "max_length", None)
        if isinstance(value, str) and limit and len(value) > limit:
            errors.setdefault(field.name, []).append(
                _("Paling banyak {limit} karakter (sekarang {length}).").format(
                    limit=limit, length=len(value)
                )
            )
    if data.sop is not None and data.sop.instansi_id != unit.instansi_id:
        errors.setdefault("sop", []).append(_("SOP ini milik instansi lain."))
    if errors:
        raise ValidationError(errors)


def _duplicate(unit: Unit, data: ProcessData, exclude: int | None = None) -> Process | None:
    key = data.natural_key()
    candidates = Process.objects.filter(unit=unit, output__iexact=" ".join(data.output.split()))
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude)
    for process in candidates:
        if _data_of(process).natural_key() == key:
            return process
    return None


def _data_of(process: Process) -> ProcessData:
    return ProcessData(**{name: getattr(process, name) for name in FIELDS})


def _apply(process: Process, unit: Unit, data: ProcessData) -> None:
    process.unit = unit
    process.instansi_id = unit.instansi_id
    for name in FIELDS:
        value = getattr(data, name)
        setattr(process, name, " ".join(value.split()) if name in REQUIRED_TEXT else value)
    if data.urutan is not None:
        process.urutan = data.urutan
    elif process.pk is None:
        last = Process.objects.filter(unit=unit).order_by("-urutan").first()
        process.urutan = (last.urutan + 1) if last is not None else 1
    process.updated_at = timezone.now()


@transaction.atomic
def process_create(*, unit: Unit, data: ProcessData, by: AnyUser | None) -> Process:
    """Add one process to the inventory of ``unit``."""
    _check_may_edit(by, unit)
    validate_data(data, unit)
    if _duplicate(unit, data) is not None:
        raise ValidationError(
            _(
                "Proses dengan tugas, fungsi, uraian tugas, kegiatan, output dan aspek yang sama "
                "sudah ada di unit ini."
            ),
            code="duplicate",
        )
    process = Process(created_by=by if by is not None and by.is_authenticated else None)
    _apply(process, unit, data)
    process.save()
    audit_record(
        actor=by, action="inventory.process_create", obj=process, after=process_snapshot(process)
    )
    return process


@transaction.atomic
def process_update(
    *, process: Process, unit: Unit, data: ProcessData, by: AnyUser | None
) -> Process:
    """Change a process (moving it to another unit needs the right on both units)."""
    current = Process.objects.select_for_update().select_related("unit").get(pk=process.pk)
    _check_may_edit(by, current.unit)
    if unit.pk != current.unit_id:
        _check_may_edit(by, unit)
    validate_data(data, unit)
    if _duplicate(unit, data, exclude=current.pk) is not None:
        raise ValidationError(
            _(
                "Proses dengan tugas, fungsi, uraian tugas, kegiatan, output dan aspek yang sama "
                "sudah ada di unit ini."
            ),
            code="duplicate",
        )
    before = process_snapshot(current)
    _apply(current, unit, data)
    current.save()
    audit_record(
        actor=by,
        action="inventory.process_update",
        obj=current,
        before=before,
        after=process_snapshot(current),
    )
    return current


@transaction.atomic
def process_delete(*, process: Process, by: AnyUser | None) -> None:
    """Remove a process from the inventory (its SOP, if any, stays)."""
    current = Process.objects.select_for_update().select_related("unit").get(pk=process.pk)
    _check_may_edit(by, current.unit)
    before = process_snapshot(current)
    audit_record(
        actor=by,
        action="inventory.process_delete",
        object_type="inventory.process",
        object_id=current.pk,
        object_repr=str(current),
        before=before,
    )
    current.delete()


def draft_document(process: Process) -> SopDocument:
    """The minimal valid document a draft starts from: title, instansi, unit, no steps."""
    return SopDocument.model_validate(
        {
            "format": "sopan/1",
            "nama": process.judul_sop,
            "instansi": process.unit.instansi.nama,
            "unit": process.unit.nama,
            "langkah": [],
        }
    )


@transaction.atomic
def process_create_draft(*, process: Process, by: AnyUser | None) -> SopVersion:
    """Turn a process into an SOP draft of its unit and link the process to it."""
    current = (
        Process.objects.select_for_update().select_related("unit__instansi").get(pk=process.pk)
    )
    _check_may_edit(by, current.unit)
    if current.sop_id is not None:
        raise ValidationError(
            _("Proses “{judul}” sudah terhubung dengan SOP {kode}.").format(
                judul=current.judul_sop, kode=current.sop.kode if current.sop else ""
            ),
            code="has_sop",
        )
    version = sop_create(unit=current.unit, document=draft_document(current), by=by)
    before = process_snapshot(current)
    current.sop = version.sop
    current.updated_at = timezone.now()
    current.save(update_fields=["sop", "updated_at"])
    audit_record(
        actor=by,
        action="inventory.process_create_draft",
        obj=current,
        before=before,
        after=process_snapshot(current),
    )
    process.sop = current.sop
    return version


@transaction.atomic
def processes_create_drafts(
    *, processes: Iterable[Process], by: AnyUser | None
) -> list[SopVersion]:
    """Drafts for several processes at once, all or nothing."""
    return [process_create_draft(process=process, by=by) for process in processes]


@dataclass
class ImportRow:
    """One spreadsheet row, converted: its row number, its unit and its values."""

    number: int
    unit: Unit
    data: ProcessData


@dataclass
class ImportResult:
    created: list[Process] = dataclasses.field(default_factory=list)
    updated: list[Process] = dataclasses.field(default_factory=list)


@transaction.atomic
def processes_import(
    *, instansi: Instansi, rows: Sequence[ImportRow], by: AnyUser | None, filename: str = ""
) -> ImportResult:
    """Write converted rows, all or nothing: a row that matches a process of its unit (same
    tugas, fungsi, uraian tugas, kegiatan, output and aspek, ignoring case) updates it, any
    other row adds one. A refused row raises a ValidationError naming the row; nothing stays."""
    result = ImportResult()
    problems: list[str] = []
    for row in rows:
        try:
            if row.unit.instansi_id != instansi.pk:
                raise ValidationError(_("Unit ini milik instansi lain."))
            _check_may_edit(by, row.unit)
            validate_data(row.data, row.unit)
        except ValidationError as error:
            problems.append(
                _("Baris {row}: {problem}").format(row=row.number, problem=" ".join(error.messages))
            )
    if problems:
        raise ValidationError(problems, code="import_failed")
    for row in rows:
        existing = _duplicate(row.unit, row.data)
        process = existing or Process(
            created_by=by if by is not None and by.is_authenticated else None
        )
        _apply(process, row.unit, row.data)
        process.save()
        (result.updated if existing else result.created).append(process)
    audit_record(
        actor=by,
        action="inventory.processes_import",
        object_type="organisations.instansi",
        object_id=instansi.pk,
        object_repr=str(instansi),
        after={
            "berkas": filename,
            "ditambah": [p.pk for p in result.created],
            "diubah": [p.pk for p in result.updated],
        },
    )
    return result


WEIGHT_FIELDS = (
    "bobot_risiko",
    "bobot_publik",
    "bobot_volume",
    "bobot_pengaduan",
    "bobot_temuan",
    "faktor_tanpa_sop",
    "volume_acuan",
    "pengaduan_acuan",
    "temuan_acuan",
)


@transaction.atomic
def priority_settings_update(
    *, instansi: Instansi, values: dict[str, Any], by: AnyUser | None
) -> PrioritySettings:
    """Store the weights of the priority score for ``instansi``."""
    if by is not None and not can_set_weights(by, instansi):
        raise ValidationError(
            _("Hanya koordinator atau admin instansi yang dapat mengubah bobot prioritas."),
            code="forbidden",
        )
    settings_row, _created = PrioritySettings.objects.select_for_update().get_or_create(
        instansi=instansi
    )
    before = {name: getattr(settings_row, name) for name in WEIGHT_FIELDS}
    for name in WEIGHT_FIELDS:
        if name in values:
            value = values[name]
            setattr(
                settings_row, name, Decimal(str(value)) if name == "faktor_tanpa_sop" else value
            )
    settings_row.updated_at = timezone.now()
    settings_row.full_clean()
    settings_row.save()
    audit_record(
        actor=by,
        action="inventory.priority_settings_update",
        obj=settings_row,
        before=before,
        after={name: getattr(settings_row, name) for name in WEIGHT_FIELDS},
    )
    return settings_row

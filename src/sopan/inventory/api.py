"""The inventory API (``/api/v1/processes``, ``/api/v1/priorities``), assembled in
:mod:`sopan.config.api`.

The rules are the pages' ones: a process is seen by whoever sees it in the inventory
(:func:`~sopan.inventory.selectors.processes_visible_to`, otherwise 404), and every write goes
through :mod:`sopan.inventory.services`, which checks the role on the unit (403 ``forbidden``),
the values (422 with the field names in ``detail``) and duplicates (422 ``duplicate``).
The inventory is internal: every endpoint needs a token or a session (401 without).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Literal

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from sopan.config.api_errors import COMMON_ERRORS, ApiError
from sopan.inventory.models import Process
from sopan.inventory.selectors import (
    instansi_visible,
    processes_visible_to,
    ranked_processes,
    state_of,
    units_visible,
)
from sopan.inventory.services import ProcessData, process_create, process_update
from sopan.organisations.api import WRITE_AUTH
from sopan.organisations.models import Instansi, Unit
from sopan.organisations.selectors import user_instansi_ids
from sopan.sops.api_support import caller, unit_for
from sopan.sops.choices import VersionStatus
from sopan.sops.models import Sop
from sopan.sops.selectors import sops_visible_to

router = Router(tags=["inventaris"])

KATEGORI = Literal[
    "layanan_publik",
    "keuangan",
    "pengadaan",
    "pengaduan",
    "kepegawaian",
    "perizinan",
    "teknis",
    "lainnya",
]
SOP_STATE = Literal["berlaku", "disusun", "belum"]


class UnitRefOut(Schema):
    id: int
    kode: str
    nama: str


class ProcessOut(Schema):
    id: int
    instansi: str = Field(description="Kode instansi.")
    unit: UnitRefOut = Field(description="Unit kerja pemilik proses.")
    urutan: int = Field(description="Urutan di dalam unit (Tabel 6).")
    tugas: str
    fungsi: str
    uraian_tugas: str
    kegiatan: str
    output: str
    aspek: str = Field(description="Aspek kegiatan (penyusunan, pelaksanaan, evaluasi, ...).")
    judul: str = Field(description="Judul SOP yang diisi; kosong bila memakai usulan.")
    judul_sop: str = Field(description="Judul SOP di Tabel 6: yang diisi, atau usulan.")
    kategori: KATEGORI
    melayani_publik: bool
    volume_per_bulan: int
    risiko_kemungkinan: int = Field(description="1 sampai 5 (register risiko SPIP).")
    risiko_dampak: int = Field(description="1 sampai 5 (register risiko SPIP).")
    pengaduan_12_bulan: int
    temuan_audit_12_bulan: int
    sop_id: int | None = Field(description="SOP yang terhubung, bila ada.")
    status_sop: SOP_STATE = Field(
        description="berlaku: SOP-nya berlaku; disusun: terhubung dengan SOP yang belum "
        "berlaku; belum: tanpa SOP."
    )
    catatan: str
    created_at: dt.datetime
    updated_at: dt.datetime


class ProcessPageOut(Schema):
    count: int = Field(description="Jumlah proses yang cocok.")
    page: int
    pages: int
    page_size: int
    items: list[ProcessOut]


class ProcessFilters(Schema):
    instansi: str | None = Field(None, description="Id atau kode instansi.")
    unit: str | None = Field(None, description="Id atau kode unit: unit itu dan di bawahnya.")
    kategori: KATEGORI | None = None
    tanpa_sop: bool = Field(False, description="Hanya proses tanpa SOP berlaku.")
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=200, description="Proses per halaman (paling banyak 200).")


class ProcessFieldsIn(Schema):
    """The fields of a process; all optional here (PATCH changes only what is sent)."""

    tugas: str | None = Field(None, description="Tugas (wajib saat membuat).")
    fungsi: str | None = None
    uraian_tugas: str | None = None
    kegiatan: str | None = Field(None, description="Kegiatan (wajib saat membuat).")
    output: str | None = Field(None, description="Output (wajib saat membuat).")
    aspek: str | None = Field(None, description="Aspek kegiatan (wajib saat membuat).")
    judul: str | None = Field(None, description="Judul SOP; kosong: usulan output + aspek.")
    kategori: KATEGORI | None = None
    melayani_publik: bool | None = None
    volume_per_bulan: int | None = Field(None, ge=0)
    risiko_kemungkinan: int | None = Field(None, description="1 sampai 5.")
    risiko_dampak: int | None = Field(None, description="1 sampai 5.")
    pengaduan_12_bulan: int | None = Field(None, ge=0)
    temuan_audit_12_bulan: int | None = Field(None, ge=0)
    sop: int | None = Field(None, description="Id SOP yang menjadi SOP proses ini.")
    catatan: str | None = None
    urutan: int | None = Field(None, ge=0, description="Urutan di dalam unit.")


class ProcessCreateIn(ProcessFieldsIn):
    unit: int | str = Field(description="Unit kerja: id, atau kode unit di instansi pemanggil.")


class ProcessUpdateIn(ProcessFieldsIn):
    unit: int | str | None = Field(None, description="Pindah ke unit lain (id atau kode).")


class PriorityFilters(Schema):
    instansi: str | None = Field(None, description="Id atau kode instansi (bawaan: yang pertama).")
    unit: str | None = Field(None, description="Id atau kode unit: unit itu dan di bawahnya.")
    kategori: KATEGORI | None = None
    tanpa_sop: bool = Field(False, description="Hanya proses tanpa SOP berlaku.")
    limit: int = Field(50, ge=1, le=500, description="Paling banyak berapa proses.")


class ScoreOut(Schema):
    skor: float = Field(description="Skor prioritas (dasar × faktor), satu desimal.")
    dasar: float = Field(description="Rata-rata tertimbang faktor, skala 0..100.")
    faktor: float = Field(description="Pengali proses tanpa SOP berlaku (1 bila ada).")
    nilai: dict[str, float] = Field(description="Nilai tiap faktor, 0..1.")
    poin: dict[str, float] = Field(description="Sumbangan tiap faktor pada skor dasar.")


class PriorityOut(Schema):
    peringkat: int
    process: ProcessOut
    score: ScoreOut


def process_out(process: Process) -> dict[str, Any]:
    return {
        **{name: getattr(process, name) for name in _FIELDS if name != "sop"},
        "urutan": process.urutan,
        "id": process.pk,
        "instansi": process.instansi.kode,
        "unit": {"id": process.unit_id, "kode": process.unit.kode, "nama": process.unit.nama},
        "judul_sop": process.judul_sop,
        "sop_id": process.sop_id,
        "status_sop": state_of(process),
        "created_at": process.created_at,
        "updated_at": process.updated_at,
    }


def _instansi(user: Any, value: str | None) -> Instansi | None:
    if not value:
        return None
    found = [i for i in instansi_visible(user) if value in (str(i.pk), i.kode)]
    if not found:
        raise Http404
    return found[0]


def _unit(user: Any, value: str | None) -> Unit | None:
    if not value:
        return None
    units = units_visible(user)
    found = list(units.filter(pk=int(value)) if value.isdigit() else units.filter(kode=value))
    if len(found) != 1:
        raise Http404
    return found[0]


def _visible_process(user: Any, process_id: int) -> Process:
    process = processes_visible_to(user).filter(pk=process_id).first()
    if process is None:
        raise Http404
    return process


def _sop(user: Any, sop_id: int | None) -> Sop | None:
    if sop_id is None:
        return None
    sop = sops_visible_to(user).filter(pk=sop_id).first()
    if sop is None:
        message = _("SOP {sop} tidak ditemukan atau tidak boleh Anda lihat.").format(sop=sop_id)
        raise ApiError(422, "unknown_sop", message)
    return sop


def _data(user: Any, values: dict[str, Any], base: ProcessData | None = None) -> ProcessData:
    values = {k: v for k, v in values.items() if k in _FIELDS}
    if "sop" in values:
        values["sop"] = _sop(user, values["sop"])
    for name in ("fungsi", "uraian_tugas", "judul", "catatan", *_REQUIRED):
        if name in values and values[name] is None:
            values[name] = ""
    if base is None:
        return ProcessData(**{"tugas": "", "kegiatan": "", "output": "", "aspek": "", **values})
    return dataclasses.replace(base, **values)


_FIELDS = {f.name for f in dataclasses.fields(ProcessData)}
_REQUIRED = ("tugas", "kegiatan", "output", "aspek")


@router.get(
    "/processes",
    response={200: ProcessPageOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Daftar proses dalam inventaris yang boleh dilihat pemanggil",
    description="Proses unit-unit tempat pemanggil berperan (admin, koordinator, penyusun, "
    "pemeriksa, pengesah, auditor) dan unit di bawahnya, urut menurut unit dan urutan Tabel 6.",
)
def processes_list(request: HttpRequest, filters: Query[ProcessFilters]) -> dict[str, Any]:
    user = caller(request)
    processes = processes_visible_to(
        user, instansi=_instansi(user, filters.instansi), unit=_unit(user, filters.unit)
    )
    if filters.kategori:
        processes = processes.filter(kategori=filters.kategori)
    if filters.tanpa_sop:
        processes = processes.exclude(sop__versions__status__in=VersionStatus.IN_FORCE)
    paginator = Paginator(processes, filters.page_size)
    items = (
        list(paginator.page(filters.page).object_list)
        if filters.page <= paginator.num_pages
        else []
    )
    return {
        "count": paginator.count,
        "page": filters.page,
        "pages": paginator.num_pages if paginator.count else 0,
        "page_size": filters.page_size,
        "items": [process_out(p) for p in items],
    }


@router.get(
    "/processes/{process_id}",
    response={200: ProcessOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Satu proses",
)
def processes_detail(request: HttpRequest, process_id: int) -> dict[str, Any]:
    return process_out(_visible_process(caller(request), process_id))


@router.post(
    "/processes",
    response={201: ProcessOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Menambah proses ke inventaris sebuah unit",
    description="Aturan sama dengan formulir: tugas, kegiatan, output dan aspek wajib; "
    "kemungkinan dan dampak risiko 1 sampai 5; angka tidak negatif; proses yang sama persis "
    "di unit yang sama ditolak (422 `duplicate`). Pemanggil harus admin, koordinator atau "
    "penyusun unit itu atau unit di atasnya (403 bila tidak).",
)
def processes_create(
    request: HttpRequest, payload: ProcessCreateIn, response: HttpResponse
) -> Status[dict[str, Any]]:
    user = caller(request)
    unit = unit_for(payload.unit, user_instansi_ids(user))
    data = _data(user, payload.dict(exclude_unset=True, exclude={"unit"}))
    process = process_create(unit=unit, data=data, by=user)
    response["Location"] = f"/api/v1/processes/{process.pk}"
    return Status(201, process_out(_visible_process(user, process.pk)))


@router.patch(
    "/processes/{process_id}",
    response={200: ProcessOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Mengubah proses (hanya isian yang dikirim)",
    description="Isian yang tidak dikirim tetap. `unit` memindahkan proses; pemanggil harus "
    "berhak mengubah inventaris unit asal dan unit tujuan.",
)
def processes_update(
    request: HttpRequest, process_id: int, payload: ProcessUpdateIn
) -> dict[str, Any]:
    user = caller(request)
    process = _visible_process(user, process_id)
    values = payload.dict(exclude_unset=True)
    unit = process.unit
    if values.get("unit") is not None:
        unit = unit_for(values.pop("unit"), user_instansi_ids(user))
    values.pop("unit", None)
    base = ProcessData(**{name: getattr(process, name) for name in _FIELDS})
    data = _data(user, values, base=dataclasses.replace(base, urutan=process.urutan))
    process_update(process=process, unit=unit, data=data, by=user)
    return process_out(_visible_process(user, process.pk))


@router.get(
    "/priorities",
    response={200: list[PriorityOut], **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Peringkat prioritas proses (skor tertinggi dahulu)",
    description="Skor menurut rumus dan bobot instansi (docs/inventory.md): rata-rata "
    "tertimbang risiko, layanan publik, volume, pengaduan dan temuan audit, dikali faktor "
    "tanpa SOP berlaku. Satu instansi per permintaan (bobotnya berbeda per instansi).",
)
def priorities_list(request: HttpRequest, filters: Query[PriorityFilters]) -> list[dict[str, Any]]:
    user = caller(request)
    instansi = _instansi(user, filters.instansi)
    if instansi is None:
        instansi = instansi_visible(user).first()
        if instansi is None:
            raise ApiError(
                403, "forbidden", _("Anda tidak berperan di inventaris proses mana pun.")
            )
    ranked = ranked_processes(
        user,
        instansi=instansi,
        unit=_unit(user, filters.unit),
        kategori=filters.kategori,
        tanpa_sop=filters.tanpa_sop,
    )
    return [
        {
            "peringkat": item.rank,
            "process": process_out(item.process),
            "score": dataclasses.asdict(item.score),
        }
        for item in ranked[: filters.limit]
    ]


__all__ = ["router"]

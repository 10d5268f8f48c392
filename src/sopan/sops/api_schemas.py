"""In and out schemas of the SOP API (django-ninja), documented in Indonesian for OpenAPI.

Out schemas are filled by :mod:`sopan.sops.api` from the models; nothing here reads the
database. Field names follow the models and SOP-FORMAT.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

ACTIONS = Literal["submit", "return", "start_pilot", "end_pilot", "approve", "publish", "retire"]
RENDER_FORMATS = Literal["pdf", "docx", "bpmn", "html", "mermaid", "svg"]
EXPORT_FORMATS = Literal["yaml", "json"]
STATUSES = Literal[
    "konsep", "dalam_reviu", "uji_coba", "menunggu_pengesahan", "berlaku", "digantikan", "dicabut"
]


class UnitOut(Schema):
    id: int
    kode: str
    nama: str


class InstansiOut(Schema):
    kode: str
    nama: str


class VersionSummaryOut(Schema):
    id: int = Field(description="Id versi (dipakai di /versions/{id}).")
    sop_id: int
    number: int = Field(description="Versi ke-berapa dari SOP ini (1, 2, ...).")
    status: STATUSES = Field(description="Status versi.")
    status_label: str = Field(description="Status dalam kata-kata (sesuai bahasa permintaan).")
    nama: str = Field(description="Nama SOP menurut dokumen versi ini.")
    nomor: str = Field(description="Nomor SOP (kosong sebelum disahkan).")
    jenis: str = Field(description="administratif atau teknis (boleh kosong).")
    document_hash: str = Field(description="SHA-256 dari bentuk kanonis dokumen.")
    created_at: dt.datetime
    updated_at: dt.datetime


class SopRefOut(Schema):
    id: int
    kode: str = Field(description="Kode SOP yang tetap di dalam instansi.")
    unit: UnitOut = Field(description="Unit kerja pemilik SOP.")
    instansi: InstansiOut
    is_public: bool = Field(description="Versi yang sudah disahkan tampil di portal publik.")


class SopOut(SopRefOut):
    latest_version: VersionSummaryOut | None = Field(
        description="Versi terbaru yang boleh dilihat pemanggil."
    )


class SopDetailOut(SopOut):
    created_at: dt.datetime
    in_force: VersionSummaryOut | None = Field(description="Versi yang sedang berlaku, bila ada.")
    version_count: int = Field(description="Jumlah versi yang boleh dilihat pemanggil.")


class SopPageOut(Schema):
    count: int = Field(description="Jumlah SOP yang cocok.")
    page: int = Field(description="Halaman ini (mulai 1).")
    pages: int = Field(description="Jumlah halaman.")
    page_size: int
    items: list[SopOut]


class FindingOut(Schema):
    code: str = Field(description="Kode aturan pemeriksaan mutu, mis. LKP001 (docs/checks.md).")
    severity: Literal["error", "warning", "info"]
    message: str
    hint: str
    location: dict[str, Any] = Field(description="{step, field, line}: letak temuan.")


class VersionOut(VersionSummaryOut):
    sop: SopRefOut
    lock_version: int = Field(description="Bertambah setiap kali dokumen konsep disimpan.")
    etag: str = Field(description="Sama dengan header ETag; kirim sebagai If-Match saat PUT.")
    document: dict[str, Any] = Field(description="Dokumen SOP lengkap (SOP-FORMAT.md, JSON).")
    findings: list[FindingOut] = Field(description="Temuan pemeriksaan mutu atas versi ini.")
    allowed_actions: list[str] = Field(
        description="Tindakan status yang boleh dilakukan pemanggil sekarang."
    )


class DocumentIn(Schema):
    document: dict[str, Any] | str = Field(
        description="Dokumen SOP dalam bentuk SOP-FORMAT.md: objek JSON, atau teks YAML/JSON "
        "(isi berkas .sop.yaml / .sop.json). Masalah pada teks dilaporkan dengan baris dan "
        "kolomnya di teks itu; masalah pada objek dilaporkan dengan baris dan kolom pada objek "
        "yang dicetak ulang dengan indentasi 2 spasi, serta `path`-nya."
    )


class SopCreateIn(DocumentIn):
    unit: int | str = Field(
        description="Unit kerja pemilik: id, atau kode unit di instansi pemanggil."
    )


class RevisionIn(Schema):
    reason: str = Field(description="Alasan revisi (wajib).")


class TransitionIn(Schema):
    action: ACTIONS = Field(
        description="submit: ajukan untuk direviu; return: kembalikan ke penyusun (catatan "
        "wajib); start_pilot / end_pilot: mulai / akhiri uji coba; approve: sahkan (satu "
        "langkah rantai pengesahan); publish: terbitkan dengan tanggal efektif; retire: cabut "
        "(catatan wajib)."
    )
    note: str = Field("", description="Catatan atau alasan.")
    units: list[int | str] | None = Field(
        None, description="start_pilot: unit uji coba (id atau kode unit)."
    )
    mulai: dt.date | None = Field(None, description="start_pilot: tanggal mulai uji coba.")
    selesai: dt.date | None = Field(None, description="start_pilot: tanggal selesai uji coba.")
    efektif: dt.date | None = Field(
        None, description="publish: tanggal mulai berlaku (hari ini atau kemudian)."
    )


class CommentIn(Schema):
    text: str = Field(description="Isi komentar.")
    step_id: str | None = Field(None, description="Id langkah yang dikomentari, bila ada.")
    field: str | None = Field(None, description="Isian yang dikomentari, mis. `tujuan`.")
    parent: int | None = Field(None, description="Id komentar yang dibalas.")


class PersonOut(Schema):
    username: str
    nama: str


class CommentOut(Schema):
    id: int
    version_id: int
    author: PersonOut | None
    text: str
    step_id: str | None
    field: str | None
    parent: int | None
    created_at: dt.datetime
    resolved_at: dt.datetime | None
    resolved_by: PersonOut | None


class DiffOut(Schema):
    old: VersionSummaryOut = Field(description="Versi {id} di alamat.")
    new: VersionSummaryOut = Field(description="Versi {other_id} di alamat.")
    empty: bool = Field(description="true bila kedua dokumen sama isinya.")
    changes: dict[str, Any] = Field(
        description="Perubahan menurut makna (identity, fields, lists, actors, steps): bentuk "
        "`DocumentDiff.to_dict()` dari inti dokumen."
    )
    text: list[str] = Field(description="Perubahan yang sama dalam kalimat, satu per baris.")


class SopFilters(Schema):
    q: str | None = Field(None, max_length=200, description="Cari di nama dan nomor SOP.")
    unit: str | None = Field(
        None, description="Id atau kode unit: SOP unit itu dan unit-unit di bawahnya."
    )
    status: STATUSES | None = Field(None, description="Status versi terbaru yang terlihat.")
    page: int = Field(1, ge=1, description="Halaman (mulai 1).")
    page_size: int = Field(25, ge=1, le=100, description="SOP per halaman (paling banyak 100).")


class RenderQuery(Schema):
    format: RENDER_FORMATS = Field(description="Format berkas.")
    paper: Literal["a4", "f4"] = Field("a4", description="Ukuran kertas.")
    orientation: Literal["landscape", "portrait"] = Field("landscape", description="Arah kertas.")


class ExportQuery(Schema):
    format: EXPORT_FORMATS = Field("yaml", description="yaml (.sop.yaml) atau json (.sop.json).")

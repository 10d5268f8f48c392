"""The SOP document: pydantic models for exactly the shape of ``SOP-FORMAT.md``.

Every model forbids unknown keys and is frozen, so a document is a value: two documents with
the same content compare equal, which the round-trip tests rely on.

Conventions that keep loading and writing lossless:

- optional text is ``None`` when missing, lists default to ``[]`` and the nested blocks
  (``tanggal``, ``disahkan_oleh``, ``ruang_lingkup``, ``pelaporan``) default to an empty
  block, so a writer may omit empty values and the reader gives back an equal document;
- numbers written where text is expected (``versi: 1.0``, ``nomor: 123``, ``ke: 2``) arrive
  here as the text written in the file (the loader keeps the scalar's source text);
- ``null`` for a list or a block means "empty".
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag
from pydantic_core import PydanticCustomError

Jenis = Literal["administratif", "teknis"]
Simbol = Literal["mulai", "proses", "keputusan", "selesai"]
JenisPelaksana = Literal["internal", "eksternal", "sistem"]
Frekuensi = Literal["harian", "mingguan", "bulanan", "triwulanan", "semesteran", "tahunan"]

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NIP_RE = re.compile(r"\d{18}")


def _parse_date(value: Any) -> Any:
    """Accept a ``date`` or ``YYYY-MM-DD`` text only (never a number read as a timestamp)."""
    if value is None or type(value) is date:
        return value
    if isinstance(value, str) and _DATE_RE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("sopan_date", "invalid date")


def _parse_nip(value: Any) -> Any:
    """NIP: 18 digits; spaces as printed on documents ("19800101 200501 1 001") are removed."""
    if value is None:
        return None
    text = str(value).replace(" ", "") if isinstance(value, str | int) else value
    if isinstance(text, str) and _NIP_RE.fullmatch(text):
        return text
    raise PydanticCustomError("sopan_nip", "invalid nip")


def _none_to_list(value: Any) -> Any:
    return [] if value is None else value


def _empty_to_none(value: Any) -> Any:
    return None if value == [] else value


def _none_to_block(value: Any) -> Any:
    return {} if value is None else value


Tanggal = Annotated[date | None, BeforeValidator(_parse_date)]
Nip = Annotated[str | None, BeforeValidator(_parse_nip)]
# Text or a list of texts; an empty list reads as "not given".
TextOrList = Annotated[str | list[str] | None, BeforeValidator(_empty_to_none)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


T = TypeVar("T")
# A list field: ``null`` reads as empty.
ListOf = Annotated[list[T], BeforeValidator(_none_to_list)]


class TanggalBlock(_Model):
    pembuatan: Tanggal = None
    revisi: Tanggal = None
    efektif: Tanggal = None


class DisahkanOleh(_Model):
    jabatan: str | None = None
    nama: str | None = None
    nip: Nip = None


class RuangLingkup(_Model):
    cakupan: str | None = None
    pengecualian: ListOf[str] = Field(default_factory=list)


class Definisi(_Model):
    istilah: str | None = None
    arti: str | None = None


class KeterkaitanSop(_Model):
    sop: str
    hubungan: str | None = None


def _keterkaitan_kind(value: Any) -> str:
    if isinstance(value, dict | KeterkaitanSop):
        return "sop"
    return "teks"


Keterkaitan = Annotated[
    Annotated[str, Tag("teks")] | Annotated[KeterkaitanSop, Tag("sop")],
    Discriminator(_keterkaitan_kind),
]


class Actor(_Model):
    """One actor column (``pelaksana``)."""

    id: str
    nama: str | None = None
    jenis: JenisPelaksana = "internal"


class Cabang(_Model):
    """One labelled exit of a decision."""

    label: str | None = None
    ke: str


class Step(_Model):
    """One row of the procedure table (``langkah``)."""

    id: str | None = None
    no: int | str | None = None
    kegiatan: str | None = None
    simbol: Simbol = "proses"
    pelaksana: ListOf[str] = Field(default_factory=list)
    kelengkapan: TextOrList = None
    waktu: str | None = None
    output: str | None = None
    keterangan: str | None = None
    ke: TextOrList = None
    cabang: ListOf[Cabang] = Field(default_factory=list)

    @property
    def step_id(self) -> str:
        """The step's id: ``id``, else the text of ``no`` ("" when neither is given)."""
        if self.id is not None:
            return self.id
        return "" if self.no is None else str(self.no)

    def targets(self) -> list[str]:
        """The ids named by ``ke`` (in order), not the default next row nor the branches."""
        if self.ke is None:
            return []
        return [self.ke] if isinstance(self.ke, str) else list(self.ke)


class Indikator(_Model):
    nama: str | None = None
    rumus: str | None = None
    target: str | None = None
    frekuensi: Frekuensi | None = None


class Pelaporan(_Model):
    kepada: str | None = None
    frekuensi: Frekuensi | None = None


class Eskalasi(_Model):
    kondisi: str | None = None
    tindakan: str | None = None
    kepada: str | None = None


class Lampiran(_Model):
    nama: str | None = None
    berkas: str | None = None


class Riwayat(_Model):
    versi: str | None = None
    tanggal: Tanggal = None
    ringkasan: str | None = None
    alasan: str | None = None


# A block field: ``null`` reads as an empty block.
_BLOCK = BeforeValidator(_none_to_block)


class SopDocument(_Model):
    """One SOP version (``format: sopan/1``).

    ``standar_waktu`` (optional, an addition to the format page) is the service standard time
    as a waktu text, e.g. ``"14 hari kerja"``; the quality checks compare the longest path of
    the flow with it.
    """

    format: Literal["sopan/1"]
    nama: str
    nomor: str | None = None
    jenis: Jenis | None = None
    versi: str | None = None
    instansi: str | None = None
    unit: TextOrList = None
    standar_waktu: str | None = None
    tanggal: Annotated[TanggalBlock, _BLOCK] = Field(default_factory=TanggalBlock)
    disahkan_oleh: Annotated[DisahkanOleh, _BLOCK] = Field(default_factory=DisahkanOleh)
    tujuan: str | None = None
    ruang_lingkup: Annotated[RuangLingkup, _BLOCK] = Field(default_factory=RuangLingkup)
    definisi: ListOf[Definisi] = Field(default_factory=list)
    dasar_hukum: ListOf[str] = Field(default_factory=list)
    kualifikasi_pelaksana: ListOf[str] = Field(default_factory=list)
    keterkaitan: ListOf[Keterkaitan] = Field(default_factory=list)
    peralatan: ListOf[str] = Field(default_factory=list)
    peringatan: ListOf[str] = Field(default_factory=list)
    pencatatan: ListOf[str] = Field(default_factory=list)
    pelaksana: ListOf[Actor] = Field(default_factory=list)
    langkah: ListOf[Step] = Field(default_factory=list)
    indikator: ListOf[Indikator] = Field(default_factory=list)
    pelaporan: Annotated[Pelaporan, _BLOCK] = Field(default_factory=Pelaporan)
    eskalasi: ListOf[Eskalasi] = Field(default_factory=list)
    lampiran: ListOf[Lampiran] = Field(default_factory=list)
    riwayat: ListOf[Riwayat] = Field(default_factory=list)

    def actor_ids(self) -> list[str]:
        """Actor ids in column order."""
        return [actor.id for actor in self.pelaksana]

    def step_ids(self) -> list[str]:
        """Step ids in row order."""
        return [step.step_id for step in self.langkah]

    def step(self, step_id: str) -> Step | None:
        """The step with this id, or ``None``."""
        return next((s for s in self.langkah if s.step_id == step_id), None)

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, or ``None``."""
        return next((a for a in self.pelaksana if a.id == actor_id), None)


# Top-level key order of SOP-FORMAT.md (``standar_waktu`` placed with the identity block).
FIELD_ORDER: tuple[str, ...] = tuple(SopDocument.model_fields)

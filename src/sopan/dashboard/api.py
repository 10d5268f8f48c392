"""``GET /api/v1/dasbor``: the dashboard's figures as JSON, with the page's permissions.

The same :func:`~sopan.dashboard.scope.dashboard_scope` and
:func:`~sopan.dashboard.selectors.dashboard_figures` as ``/dasbor/``: koordinator, admin and
auditor see their role's subtree (on the root unit: the whole instansi), a unit head (pengesah)
their unit's subtree; anyone else 403, an instansi or unit outside the scope 404, no
credentials 401, a malformed period 422 ``invalid_period``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from sopan.config.api_errors import COMMON_ERRORS, ApiError
from sopan.dashboard.attention import FlagRow, LateRow, Listing, ReviewRow
from sopan.dashboard.scope import DashboardScope, dashboard_scope
from sopan.dashboard.selectors import Figures, dashboard_figures
from sopan.organisations.api import WRITE_AUTH
from sopan.organisations.models import Unit
from sopan.sops.api_support import caller

router = Router(tags=["dasbor"])


class DashboardFilters(Schema):
    instansi: str | None = Field(None, description="Id atau kode instansi (bawaan: yang pertama).")
    unit: str | None = Field(None, description="Id atau kode unit: unit itu dan di bawahnya.")
    dari: str | None = Field(
        None, description="Bulan awal periode, TTTT-BB (bawaan: 11 bulan sebelum `sampai`)."
    )
    sampai: str | None = Field(
        None, description="Bulan akhir periode, TTTT-BB (bawaan: bulan ini)."
    )


class UnitRefOut(Schema):
    id: int
    kode: str
    nama: str


class ScopeOut(Schema):
    instansi: str = Field(description="Kode instansi.")
    instansi_nama: str
    unit: UnitRefOut | None = Field(description="Saringan unit, bila ada.")
    units: list[UnitRefOut] = Field(description="Unit teratas yang dicakup angka-angka ini.")
    dari: str = Field(description="Bulan awal periode (TTTT-BB).")
    sampai: str = Field(description="Bulan akhir periode (TTTT-BB).")
    tanggal: dt.date = Field(description="Hari yang menjadi acuan jatuh tempo dan terlambat.")


class StatusCountOut(Schema):
    status: str
    label: str
    count: int = Field(description="Versi dalam status ini (tanpa yang digantikan).")


class UnitStatusOut(Schema):
    unit: UnitRefOut
    label: str
    counts: dict[str, int] = Field(description="Jumlah per status.")
    total: int


class CoverageOut(Schema):
    kategori: str = Field(description="Kode kategori; kosong untuk baris jumlah.")
    label: str
    total: int = Field(description="Proses dalam inventaris.")
    berlaku: int = Field(description="Proses dengan SOP berlaku.")
    disusun: int = Field(description="Proses dengan SOP yang belum berlaku.")
    belum: int = Field(description="Proses tanpa SOP.")
    persen: float = Field(description="Persen proses dengan SOP berlaku.")


class PriorityOut(Schema):
    rank: int
    process_id: int
    judul: str
    unit: str
    kategori: str
    kategori_label: str
    skor: float
    state: str = Field(description="disusun (SOP belum berlaku) atau belum (tanpa SOP).")
    state_label: str


class MonthOut(Schema):
    month: str = Field(description="TTTT-BB.")
    count: int = Field(description="Versi yang pengesahannya selesai pada bulan itu.")
    average_days: float | None = Field(description="Rata-rata hari sejak versi dibuat.")


class ApprovalOut(Schema):
    count: int = Field(description="Versi yang pengesahannya selesai dalam periode.")
    average_days: float | None = Field(
        description="Rata-rata hari dari versi dibuat (mulai disusun) sampai pengesahan "
        "terakhir (atau masuk Berlaku tanpa rantai); null bila tidak ada."
    )
    by_month: list[MonthOut]


class ReviewOut(Schema):
    sop_id: int
    version_id: int
    nama: str
    unit: str
    due: dt.date = Field(description="Tanggal tinjauan berikutnya.")
    days: int = Field(description="Hari sampai tanggal itu; negatif: terlambat sekian hari.")


class ReviewListOut(Schema):
    count: int = Field(description="Jumlah seluruhnya.")
    items: list[ReviewOut] = Field(description="Paling banyak 50 yang pertama.")


class FlagOut(Schema):
    sop_id: int
    version_id: int
    nama: str
    unit: str
    regulation: str = Field(description="Peraturan yang diubah atau dicabut.")
    change: str = Field(description="diubah atau dicabut.")
    change_label: str
    replaced_by: str | None = Field(description="Peraturan pengubah/pengganti, bila tercatat.")
    flagged_on: dt.date


class FlagListOut(Schema):
    count: int
    items: list[FlagOut]


class LateOut(Schema):
    team_id: int
    team: str = Field(description="Nama tim penyusun.")
    unit: str
    tenggat: dt.date
    days_late: int = Field(description="Hari lewat tenggat.")
    judul: str = Field(description="SOP atau proses tim yang belum selesai.")
    stage: str = Field(description="Tahap: belum_ada_sop, penyusunan, reviu, uji_coba, pengesahan.")
    stage_label: str
    sop_id: int | None
    process_id: int | None


class LateListOut(Schema):
    count: int
    items: list[LateOut]


class DashboardOut(Schema):
    scope: ScopeOut
    statuses: list[StatusCountOut]
    by_unit: list[UnitStatusOut] = Field(
        description="Per unit satu tingkat di bawah unit teratas (baris unit teratas sendiri "
        "untuk SOP miliknya langsung)."
    )
    coverage: list[CoverageOut] = Field(description="Cakupan SOP per kategori proses.")
    coverage_total: CoverageOut
    priorities: list[PriorityOut] = Field(description="10 proses prioritas tanpa SOP berlaku.")
    approval: ApprovalOut
    reviews_overdue: ReviewListOut
    reviews_upcoming: ReviewListOut = Field(description="Tinjauan jatuh tempo dalam 30 hari.")
    regulation_flags: FlagListOut = Field(
        description="SOP berlaku yang ditandai karena peraturan yang dikutipnya diubah/dicabut."
    )
    late_drafts: LateListOut = Field(
        description="SOP dan proses tim penyusun yang tenggatnya lewat dan belum selesai."
    )


def _unit(unit: Unit) -> dict[str, Any]:
    return {"id": unit.pk, "kode": unit.kode, "nama": unit.nama}


def _scope_out(scope: DashboardScope) -> dict[str, Any]:
    return {
        "instansi": scope.instansi.kode,
        "instansi_nama": scope.instansi.nama,
        "unit": _unit(scope.unit) if scope.unit else None,
        "units": [_unit(u) for u in scope.roots],
        "dari": scope.period.dari,
        "sampai": scope.period.sampai,
        "tanggal": scope.today,
    }


def _listing(listing: Listing[ReviewRow] | Listing[FlagRow] | Listing[LateRow]) -> dict[str, Any]:
    return {"count": listing.count, "items": [dataclasses.asdict(r) for r in listing.rows]}


def figures_out(figures: Figures) -> dict[str, Any]:
    approval = figures.approval
    return {
        "scope": _scope_out(figures.scope),
        "statuses": [dataclasses.asdict(s) for s in figures.statuses],
        "by_unit": [
            {"unit": _unit(r.unit), "label": r.label, "counts": r.counts, "total": r.total}
            for r in figures.by_unit
        ],
        "coverage": [_coverage(r) for r in figures.coverage],
        "coverage_total": _coverage(figures.coverage_total),
        "priorities": [dataclasses.asdict(p) for p in figures.priorities],
        "approval": {
            "count": approval.count,
            "average_days": approval.average_days,
            "by_month": [
                {"month": m.key, "count": m.count, "average_days": m.average_days}
                for m in approval.by_month
            ],
        },
        "reviews_overdue": _listing(figures.reviews_overdue),
        "reviews_upcoming": _listing(figures.reviews_upcoming),
        "regulation_flags": _listing(figures.flags),
        "late_drafts": _listing(figures.late_drafts),
    }


def _coverage(row: Any) -> dict[str, Any]:
    return {
        "kategori": row.kategori,
        "label": row.label,
        "total": row.total,
        "berlaku": row.berlaku,
        "disusun": row.disusun,
        "belum": row.belum,
        "persen": row.persen,
    }


@router.get(
    "/dasbor",
    response={200: DashboardOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Angka-angka dasbor koordinator",
    description="SOP per status dan per unit, cakupan per kategori, proses prioritas tanpa "
    "SOP, lama penyusunan sampai pengesahan per bulan dalam periode, tinjauan terlambat dan "
    "jatuh tempo, SOP yang ditandai karena perubahan peraturan. Hak akses sama dengan halaman "
    "/dasbor/: koordinator, admin dan auditor melihat subpohon unit perannya (seluruh instansi "
    "bila perannya di unit teratas), pengesah (kepala unit) subpohon unitnya; selain itu 403. "
    "Definisi tiap angka: docs/dashboard.md.",
)
def dashboard_get(request: HttpRequest, filters: Query[DashboardFilters]) -> dict[str, Any]:
    user = caller(request)
    try:
        scope = dashboard_scope(
            user,
            instansi=filters.instansi,
            unit=filters.unit,
            dari=filters.dari,
            sampai=filters.sampai,
        )
    except ValidationError as error:
        messages = [m for ms in error.message_dict.values() for m in ms]
        raise ApiError(422, "invalid_period", " ".join(messages), error.message_dict) from error
    return figures_out(dashboard_figures(scope, user))

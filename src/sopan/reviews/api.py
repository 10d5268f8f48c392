"""The periodic-review API (``/api/v1/sops/{id}/reviews``), assembled in
:mod:`sopan.config.api`.

Reading: the review state of one SOP (schedule, decisions, open regulation flags) for whoever
may see its review page (:func:`~sopan.reviews.selectors.can_view`: any role on the SOP's unit
or above; anyone else 404). Deciding: the services of :mod:`sopan.reviews.services`, which
check the role (admin, koordinator or penyusun of the unit: 403), the note or reason (422) and
the state (409 ``no_version_in_force``, ``in_revision``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from pydantic import Field

from sopan.config.api_errors import COMMON_ERRORS, ErrorOut
from sopan.organisations.api import WRITE_AUTH
from sopan.reviews.models import ReviewDecision, ReviewFlag, ReviewSchedule
from sopan.reviews.selectors import can_view, open_flags
from sopan.reviews.services import review_decide_no_change, review_start_revision
from sopan.sops.api_support import caller, sop_or_404
from sopan.sops.models import Sop

router = Router(tags=["tinjauan"])

OUTCOMES = Literal["tidak_berubah", "revisi"]


class ScheduleOut(Schema):
    version_id: int = Field(description="Versi berlaku yang ditinjau.")
    due: dt.date = Field(description="Tanggal tinjauan berikutnya.")
    basis: str = Field(description="keputusan, tanggal_revisi atau efektif.")
    interval_bulan: int | None = Field(description="Jangka khusus SOP ini; null: instansi.")
    dalam_revisi: bool = Field(description="Tinjauan sudah diputuskan revisi; konsep berjalan.")


class DecisionOut(Schema):
    id: int
    version_id: int
    outcome: OUTCOMES
    outcome_label: str
    note: str
    decided_by: str | None = Field(description="Nama pengguna yang memutuskan.")
    decided_at: dt.datetime
    decided_on: dt.date
    previous_due: dt.date | None
    next_due: dt.date | None = Field(description="Tanggal tinjauan berikutnya (tidak berubah).")
    new_version_id: int | None = Field(description="Konsep revisi (revisi).")


class FlagOut(Schema):
    id: int
    version_id: int
    regulation: str
    change: str = Field(description="diubah atau dicabut.")
    replaced_by: str | None
    created_at: dt.datetime


class ReviewStateOut(Schema):
    sop_id: int
    schedule: ScheduleOut | None = Field(description="Null bila SOP belum punya versi berlaku.")
    decisions: list[DecisionOut] = Field(description="Keputusan tinjauan, terbaru dahulu.")
    open_flags: list[FlagOut] = Field(description="Tanda perubahan peraturan yang terbuka.")


class DecisionIn(Schema):
    outcome: OUTCOMES = Field(
        description="tidak_berubah: tidak perlu perubahan (tanggal tinjauan bergeser); "
        "revisi: konsep versi baru dibuat (atau konsep yang ada dipakai)."
    )
    note: str = Field(description="Catatan apa yang diperiksa, atau alasan revisi (wajib).")


def _sop(request: HttpRequest, sop_id: int) -> Sop:
    user = caller(request)
    sop = sop_or_404(user, sop_id)
    if not can_view(user, sop):
        raise Http404
    return sop


def decision_out(decision: ReviewDecision) -> dict[str, Any]:
    return {
        "id": decision.pk,
        "version_id": decision.version_id,
        "outcome": decision.outcome,
        "outcome_label": decision.get_outcome_display(),
        "note": decision.note,
        "decided_by": decision.decided_by.username if decision.decided_by else None,
        "decided_at": decision.decided_at,
        "decided_on": decision.decided_on,
        "previous_due": decision.previous_due,
        "next_due": decision.next_due,
        "new_version_id": decision.new_version_id,
    }


def _flag_out(flag: ReviewFlag) -> dict[str, Any]:
    return {
        "id": flag.pk,
        "version_id": flag.version_id,
        "regulation": flag.regulation.label,
        "change": flag.change,
        "replaced_by": flag.replaced_by.label if flag.replaced_by else None,
        "created_at": flag.created_at,
    }


def _schedule_out(schedule: ReviewSchedule | None) -> dict[str, Any] | None:
    if schedule is None:
        return None
    return {
        "version_id": schedule.version_id,
        "due": schedule.due,
        "basis": schedule.basis,
        "interval_bulan": schedule.interval_bulan,
        "dalam_revisi": schedule.dalam_revisi,
    }


@router.get(
    "/sops/{sop_id}/reviews",
    response={200: ReviewStateOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Tinjauan berkala sebuah SOP: jadwal, keputusan, tanda perubahan peraturan",
)
def reviews_get(request: HttpRequest, sop_id: int) -> dict[str, Any]:
    sop = _sop(request, sop_id)
    decisions = sop.review_decisions.select_related("decided_by").order_by("-decided_at", "-id")
    return {
        "sop_id": sop.pk,
        "schedule": _schedule_out(ReviewSchedule.objects.filter(sop=sop).first()),
        "decisions": [decision_out(d) for d in decisions],
        "open_flags": [_flag_out(f) for f in open_flags(sop)],
    }


@router.post(
    "/sops/{sop_id}/reviews",
    response={201: DecisionOut, 409: ErrorOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Memutuskan tinjauan: tidak perlu perubahan, atau revisi",
    description="Hanya admin, koordinator atau penyusun unit SOP (atau di atasnya). "
    "`tidak_berubah` menggeser tanggal tinjauan ke hari ini + jangka tinjauan; `revisi` "
    "memulai konsep versi baru (seperti POST /sops/{id}/revisions). Keduanya menyelesaikan "
    "tanda perubahan peraturan yang terbuka. 409 bila tidak ada versi berlaku atau revisi "
    "sudah berjalan.",
)
def reviews_decide(
    request: HttpRequest, sop_id: int, payload: DecisionIn, response: HttpResponse
) -> Status[dict[str, Any]]:
    user = caller(request)
    sop = _sop(request, sop_id)
    if payload.outcome == "tidak_berubah":
        decision = review_decide_no_change(sop=sop, by=user, note=payload.note)
    else:
        decision = review_start_revision(sop=sop, by=user, reason=payload.note)
    response["Location"] = f"/api/v1/sops/{sop.pk}/reviews"
    return Status(201, decision_out(decision))

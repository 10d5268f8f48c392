"""``/api/v1/sops/{id}/reviews`` with personas: the review state and the two decisions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from sopan.reviews.models import ReviewDecision, ReviewSchedule
from sopan.reviews.services import review_schedule_sync
from sopan.sops.models import SopVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(published: SopVersion) -> ReviewSchedule:
    schedule = review_schedule_sync(sop=published.sop)
    assert schedule is not None
    return schedule


def test_state_whole_body(
    scheduled: ReviewSchedule, published: SopVersion, api_as: Callable[..., Any]
) -> None:
    answer = api_as("penyusun").get(f"/sops/{published.sop_id}/reviews")
    assert answer.status == 200
    assert answer.body == {
        "sop_id": published.sop_id,
        "schedule": {
            "version_id": published.pk,
            "due": scheduled.due.isoformat(),
            "basis": scheduled.basis,
            "interval_bulan": None,
            "dalam_revisi": False,
        },
        "decisions": [],
        "open_flags": [],
    }
    assert scheduled.due == dt.date(2027, 6, 2)  # efektif 2 June 2025 + 2 years


@pytest.mark.parametrize(
    ("who", "status", "code"),
    [
        ("anonymous", 401, "unauthenticated"),
        ("outsider_unit", 404, "not_found"),
        ("outsider_instansi", 404, "not_found"),
        ("pelaksana", 404, "not_found"),
    ],
)
def test_state_refused(
    scheduled: ReviewSchedule,
    published: SopVersion,
    api_as: Callable[..., Any],
    who: str,
    status: int,
    code: str,
) -> None:
    answer = api_as(who).get(f"/sops/{published.sop_id}/reviews")
    assert (answer.status, answer.body["code"]) == (status, code)


def test_no_change(
    scheduled: ReviewSchedule, published: SopVersion, api_as: Callable[..., Any]
) -> None:
    answer = api_as("penyusun").post(
        f"/sops/{published.sop_id}/reviews",
        {"outcome": "tidak_berubah", "note": "Dasar hukum dan langkah masih sesuai."},
    )
    assert answer.status == 201
    decision = ReviewDecision.objects.get()
    assert answer.body["id"] == decision.pk
    assert (answer.body["outcome"], answer.body["outcome_label"]) == (
        "tidak_berubah",
        "Tidak perlu perubahan",
    )
    assert answer.body["previous_due"] == "2027-06-02"
    assert answer.body["next_due"] == decision.next_due.isoformat()  # type: ignore[union-attr]
    assert answer.body["decided_by"] == "penyusun"
    state = api_as("penyusun").get(f"/sops/{published.sop_id}/reviews").body
    assert [d["id"] for d in state["decisions"]] == [decision.pk]
    assert state["schedule"]["due"] == answer.body["next_due"]


def test_revision_then_conflict(
    scheduled: ReviewSchedule, published: SopVersion, api_as: Callable[..., Any]
) -> None:
    url = f"/sops/{published.sop_id}/reviews"
    answer = api_as("penyusun").post(url, {"outcome": "revisi", "note": "UU diubah."})
    assert answer.status == 201
    draft = SopVersion.objects.get(pk=answer.body["new_version_id"])
    assert (draft.sop_id, draft.status, draft.number) == (published.sop_id, "konsep", 2)
    again = api_as("penyusun").post(url, {"outcome": "tidak_berubah", "note": "Tetap."})
    assert (again.status, again.body["code"]) == (409, "in_revision")


@pytest.mark.parametrize(
    ("who", "payload", "status", "code"),
    [
        ("pemeriksa", {"outcome": "tidak_berubah", "note": "Cek."}, 403, "forbidden"),
        ("outsider_unit", {"outcome": "tidak_berubah", "note": "Cek."}, 404, "not_found"),
        ("penyusun", {"outcome": "tidak_berubah", "note": " "}, 422, "note_required"),
        ("penyusun", {"outcome": "revisi", "note": ""}, 422, "reason_required"),
        ("penyusun", {"outcome": "hapus", "note": "x"}, 422, "invalid_request"),
    ],
)
def test_decide_refused(
    scheduled: ReviewSchedule,
    published: SopVersion,
    api_as: Callable[..., Any],
    who: str,
    payload: dict[str, str],
    status: int,
    code: str,
) -> None:
    answer = api_as(who).post(f"/sops/{published.sop_id}/reviews", payload)
    assert (answer.status, answer.body["code"]) == (status, code), answer.body
    assert not ReviewDecision.objects.exists()

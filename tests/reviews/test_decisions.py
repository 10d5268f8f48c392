"""Ending a review: "no change needed" (note required, the date moves on) or a revision."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError

from sopan.audit.models import AuditEvent
from sopan.reviews.models import ReviewDecision
from sopan.reviews.selectors import reviews_due, reviews_overdue
from sopan.reviews.services import (
    review_decide_no_change,
    review_schedule_for_new_version,
    review_start_revision,
)
from sopan.sops.models import SopVersion
from tests.reviews.conftest import DUE, schedule_of
from tests.sopdocs import make_sop

pytestmark = pytest.mark.django_db
LATE = DUE + dt.timedelta(days=20)


def _rows() -> tuple[int, int, int]:
    return (
        ReviewDecision.objects.count(),
        AuditEvent.objects.count(),
        SopVersion.objects.count(),
    )


def test_no_change_moves_the_date_on(in_force: SopVersion, penyusun: User) -> None:
    decision = review_decide_no_change(
        sop=in_force.sop, by=penyusun, note="Alur dan dasar hukum masih sesuai.", today=LATE
    )
    assert (decision.previous_due, decision.next_due) == (DUE, dt.date(2029, 6, 22))
    schedule = schedule_of(in_force)
    assert (schedule.due, schedule.basis) == (dt.date(2029, 6, 22), "keputusan")
    event = AuditEvent.objects.get(action="review.decide_no_change")
    assert event.note == "Alur dan dasar hukum masih sesuai."
    assert not reviews_overdue(penyusun, LATE).exists()


def test_no_change_needs_a_note(in_force: SopVersion, penyusun: User) -> None:
    before = _rows()
    with pytest.raises(ValidationError) as error:
        review_decide_no_change(sop=in_force.sop, by=penyusun, note="   ", today=LATE)
    assert error.value.messages == ["Catatan tinjauan wajib diisi: jelaskan apa yang diperiksa."]
    assert _rows() == before and schedule_of(in_force).due == DUE


@pytest.mark.parametrize("who", ["pemeriksa", "pelaksana", "outsider_unit", "outsider_instansi"])
def test_only_owners_decide(in_force: SopVersion, who: str, request: pytest.FixtureRequest) -> None:
    user = request.getfixturevalue(who)
    before = _rows()
    with pytest.raises(PermissionDenied) as error:
        review_decide_no_change(sop=in_force.sop, by=user, note="Sesuai.", today=LATE)
    assert str(error.value) == "Anda tidak berwenang meninjau SOP unit ini."
    with pytest.raises(PermissionDenied):
        review_start_revision(sop=in_force.sop, by=user, reason="Perlu revisi.")
    assert _rows() == before


def test_anonymous_is_refused(in_force: SopVersion) -> None:
    with pytest.raises(PermissionDenied):
        review_decide_no_change(sop=in_force.sop, by=AnonymousUser(), note="Sesuai.")


@pytest.mark.parametrize("who", ["koordinator", "admin_unit"])
def test_koordinator_and_admin_decide(
    in_force: SopVersion, who: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(who)
    review_decide_no_change(sop=in_force.sop, by=user, note="Sesuai.", today=LATE)
    assert ReviewDecision.objects.get().decided_by == user


def test_revision_starts_a_draft(in_force: SopVersion, penyusun: User) -> None:
    decision = review_start_revision(sop=in_force.sop, by=penyusun, reason="Syarat baru.")
    draft = decision.new_version
    assert draft is not None and (draft.number, draft.status) == (2, "konsep")
    assert draft.document_model().riwayat[-1].alasan == "Syarat baru."
    schedule = schedule_of(in_force)
    assert schedule.dalam_revisi and not reviews_due(penyusun, DUE).exists()
    with pytest.raises(ValidationError) as error:
        review_decide_no_change(sop=in_force.sop, by=penyusun, note="Sesuai.", today=LATE)
    assert error.value.messages == ["Tinjauan versi ini sudah diputuskan: revisi sedang berjalan."]


def test_revision_needs_a_reason(in_force: SopVersion, penyusun: User) -> None:
    before = _rows()
    with pytest.raises(ValidationError) as error:
        review_start_revision(sop=in_force.sop, by=penyusun, reason="")
    assert error.value.messages == ["Alasan revisi wajib diisi."]
    assert _rows() == before


def test_revision_links_a_draft_that_exists(in_force: SopVersion, penyusun: User) -> None:
    from sopan.sops.lifecycle import revision_start

    existing = revision_start(sop=in_force.sop, by=penyusun, reason="Sudah dimulai.")
    decision = review_start_revision(sop=in_force.sop, by=penyusun, reason="Tinjauan: revisi.")
    assert decision.new_version == existing
    assert in_force.sop.versions.count() == 2


def test_the_new_version_in_force_starts_a_new_schedule(
    in_force: SopVersion, penyusun: User
) -> None:
    decision = review_start_revision(sop=in_force.sop, by=penyusun, reason="Syarat baru.")
    draft = decision.new_version
    assert draft is not None
    # As the lifecycle does when v2 takes effect (tested end to end in test_schedule).
    SopVersion.objects.filter(pk=in_force.pk).update(status="digantikan")
    SopVersion.objects.filter(pk=draft.pk).update(status="berlaku")
    review_schedule_for_new_version(draft, today=DUE)
    schedule = schedule_of(in_force)
    assert (schedule.version_id, schedule.dalam_revisi) == (draft.pk, False)


def test_no_version_in_force(draft: SopVersion, penyusun: User) -> None:
    with pytest.raises(ValidationError) as error:
        review_decide_no_change(sop=draft.sop, by=penyusun, note="Sesuai.")
    assert error.value.messages == ["SOP ini tidak memiliki versi yang berlaku untuk ditinjau."]


def test_selectors_scope(
    in_force: SopVersion,
    world: object,
    penyusun: User,
    pemeriksa: User,
    koordinator: User,
    outsider_unit: User,
) -> None:
    other = make_sop(world.dinas_z, "SOP Dinas Z", status="berlaku")  # type: ignore[attr-defined]
    from sopan.reviews.services import review_schedule_sync

    review_schedule_sync(sop=other.sop)
    assert [s.sop_id for s in reviews_due(penyusun, DUE)] == [in_force.sop_id]
    assert list(reviews_due(pemeriksa, DUE)) == []  # cannot decide ...
    assert [s.sop_id for s in reviews_due(pemeriksa, DUE, scope="view")] == [in_force.sop_id]
    assert len(reviews_overdue(koordinator, DUE + dt.timedelta(days=1))) == 2
    assert [s.sop_id for s in reviews_overdue(outsider_unit, LATE)] == [other.sop_id]
    assert list(reviews_overdue(penyusun, DUE)) == []  # due today is not overdue yet
    assert list(reviews_due(penyusun, DUE - dt.timedelta(days=31))) == []

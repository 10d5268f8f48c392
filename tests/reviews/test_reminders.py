"""Reminders 30 days before and on the date, to the owners, once, caught up after downtime
(the job called with a frozen day, and through the scheduler)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from sopan.notifications.models import Notification
from sopan.reviews.jobs import review_reminders
from sopan.reviews.services import review_start_revision
from sopan.sops import jobs
from sopan.sops.lifecycle_models import JobRun, JobRunState
from sopan.sops.models import SopVersion
from tests.reviews.conftest import DUE, REMIND, notified

pytestmark = pytest.mark.django_db
KIND = "tinjauan.jatuh_tempo"
SOON = "Tinjauan SOP “Pelayanan Legalisir” jatuh tempo 2 Juni 2027"
TODAY = "Tinjauan SOP “Pelayanan Legalisir” jatuh tempo hari ini"
LATE = "Tinjauan SOP “Pelayanan Legalisir” terlambat sejak 2 Juni 2027"


@pytest.fixture
def owners(penyusun: User, koordinator: User, pemeriksa: User, admin_unit: User) -> None:
    """Owners (penyusun of Dinas X, koordinator of the instansi) and two who are not."""


def test_nothing_before_thirty_days(in_force: SopVersion, owners: None) -> None:
    review_reminders(REMIND - dt.timedelta(days=1))
    assert notified(KIND) == []


def test_thirty_days_before_to_the_owners_only(in_force: SopVersion, owners: None) -> None:
    review_reminders(REMIND)
    assert notified(KIND) == [("koordinator", SOON), ("penyusun", SOON)]
    row = Notification.objects.filter(kind=KIND).first()
    assert row is not None and row.url == f"/tinjauan/{in_force.sop_id}/"


def test_on_the_date(in_force: SopVersion, owners: None) -> None:
    review_reminders(REMIND)
    review_reminders(DUE)
    assert notified(KIND) == [
        ("koordinator", SOON),
        ("koordinator", TODAY),
        ("penyusun", SOON),
        ("penyusun", TODAY),
    ]


def test_run_twice_nothing_new(in_force: SopVersion, owners: None) -> None:
    for day in (REMIND, REMIND, REMIND + dt.timedelta(days=1), DUE, DUE):
        review_reminders(day)
    assert Notification.objects.filter(kind=KIND).count() == 4
    assert jobs.run_due_jobs(DUE)  # through the scheduler: runs, sends nothing new
    assert Notification.objects.filter(kind=KIND).count() == 4


def test_missed_date_is_caught_up_after_downtime(in_force: SopVersion, owners: None) -> None:
    last_run = REMIND - dt.timedelta(days=1)
    JobRun.objects.create(
        job="review_reminders", day=last_run, state=JobRunState.SELESAI, finished_at=timezone.now()
    )
    back = DUE  # the worker was down over both reminder days
    jobs.run_due_jobs(back)
    assert notified(KIND, recipient__username="penyusun") == [
        ("penyusun", SOON),
        ("penyusun", TODAY),
    ]
    done = JobRun.objects.filter(job="review_reminders", state=JobRunState.SELESAI)
    assert done.filter(day__gt=last_run).count() == (back - last_run).days == 31


def test_missed_beyond_the_catch_up_window_is_still_reminded(
    in_force: SopVersion, owners: None
) -> None:
    JobRun.objects.create(
        job="review_reminders",
        day=REMIND - dt.timedelta(days=100),
        state=JobRunState.SELESAI,
        finished_at=timezone.now(),
    )
    jobs.run_due_jobs(DUE + dt.timedelta(days=60))
    assert notified(KIND, recipient__username="penyusun") == [("penyusun", LATE)]


def test_a_review_decided_for_revision_is_not_reminded(
    in_force: SopVersion, owners: None, penyusun: User
) -> None:
    review_start_revision(sop=in_force.sop, by=penyusun, reason="Alur berubah.")
    review_reminders(DUE)
    assert notified(KIND) == []


def test_reminders_are_emailed_after_commit(
    in_force: SopVersion,
    owners: None,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        review_reminders(REMIND)
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "koordinator@contoh.go.id",
        "penyusun@contoh.go.id",
    ]
    assert mailoutbox[0].subject == f"[sopan] {SOON}"
    assert f"/tinjauan/{in_force.sop_id}/" in mailoutbox[0].body

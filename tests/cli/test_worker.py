"""`sopan worker --once`: each periodic job runs once per day, missed days caught up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from sopan.sops.lifecycle_models import JobRun, JobRunState

pytestmark = pytest.mark.django_db(transaction=True)


def test_once_runs_due_jobs_once_per_day(run) -> None:
    code, out, _ = run("worker", "--once")
    assert code == 0
    today = timezone.localdate()
    assert f"versions_take_effect untuk {today.isoformat()}: selesai." in out
    assert JobRun.objects.get(job="versions_take_effect", day=today).state == JobRunState.SELESAI
    code, out, _ = run("worker", "--once")
    assert code == 0
    assert "versions_take_effect" not in out
    assert JobRun.objects.filter(job="versions_take_effect").count() == 1


def test_missed_days_are_caught_up(run) -> None:
    today = timezone.localdate()
    JobRun.objects.create(
        job="versions_take_effect",
        day=today - dt.timedelta(days=3),
        state=JobRunState.SELESAI,
        finished_at=timezone.now(),
    )
    code, out, _ = run("worker", "--once")
    assert code == 0
    days = sorted(JobRun.objects.filter(job="versions_take_effect").values_list("day", flat=True))
    assert days == [today - dt.timedelta(days=n) for n in (3, 2, 1, 0)]
    assert out.count("versions_take_effect untuk") == 3  # other apps' jobs run too

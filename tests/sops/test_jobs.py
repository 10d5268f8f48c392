"""The periodic jobs registry: once per (job, day), failures retried, catching up."""

from __future__ import annotations

import datetime as dt

import pytest

from sopan.sops import jobs
from sopan.sops.lifecycle_models import JobRun, JobRunState

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 6, 2)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dt.date]:
    """Only a test job is registered; it records the days it ran for."""
    seen: list[dt.date] = []

    def job(day: dt.date) -> str:
        seen.append(day)
        return "ok"

    jobs.registered_jobs()  # import every app's jobs first, so none registers into the stub
    monkeypatch.setattr(jobs, "_REGISTRY", {"uji": jobs.Job("uji", job)})
    return seen


def test_runs_once_per_day(calls: list[dt.date]) -> None:
    assert [r.ok for r in jobs.run_due_jobs(DAY)] == [True]
    assert jobs.run_due_jobs(DAY) == []
    assert calls == [DAY]
    run = JobRun.objects.get(job="uji")
    assert (run.day, run.state, run.result) == (DAY, JobRunState.SELESAI, "ok")


def test_catch_up_is_bounded(calls: list[dt.date]) -> None:
    JobRun.objects.create(job="uji", day=DAY - dt.timedelta(days=100), state=JobRunState.SELESAI)
    jobs.run_due_jobs(DAY)
    assert len(calls) == jobs.CATCH_UP_DAYS
    assert calls[0] == DAY - dt.timedelta(days=jobs.CATCH_UP_DAYS - 1) and calls[-1] == DAY


def test_a_day_claimed_by_another_worker_is_skipped(calls: list[dt.date]) -> None:
    JobRun.objects.create(job="uji", day=DAY)  # berjalan, just started elsewhere
    assert jobs.run_due_jobs(DAY) == []
    assert calls == []


def test_failure_is_recorded_and_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[dt.date] = []

    def flaky(day: dt.date) -> str:
        attempts.append(day)
        if len(attempts) == 1:
            raise RuntimeError("basis data sibuk")
        return "ok"

    jobs.registered_jobs()
    monkeypatch.setattr(jobs, "_REGISTRY", {"uji": jobs.Job("uji", flaky)})
    [first] = jobs.run_due_jobs(DAY)
    assert not first.ok and "basis data sibuk" in first.result
    assert JobRun.objects.get().state == JobRunState.GAGAL
    [second] = jobs.run_due_jobs(DAY)
    assert second.ok
    run = JobRun.objects.get()
    assert (run.state, run.attempts) == (JobRunState.SELESAI, 2)


def test_versions_take_effect_is_registered() -> None:
    assert "versions_take_effect" in [job.name for job in jobs.registered_jobs()]

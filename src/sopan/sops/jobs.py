"""Periodic jobs: a tiny registry and a table-based daily scheduler.

Why not django-tasks (named in ARCHITECTURE.md)? Every job here is "once per day, for that
day": switching versions that take effect today, and (issue 6) reminders. What matters is
that a day is never done twice and never skipped, across restarts and downtime. One row per
(job, day) in :class:`~sopan.sops.lifecycle_models.JobRun` with a unique constraint gives
exactly that with no broker and no extra dependency; the claim is the INSERT (a second
worker gets an IntegrityError and moves on), as healthchecks' ``sendalerts`` claims with a
conditional UPDATE. If jobs one day need queues or retries with back-off, django-tasks can
sit next to this.

Adding a job::

    from sopan.sops.jobs import daily

    @daily("reminders_send")
    def reminders_send(day: datetime.date) -> str:
        ...
        return "12 pengingat"  # a short result kept on the JobRun row

A job receives the day it runs for (a missed day is run later with its own date), must be
idempotent, and should be cheap to run for several days in a row when catching up.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import traceback
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from sopan.sops.lifecycle_models import JobRun, JobRunState

logger = logging.getLogger(__name__)

# A job missed for longer than this is run only for the last CATCH_UP_DAYS days.
CATCH_UP_DAYS = 31
MAX_ATTEMPTS = 3
# A run still "berjalan" after this long was cut off (worker killed): it may be taken again.
STALE_AFTER = dt.timedelta(hours=1)

JobFunction = Callable[[dt.date], str | None]


@dataclasses.dataclass(frozen=True)
class Job:
    name: str
    run: JobFunction


_REGISTRY: dict[str, Job] = {}


def daily(name: str) -> Callable[[JobFunction], JobFunction]:
    """Register ``function`` as a job run once for every day."""

    def register(function: JobFunction) -> JobFunction:
        _REGISTRY[name] = Job(name, function)
        return function

    return register


def registered_jobs() -> list[Job]:
    _load_jobs()
    return [_REGISTRY[name] for name in sorted(_REGISTRY)]


def _load_jobs() -> None:
    """Import the modules that register jobs (each app lists its own here)."""
    import sopan.reviews.jobs
    import sopan.sops.jobs  # (this module's own jobs, below)
    import sopan.teams.jobs  # noqa: F401


@dataclasses.dataclass(frozen=True)
class RunResult:
    job: str
    day: dt.date
    ok: bool
    result: str


def days_due(job: str, today: dt.date) -> list[dt.date]:
    """The days ``job`` still has to run for, oldest first (today included)."""
    done = JobRun.objects.filter(job=job, day__lte=today).exclude(_retryable())
    last = done.filter(state=JobRunState.SELESAI).order_by("-day").values_list("day", flat=True)
    last_day = next(iter(last), None)
    start = today if last_day is None else last_day + dt.timedelta(days=1)
    start = max(start, today - dt.timedelta(days=CATCH_UP_DAYS - 1))
    taken = set(done.filter(day__gte=start).values_list("day", flat=True))
    days = []
    day = start
    while day <= today:
        if day not in taken:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _retryable() -> Q:
    stale = timezone.now() - STALE_AFTER
    again = Q(state=JobRunState.GAGAL) | Q(state=JobRunState.BERJALAN, started_at__lt=stale)
    return again & Q(attempts__lt=MAX_ATTEMPTS)


def _claim(job: str, day: dt.date) -> JobRun | None:
    """The run of ``job`` for ``day``, now ours; None when another worker has it or it ran."""
    try:
        with transaction.atomic():
            return JobRun.objects.create(job=job, day=day)
    except IntegrityError:
        pass
    # A failed or cut-off run is tried again (a conditional UPDATE, so only one worker wins).
    claimed = JobRun.objects.filter(_retryable(), job=job, day=day).update(
        state=JobRunState.BERJALAN, started_at=timezone.now(), finished_at=None
    )
    if not claimed:
        return None
    run = JobRun.objects.get(job=job, day=day)
    run.attempts += 1
    run.save(update_fields=["attempts"])
    return run


def run_due_jobs(today: dt.date | None = None) -> list[RunResult]:
    """Run every job for every day it is due, up to ``today``; each (job, day) once."""
    today = today or timezone.localdate()
    results = []
    for job in registered_jobs():
        for day in days_due(job.name, today):
            run = _claim(job.name, day)
            if run is not None:
                results.append(_execute(job, run))
    return results


def _execute(job: Job, run: JobRun) -> RunResult:
    try:
        result = job.run(run.day) or ""
        state, ok = JobRunState.SELESAI, True
    except Exception:  # a job's failure is recorded; the worker carries on with the others
        logger.exception("periodic job %s for %s failed", job.name, run.day)
        result = traceback.format_exc(limit=5)
        state, ok = JobRunState.GAGAL, False
    run.state = state
    run.result = result[:4000]
    run.finished_at = timezone.now()
    run.save(update_fields=["state", "result", "finished_at"])
    return RunResult(job.name, run.day, ok, result)


# --- the jobs of the sops app -------------------------------------------------------------


@daily("versions_take_effect")
def _versions_take_effect(day: dt.date) -> str:
    from sopan.sops.lifecycle import versions_take_effect

    switched = versions_take_effect(today=day)
    return ", ".join(f"{v.sop_id}/v{v.number}" for v in switched)

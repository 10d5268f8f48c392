"""The daily job of the periodic review (registered with :func:`sopan.sops.jobs.daily`).

One job, ``review_reminders``, for the day it runs for: first every version in force gets
its schedule (a safety net behind the lifecycle's call; this also sends the "new version in
force" notices of a version the lifecycle did not announce), then the reminders due that day.
Both are idempotent; a missed day is run later with its own date by the scheduler, and a
reminder whose date has passed is still sent (see :func:`sopan.reviews.rules.reminder_stage`).
"""

from __future__ import annotations

import datetime as dt

from sopan.sops.jobs import daily


@daily("review_reminders")
def review_reminders(day: dt.date) -> str:
    from sopan.reviews.services import review_schedules_reconcile
    from sopan.reviews.triggers import review_reminders_send

    synced = review_schedules_reconcile(today=day)
    sent = review_reminders_send(day=day)
    return f"{len(synced)} jadwal, {sent} pengingat"

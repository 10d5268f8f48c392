"""The rules of the periodic review, as plain values (no Django): when the next review of a
version in force falls due, which reminder is due on a day, and how actor names match
position names.

The next review date (``next_review``), first rule that applies:

1. a "no change needed" decision on this version: the decision day + the interval;
2. the document's *Tanggal Revisi* when it lies after the effective date (PermenPANRB
   35/2012 reads that field as "the planned date of the next review"; a date on or before
   the effective date is the other reading, the date the SOP was revised);
3. the effective date + the interval.

The interval is the SOP's own (override), else the instansi's, else 24 months.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum

DEFAULT_INTERVAL_MONTHS = 24
REMIND_DAYS_BEFORE = 30


class Basis(enum.StrEnum):
    """Where a next review date comes from (stored with the schedule, shown to people)."""

    KEPUTUSAN = "keputusan"
    TANGGAL_REVISI = "tanggal_revisi"
    EFEKTIF = "efektif"


class Stage(enum.StrEnum):
    """Which reminder a schedule is due for on a day."""

    SEGERA = "30"  # within REMIND_DAYS_BEFORE days
    JATUH_TEMPO = "0"  # the date has come (or passed)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months; the 29th–31st clamp to the month's end."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def interval_months(sop_override: int | None, instansi_setting: int | None) -> int:
    return sop_override or instansi_setting or DEFAULT_INTERVAL_MONTHS


def next_review(
    *,
    efektif: dt.date,
    revisi: dt.date | None,
    interval: int,
    decided_on: dt.date | None = None,
) -> tuple[dt.date, Basis]:
    """The next review date of a version in force and where it comes from (rules above)."""
    if decided_on is not None:
        return add_months(decided_on, interval), Basis.KEPUTUSAN
    if revisi is not None and revisi > efektif:
        return revisi, Basis.TANGGAL_REVISI
    return add_months(efektif, interval), Basis.EFEKTIF


def planned_revisi(*, efektif: dt.date, revisi: dt.date | None, interval: int) -> dt.date:
    """The Tanggal Revisi to print when the instansi prints the next review date there: a
    planned date the drafter wrote (after ``efektif``) stays; otherwise efektif + interval."""
    if revisi is not None and revisi > efektif:
        return revisi
    return add_months(efektif, interval)


def reminder_stage(due: dt.date, day: dt.date) -> Stage | None:
    """The reminder due on ``day`` for a review due on ``due``.

    Evaluated with ``<=`` rather than ``==`` so a day missed while the worker was down is
    made good on the next run: the reminder of a date that has passed is still sent (once;
    the caller's dedupe key holds the stage and the date).
    """
    if due <= day:
        return Stage.JATUH_TEMPO
    if due - dt.timedelta(days=REMIND_DAYS_BEFORE) <= day:
        return Stage.SEGERA
    return None


def normalise_name(name: str) -> str:
    """Case- and space-insensitive form of an actor or position name."""
    return " ".join(name.split()).casefold()

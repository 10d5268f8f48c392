"""What needs the coordinator's attention now: reviews due and overdue, SOPs flagged by a
regulation change, drafts past their team's deadline.

The definitions are those of the apps that own the data, read through their selectors
(``sopan.reviews.selectors``, ``sopan.teams.selectors``) and narrowed to the dashboard's
scope; each list is one query for its count and one for its first :data:`LIST_LIMIT` rows,
whatever the number of SOPs.

* **Reviu jatuh tempo** — SOPs in force whose next review date falls in the next 30 days
  (today included) and that are not already being revised.
* **Reviu terlambat** — SOPs in force whose review date has passed with no decision.
* **Ditandai karena perubahan peraturan** — open flags: a regulation the version in force
  cites was amended or revoked, and no review decision or new version has settled it.
* **Konsep melewati tenggat tim** — each SOP or process of a drafting team whose deadline
  (``tenggat``) is before today and that is not yet approved and published (the team's
  derived progress, :func:`sopan.teams.selectors.progress_of`: its stage is not *Selesai*),
  the longest overdue first. The teams are few; their progress takes a fixed number of
  queries (teams, members, SOPs, processes, latest versions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model, QuerySet
from django.utils import timezone

from sopan.dashboard.scope import DashboardScope
from sopan.inventory.selectors import unit_label
from sopan.reviews.models import ReviewFlag, ReviewSchedule
from sopan.reviews.rules import REMIND_DAYS_BEFORE
from sopan.reviews.selectors import reviews_due, reviews_flagged, reviews_overdue
from sopan.teams.choices import Stage
from sopan.teams.models import Team
from sopan.teams.selectors import progress_of, with_details

AnyUser = User | AnonymousUser
LIST_LIMIT = 50
T = TypeVar("T")
M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Listing(Generic[T]):
    """The first rows of a list and how many there are in all."""

    count: int
    rows: list[T]

    @property
    def more(self) -> int:
        return self.count - len(self.rows)


@dataclass(frozen=True)
class ReviewRow:
    sop_id: int
    version_id: int
    nama: str
    unit: str
    due: dt.date
    days: int  # days until the date (negative: days overdue)


@dataclass(frozen=True)
class FlagRow:
    sop_id: int
    version_id: int
    nama: str
    unit: str
    regulation: str
    change: str
    change_label: str
    replaced_by: str | None
    flagged_on: dt.date


@dataclass(frozen=True)
class LateRow:
    team_id: int
    team: str
    unit: str
    tenggat: dt.date
    days_late: int
    judul: str
    stage: str
    stage_label: str
    sop_id: int | None
    process_id: int | None


def _listing(rows: QuerySet[M], convert: Callable[[M], T]) -> Listing[T]:
    first = list(rows[:LIST_LIMIT])
    count = len(first) if len(first) < LIST_LIMIT else rows.count()
    return Listing(count=count, rows=[convert(item) for item in first])


def _review_row(schedule: ReviewSchedule, today: dt.date) -> ReviewRow:
    return ReviewRow(
        sop_id=schedule.sop_id,
        version_id=schedule.version_id,
        nama=schedule.version.nama,
        unit=unit_label(schedule.sop.unit),
        due=schedule.due,
        days=(schedule.due - today).days,
    )


def _flag_row(flag: ReviewFlag) -> FlagRow:
    return FlagRow(
        sop_id=flag.sop_id,
        version_id=flag.version_id,
        nama=flag.version.nama,
        unit=unit_label(flag.sop.unit),
        regulation=flag.regulation.label,
        change=flag.change,
        change_label=flag.get_change_display(),
        replaced_by=flag.replaced_by.label if flag.replaced_by else None,
        flagged_on=timezone.localtime(flag.created_at).date(),
    )


def upcoming_reviews(user: AnyUser, scope: DashboardScope, today: dt.date) -> Listing[ReviewRow]:
    """Reviews due in the next 30 days (today included), soonest first."""
    rows = (
        reviews_due(
            user, today, within_days=REMIND_DAYS_BEFORE, scope="view", instansi=scope.instansi
        )
        .filter(scope.q("sop__unit__"), due__gte=today)
        .order_by("due", "sop_id")
    )
    return _listing(rows, lambda s: _review_row(s, today))


def overdue_reviews(user: AnyUser, scope: DashboardScope, today: dt.date) -> Listing[ReviewRow]:
    """Reviews whose date has passed, the longest overdue first."""
    rows = (
        reviews_overdue(user, today, scope="view", instansi=scope.instansi)
        .filter(scope.q("sop__unit__"))
        .order_by("due", "sop_id")
    )
    return _listing(rows, lambda s: _review_row(s, today))


def regulation_flags(user: AnyUser, scope: DashboardScope) -> Listing[FlagRow]:
    """Open regulation-change flags, newest first."""
    rows = reviews_flagged(user, scope="view", instansi=scope.instansi).filter(
        scope.q("sop__unit__")
    )
    return _listing(rows, _flag_row)


def team_deadlines_passed(scope: DashboardScope) -> Listing[LateRow]:
    """Drafts (SOPs and processes of a team) not finished by their team's deadline."""
    teams = list(
        with_details(
            Team.objects.filter(scope.q("unit__"), tenggat__lt=scope.today).order_by(
                "tenggat", "nama", "id"
            )
        )
    )
    progress = progress_of(teams)
    rows = [
        LateRow(
            team_id=team.pk,
            team=team.nama,
            unit=unit_label(team.unit),
            tenggat=team.tenggat,
            days_late=(scope.today - team.tenggat).days,
            judul=item.title,
            stage=item.stage,
            stage_label=item.stage_label,
            sop_id=item.sop.pk if item.sop else (item.process.sop_id if item.process else None),
            process_id=item.process.pk if item.process else None,
        )
        for team in teams
        for item in progress[team.pk].items
        if item.stage not in Stage.DONE
    ]
    return Listing(count=len(rows), rows=rows[:LIST_LIMIT])

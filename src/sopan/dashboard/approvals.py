"""How long drafting takes: versions whose approval was completed in the period, counted and
averaged per month of completion, in a single GROUP BY query.

From the version's creation (its first ``VersionTransition``, "Versi dibuat", the same moment
as ``created_at``; for a revision, when the revision was started) to the completion of its
approval: ``Publication.approved_at`` (the last approval of the chain), or, for a version
moved into force without the chain (an admin's status change), its first transition into
*Berlaku*. Versions created directly in force (imported SOPs) were not drafted in sopan and are
left out. In days, one decimal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Avg,
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Subquery,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format

from sopan.dashboard.scope import DashboardScope
from sopan.sops.choices import VersionStatus
from sopan.sops.models import SopVersion, VersionTransition

SECONDS_PER_DAY = 86400


@dataclass(frozen=True)
class MonthRow:
    month: dt.date
    count: int
    average_days: float | None

    @property
    def key(self) -> str:
        return self.month.strftime("%Y-%m")

    @property
    def label(self) -> str:
        return date_format(self.month, "M Y")


@dataclass(frozen=True)
class ApprovalTimes:
    count: int
    average_days: float | None
    by_month: list[MonthRow]


def _approval_completed() -> Coalesce:
    into_force = VersionTransition.objects.filter(
        version_id=OuterRef("pk"), to_status=VersionStatus.BERLAKU
    ).exclude(from_status="")
    first_into_force = Subquery(into_force.order_by("at", "id").values("at")[:1])
    return Coalesce(F("publication__approved_at"), first_into_force, output_field=DateTimeField())


def approval_times(scope: DashboardScope) -> ApprovalTimes:
    """Versions whose approval was completed in the period: count and mean days, per month."""
    start, end = scope.period.bounds()
    duration = ExpressionWrapper(F("selesai") - F("created_at"), output_field=DurationField())
    grouped = (
        SopVersion.objects.filter(scope.q("sop__unit__"))
        .annotate(selesai=_approval_completed())
        .filter(selesai__gte=start, selesai__lt=end)
        .annotate(bulan=TruncMonth("selesai", tzinfo=timezone.get_current_timezone()))
        .values("bulan")
        .annotate(n=Count("id"), rata=Avg(duration))
        .order_by("bulan")
    )
    found = {_as_date(item["bulan"]): item for item in grouped}
    months = [
        MonthRow(
            month=month,
            count=found[month]["n"] if month in found else 0,
            average_days=_days(found[month]["rata"]) if month in found else None,
        )
        for month in scope.period.months
    ]
    count = sum(m.count for m in months)
    total_seconds = sum(
        m.count * _seconds(found[m.month]["rata"]) for m in months if m.month in found
    )
    average = round(total_seconds / count / SECONDS_PER_DAY, 1) if count else None
    return ApprovalTimes(count=count, average_days=average, by_month=months)


def _as_date(value: dt.datetime | dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def _seconds(value: dt.timedelta | float | int | None) -> float:
    """The backends give a mean duration as a timedelta (or microseconds on some)."""
    if value is None:
        return 0.0
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return float(value) / 1_000_000


def _days(value: dt.timedelta | float | int | None) -> float | None:
    return None if value is None else round(_seconds(value) / SECONDS_PER_DAY, 1)

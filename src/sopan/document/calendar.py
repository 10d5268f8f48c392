"""Working days: weekends, national holidays (libur) and cuti bersama.

``holidays_id.yaml`` (shipped) holds the days decided by the SKB 3 Menteri; each instansi must
check them every year and can load its own file with :meth:`WorkingCalendar.from_file`.
Counting rules: ``add_working_days(start, n)`` gives the n-th working day after ``start``
(``start`` itself is not counted; a negative ``n`` goes back), and
``working_days_between(a, b)`` counts the working days in ``(a, b]`` (negative when b < a).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from sopan.document.durations import MINUTES_PER_WORKING_DAY


def _dates(values: Iterable[Any]) -> set[date]:
    return {v if isinstance(v, date) else date.fromisoformat(str(v)) for v in values or []}


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are working days. ``weekend`` uses ``date.weekday()`` (5 = Saturday)."""

    holidays: frozenset[date] = field(default_factory=frozenset)
    cuti_bersama: frozenset[date] = field(default_factory=frozenset)
    weekend: tuple[int, ...] = (5, 6)

    def __init__(
        self,
        holidays: Iterable[date] = (),
        cuti_bersama: Iterable[date] = (),
        weekend: tuple[int, ...] = (5, 6),
    ) -> None:
        object.__setattr__(self, "holidays", frozenset(holidays))
        object.__setattr__(self, "cuti_bersama", frozenset(cuti_bersama))
        object.__setattr__(self, "weekend", tuple(weekend))

    @classmethod
    def from_mapping(cls, years: Mapping[Any, Mapping[str, Iterable[Any]]]) -> WorkingCalendar:
        """``{2025: {"libur": [...], "cuti_bersama": [...]}}`` (dates or ``YYYY-MM-DD``)."""
        holidays: set[date] = set()
        cuti: set[date] = set()
        for days in years.values():
            holidays |= _dates(days.get("libur", []))
            cuti |= _dates(days.get("cuti_bersama", []))
        return cls(holidays, cuti)

    @classmethod
    def from_file(cls, path: str | Path) -> WorkingCalendar:
        """Load a YAML or JSON file shaped like ``holidays_id.yaml``."""
        return cls.from_mapping(YAML(typ="safe", pure=True).load(Path(path).read_text("utf-8")))

    @classmethod
    def indonesia(cls) -> WorkingCalendar:
        """The shipped national calendar (``data/holidays_id.yaml``)."""
        text = (
            resources.files("sopan.document").joinpath("data/holidays_id.yaml").read_text("utf-8")
        )
        return cls.from_mapping(YAML(typ="safe", pure=True).load(text))

    def is_working_day(self, day: date) -> bool:
        return (
            day.weekday() not in self.weekend
            and day not in self.holidays
            and day not in self.cuti_bersama
        )

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (before it when ``n`` is negative)."""
        step = 1 if n >= 0 else -1
        day, left = start, abs(n)
        while left:
            day += timedelta(days=step)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in ``(a, b]``; negative when ``b`` is before ``a``."""
        if b < a:
            return -self.working_days_between(b, a)
        return sum(self.is_working_day(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))

    def add_working_minutes(
        self,
        start: datetime,
        minutes: float,
        day_start: time = time(8, 0),
        minutes_per_day: int = MINUTES_PER_WORKING_DAY,
    ) -> datetime:
        """When work of ``minutes`` working minutes started at ``start`` is done.

        A working day runs from ``day_start`` for ``minutes_per_day`` minutes (no lunch break
        is modelled); time outside it does not count.
        """
        current = self._clamp(start, day_start, minutes_per_day)
        left = float(minutes)
        while True:
            day_end = datetime.combine(current.date(), day_start, current.tzinfo) + timedelta(
                minutes=minutes_per_day
            )
            available = (day_end - current).total_seconds() / 60
            if left <= available:
                return current + timedelta(minutes=left)
            left -= available
            current = self._next_day_start(current.date(), day_start, current)

    def _next_day_start(self, day: date, day_start: time, like: datetime) -> datetime:
        day = self.add_working_days(day, 1)
        return datetime.combine(day, day_start, like.tzinfo)

    def _clamp(self, moment: datetime, day_start: time, minutes_per_day: int) -> datetime:
        opening = datetime.combine(moment.date(), day_start, moment.tzinfo)
        closing = opening + timedelta(minutes=minutes_per_day)
        if not self.is_working_day(moment.date()) or moment >= closing:
            return self._next_day_start(moment.date(), day_start, moment)
        return max(moment, opening)

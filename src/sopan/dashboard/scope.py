"""Who sees which part of the dashboard, and the period its flow figures cover.

The dashboard is for the people who coordinate or oversee SOPs: a role in
:data:`DASHBOARD_ROLES` on a unit shows the figures of that unit's whole subtree (a
koordinator, admin or auditor on the root unit sees the whole instansi; the head of a dinas,
who holds *pengesah* there, sees that dinas). Anyone else is refused (403); a unit filter
outside what the user sees is "not found" (404), as everywhere else in sopan.

The page, the XLSX export and ``GET /api/v1/dasbor`` all build their :class:`DashboardScope`
here, so the three always agree.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from sopan.organisations.choices import Role
from sopan.organisations.models import Instansi, Unit
from sopan.organisations.selectors import units_with_role

AnyUser = User | AnonymousUser

DASHBOARD_ROLES = (Role.ADMIN, Role.KOORDINATOR, Role.AUDITOR, Role.PENGESAH)
DEFAULT_MONTHS = 12
MAX_MONTHS = 60
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    """Whole calendar months, ``start`` (first day) to ``end`` (last day), both included."""

    start: dt.date
    end: dt.date

    @property
    def months(self) -> list[dt.date]:
        """The first day of each month in the period, oldest first."""
        months, month = [], self.start
        while month <= self.end:
            months.append(month)
            month = _next_month(month)
        return months

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Aware datetimes: start of the first day, start of the day after the last one."""
        zone = timezone.get_current_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=zone)
        end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        return start, end

    @property
    def dari(self) -> str:
        return self.start.strftime("%Y-%m")

    @property
    def sampai(self) -> str:
        return self.end.strftime("%Y-%m")


def _next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _month_end(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def parse_month(value: str, field: str) -> dt.date:
    """``"2025-06"`` as the first day of that month; ValidationError (Indonesian) otherwise."""
    found = _MONTH.match(value.strip())
    if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1900:
        raise ValidationError(
            {field: [_("Tulis bulan sebagai TTTT-BB, mis. 2025-06.")]}, code="invalid_period"
        )
    return dt.date(int(found.group(1)), int(found.group(2)), 1)


def period_from(
    dari: str | None = None, sampai: str | None = None, *, today: dt.date | None = None
) -> Period:
    """The months ``dari``..``sampai`` (``TTTT-BB``); by default the last 12 calendar months,
    this one included. One given alone spans 12 months from (or up to) it."""
    today = today or timezone.localdate()
    end = parse_month(sampai, "sampai") if sampai else None
    start = parse_month(dari, "dari") if dari else None
    if end is None:
        end = _add_months(start, DEFAULT_MONTHS - 1) if start else today.replace(day=1)
    if start is None:
        start = _add_months(end, -(DEFAULT_MONTHS - 1))
    if start > end:
        raise ValidationError(
            {"dari": [_("Bulan awal harus sebelum atau sama dengan bulan akhir.")]},
            code="invalid_period",
        )
    if len(Period(start, end).months) > MAX_MONTHS:
        raise ValidationError(
            {"dari": [_("Periode paling panjang {count} bulan.").format(count=MAX_MONTHS)]},
            code="invalid_period",
        )
    return Period(start, _month_end(end))


@dataclass(frozen=True)
class DashboardScope:
    """One instansi, the subtrees of it the figures cover, and the period."""

    instansi: Instansi
    roots: tuple[Unit, ...]  # outermost units covered (the filtered unit, when there is one)
    units: tuple[Unit, ...]  # every unit covered, tree order
    unit: Unit | None  # the unit filter
    visible_units: tuple[Unit, ...]  # what the user may pick in the unit filter
    instansi_choices: tuple[Instansi, ...]
    period: Period
    today: dt.date  # the day "due", "overdue" and "late" are counted from

    def q(self, prefix: str = "") -> Q:
        """Rows whose unit (reached through ``prefix``, e.g. ``"sop__unit__"``) is covered."""
        return reduce(or_, (Q(**{f"{prefix}path__startswith": r.path}) for r in self.roots))


def dashboard_instansi(user: AnyUser | None) -> list[Instansi]:
    units = units_with_role(user, DASHBOARD_ROLES)
    return list(Instansi.objects.filter(units__in=units).distinct().order_by("nama"))


def may_see_dashboard(user: AnyUser | None) -> bool:
    return units_with_role(user, DASHBOARD_ROLES).exists()


def dashboard_scope(
    user: AnyUser | None,
    *,
    instansi: str | int | None = None,
    unit: str | int | None = None,
    dari: str | None = None,
    sampai: str | None = None,
    today: dt.date | None = None,
) -> DashboardScope:
    """The scope of ``user``'s dashboard: PermissionDenied without a dashboard role, Http404
    for an instansi or unit outside it, ValidationError for a malformed period."""
    choices = dashboard_instansi(user)
    if not choices:
        raise PermissionDenied(_("Dasbor hanya untuk koordinator, admin, auditor dan pengesah."))
    chosen = choices[0]
    if instansi not in (None, ""):
        found = [i for i in choices if str(i.pk) == str(instansi) or i.kode == str(instansi)]
        if not found:
            raise Http404
        chosen = found[0]
    visible = tuple(units_with_role(user, DASHBOARD_ROLES).filter(instansi=chosen).order_by("path"))
    today = today or timezone.localdate()
    period = period_from(dari, sampai, today=today)
    selected = _unit_named(visible, unit)
    if selected is not None:
        covered = tuple(u for u in visible if u.path.startswith(selected.path))
        roots: tuple[Unit, ...] = (selected,)
    else:
        covered = visible
        ids = {u.pk for u in visible}
        roots = tuple(u for u in visible if u.parent_id not in ids)
    return DashboardScope(
        instansi=chosen,
        roots=roots,
        units=covered,
        unit=selected,
        visible_units=visible,
        instansi_choices=tuple(choices),
        period=period,
        today=today,
    )


def _unit_named(visible: tuple[Unit, ...], unit: str | int | None) -> Unit | None:
    if unit in (None, ""):
        return None
    for candidate in visible:
        if str(candidate.pk) == str(unit) or candidate.kode == str(unit):
            return candidate
    raise Http404

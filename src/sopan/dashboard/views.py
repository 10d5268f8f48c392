"""The dashboard page ``/dasbor/`` and its XLSX export ``/dasbor/dasbor.xlsx``.

Signed-in users with a dashboard role only (:mod:`sopan.dashboard.scope`); anonymous visitors
go to the login page, others get 403, a unit outside their scope 404. A malformed period is
shown as an error and the default period (the last 12 months) is used instead.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sopan.dashboard.exports import dashboard_xlsx
from sopan.dashboard.presenters import tables
from sopan.dashboard.scope import DashboardScope, dashboard_scope
from sopan.dashboard.selectors import dashboard_figures
from sopan.inventory.selectors import unit_label

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _scope(request: HttpRequest) -> tuple[DashboardScope, list[str]]:
    def value(name: str) -> str:
        return request.GET.get(name, "").strip()

    instansi, unit = value("instansi"), value("unit")
    try:
        scope = dashboard_scope(
            request.user, instansi=instansi, unit=unit, dari=value("dari"), sampai=value("sampai")
        )
        return scope, []
    except ValidationError as error:
        errors = [message for messages in error.message_dict.values() for message in messages]
        return dashboard_scope(request.user, instansi=instansi, unit=unit), errors


def subtitle(scope: DashboardScope) -> str:
    where = unit_label(scope.unit) if scope.unit else scope.instansi.nama
    return _("{where}; periode {start} – {end}; per {today}").format(
        where=where,
        start=date_format(scope.period.start, "F Y"),
        end=date_format(scope.period.end, "F Y"),
        today=date_format(scope.today, "j F Y"),
    )


def _query(scope: DashboardScope) -> str:
    params: dict[str, Any] = {
        "instansi": scope.instansi.pk,
        "dari": scope.period.dari,
        "sampai": scope.period.sampai,
    }
    if scope.unit is not None:
        params["unit"] = scope.unit.pk
    return urlencode(params)


def _unit_choices(scope: DashboardScope) -> list[tuple[int, str]]:
    top = min(u.depth for u in scope.visible_units)
    return [(u.pk, "· " * (u.depth - top) + unit_label(u)) for u in scope.visible_units]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope, errors = _scope(request)
    figures = dashboard_figures(scope, request.user)
    made = tables(figures)
    context: dict[str, Any] = {
        "scope": scope,
        "errors": errors,
        "figures": figures,
        "tables": made,
        "charts": {key: t.chart for key, t in made.items() if t.chart},
        "subtitle": subtitle(scope),
        "query": _query(scope),
        "unit_choices": _unit_choices(scope),
    }
    return render(request, "dashboard/home.html", context)


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    scope, _errors = _scope(request)
    figures = dashboard_figures(scope, request.user)
    content = dashboard_xlsx(tables(figures).values(), subtitle=subtitle(scope))
    response = HttpResponse(content, content_type=XLSX)
    name = f"dasbor-{scope.instansi.kode}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

"""Team pages: list, detail, create and edit (admin/koordinator of the unit or above)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sopan.organisations.models import Person
from sopan.teams import services
from sopan.teams.forms import MemberFormSet, TeamForm
from sopan.teams.models import Team
from sopan.teams.selectors import (
    can_manage,
    is_overdue,
    progress_of,
    teams_visible_to,
    units_managed,
    with_details,
)

FORM_FIELDS = ("nama", "unit", "tenggat", "sops", "processes", "keterangan")


@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    teams = list(with_details(teams_visible_to(request.user)).order_by("tenggat", "nama"))
    progress = progress_of(teams)
    today = timezone.localdate()
    rows = [
        {"team": t, "progress": progress[t.pk], "overdue": is_overdue(t, progress[t.pk], today)}
        for t in teams
    ]
    can_create = units_managed(request.user).exists()
    return render(request, "teams/list.html", {"rows": rows, "can_create": can_create})


def _team_or_404(request: HttpRequest, pk: int) -> Team:
    team = with_details(teams_visible_to(request.user).filter(pk=pk)).first()
    if team is None:
        raise Http404
    return team


@login_required
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = _team_or_404(request, pk)
    progress = progress_of([team])[team.pk]
    context = {
        "team": team,
        "progress": progress,
        "overdue": is_overdue(team, progress, timezone.localdate()),
        "can_edit": can_manage(request.user, team.unit),
    }
    return render(request, "teams/detail.html", context)


def _people(request: HttpRequest) -> list[Person]:
    instansi_ids = units_managed(request.user).values("instansi_id")
    return list(Person.objects.filter(active=True, instansi_id__in=instansi_ids).order_by("nama"))


def _add_errors(form: TeamForm, error: ValidationError) -> list[str]:
    """Put the service's errors on the form fields; return those about the members."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return []
    member_errors: list[str] = []
    for field, errors in error.message_dict.items():
        if field in FORM_FIELDS:
            for message in errors:
                form.add_error(field, message)
        else:
            member_errors.extend(errors)
    return member_errors


def _edit(request: HttpRequest, team: Team | None) -> HttpResponse:
    units = units_managed(request.user)
    if not units.exists():
        raise PermissionDenied
    people = _people(request)
    data = request.POST if request.method == "POST" else None
    if team is None:
        form = TeamForm(data, units=units)
        formset = MemberFormSet(data, prefix="anggota", form_kwargs={"people": people})
    else:
        form = TeamForm(data, units=units, initial=_initial(team))
        # Initial rows only for the page: a POST is read as typed, so an unchanged row is
        # still a member (with ``initial``, an unchanged extra row would count as empty).
        initial = (
            None
            if data is not None
            else [{"person": m.person_id, "peran": m.peran} for m in team.members.all()]
        )
        formset = MemberFormSet(
            data, prefix="anggota", initial=initial, form_kwargs={"people": people}
        )
    member_errors: list[str] = []
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            if team is None:
                team = services.team_create(data=form.to_data(formset.members()), by=request.user)
                messages.success(request, _("Tim penyusun dibentuk."))
            else:
                services.team_update(
                    team=team, data=form.to_data(formset.members()), by=request.user
                )
                messages.success(request, _("Perubahan tim disimpan."))
        except ValidationError as error:
            member_errors = _add_errors(form, error)
        else:
            return redirect("teams:detail", pk=team.pk)
    context = {"form": form, "formset": formset, "team": team, "member_errors": member_errors}
    status = 400 if request.method == "POST" else 200
    return render(request, "teams/form.html", context, status=status)


def _initial(team: Team) -> dict[str, Any]:
    return {
        "nama": team.nama,
        "unit": team.unit_id,
        "tenggat": team.tenggat,
        "keterangan": team.keterangan,
        "sops": [s.pk for s in team.sops.all()],
        "processes": [p.pk for p in team.processes.all()],
    }


@login_required
@require_http_methods(["GET", "POST"])
def team_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def team_update(request: HttpRequest, pk: int) -> HttpResponse:
    team = _team_or_404(request, pk)
    if not can_manage(request.user, team.unit):
        raise PermissionDenied
    return _edit(request, team)

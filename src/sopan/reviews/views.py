"""Review pages: ``/tinjauan/`` (the reviews a person may decide or see, soonest first) and
``/tinjauan/<sop_id>/`` (one SOP: next date, flags, decisions, the two ways to end a review).

Reading needs a role on the SOP's unit or above (others get 404, as for drafts); deciding is
checked again by the services (403 with the reason). A refused or empty input re-renders the
page with the Indonesian message (400) and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sopan.reviews import services
from sopan.reviews.forms import IntervalForm, NoChangeForm, RevisionForm
from sopan.reviews.models import ReviewDecision, ReviewSchedule
from sopan.reviews.rules import REMIND_DAYS_BEFORE
from sopan.reviews.selectors import (
    can_decide,
    can_set_interval,
    can_view,
    flagged_sop_ids,
    open_flags,
    schedules_for,
)
from sopan.reviews.triggers import flag_text
from sopan.sops.models import Sop

PAGE_SIZE = 50
FILTERS = ("terlambat", "segera", "semua")


def state_of(schedule: ReviewSchedule, today: dt.date) -> str:
    """terlambat / hari_ini / segera / terjadwal / direvisi (for the badge)."""
    if schedule.dalam_revisi:
        return "direvisi"
    if schedule.due < today:
        return "terlambat"
    if schedule.due == today:
        return "hari_ini"
    if (schedule.due - today).days <= REMIND_DAYS_BEFORE:
        return "segera"
    return "terjadwal"


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    shown = request.GET.get("tampil", "semua")
    shown = shown if shown in FILTERS else "semua"
    schedules = schedules_for(request.user, scope="view")
    if shown == "terlambat":
        schedules = schedules.filter(due__lt=today, dalam_revisi=False)
    elif shown == "segera":
        until = today + dt.timedelta(days=REMIND_DAYS_BEFORE)
        schedules = schedules.filter(due__lte=until, dalam_revisi=False)
    page = Paginator(schedules, PAGE_SIZE).get_page(request.GET.get("hal"))
    rows = list(page.object_list)
    flagged = flagged_sop_ids([row.sop_id for row in rows])
    items = [(row, state_of(row, today), row.sop_id in flagged) for row in rows]
    return render(
        request,
        "reviews/list.html",
        {"page": page, "items": items, "shown": shown, "today": today},
    )


def _sop_or_404(request: HttpRequest, sop_id: int) -> Sop:
    sop = Sop.objects.select_related("unit", "instansi").filter(pk=sop_id).first()
    if sop is None or not can_view(request.user, sop):
        raise Http404
    return sop


def _detail(request: HttpRequest, sop: Sop, status: int = 200, **forms: Any) -> HttpResponse:
    schedule = ReviewSchedule.objects.filter(sop=sop).select_related("version").first()
    version = services.version_in_force(sop)
    if version is not None and (schedule is None or schedule.version_id != version.pk):
        # Derived data not made yet (a version imported in force): fill it in now.
        schedule = services.review_schedule_sync(sop=sop)
    flags = [(flag, *flag_text(flag)) for flag in open_flags(sop)]
    decisions = ReviewDecision.objects.filter(sop=sop).select_related(
        "decided_by", "version", "new_version"
    )
    today = timezone.localdate()
    context = {
        "sop": sop,
        "version": version,
        "schedule": schedule,
        "state": state_of(schedule, today) if schedule and version else "",
        "interval": services.interval_for(sop, schedule),
        "flags": flags,
        "decisions": decisions,
        "can_decide": can_decide(request.user, sop),
        "can_set_interval": can_set_interval(request.user, sop),
        "no_change_form": forms.get("no_change_form") or NoChangeForm(),
        "revision_form": forms.get("revision_form") or RevisionForm(),
        "interval_form": forms.get("interval_form")
        or IntervalForm(initial={"interval_bulan": schedule.interval_bulan if schedule else None}),
    }
    return render(request, "reviews/detail.html", context, status=status)


@login_required
def review_detail(request: HttpRequest, sop_id: int) -> HttpResponse:
    return _detail(request, _sop_or_404(request, sop_id))


def _refused(form: Any, error: ValidationError) -> None:
    form.add_error(None, error.messages)


@login_required
@require_POST
def review_no_change(request: HttpRequest, sop_id: int) -> HttpResponse:
    sop = _sop_or_404(request, sop_id)
    form = NoChangeForm(request.POST)
    if form.is_valid():
        try:
            decision = services.review_decide_no_change(
                sop=sop, by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                _("Tinjauan dicatat: tidak perlu perubahan. Tinjauan berikutnya {date}.").format(
                    date=decision.next_due.strftime("%d-%m-%Y") if decision.next_due else "-"
                ),
            )
            return redirect("reviews:detail", sop_id=sop.pk)
    return _detail(request, sop, status=400, no_change_form=form)


@login_required
@require_POST
def review_revision(request: HttpRequest, sop_id: int) -> HttpResponse:
    sop = _sop_or_404(request, sop_id)
    form = RevisionForm(request.POST)
    if form.is_valid():
        try:
            decision = services.review_start_revision(
                sop=sop, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            draft = decision.new_version
            messages.success(request, _("Tinjauan dicatat: SOP direvisi. Konsep versi baru siap."))
            if draft is not None:
                return redirect("sops:version", sop_id=sop.pk, number=draft.number)
            return redirect("reviews:detail", sop_id=sop.pk)
    return _detail(request, sop, status=400, revision_form=form)


@login_required
@require_POST
def review_interval(request: HttpRequest, sop_id: int) -> HttpResponse:
    sop = _sop_or_404(request, sop_id)
    if not can_set_interval(request.user, sop):
        raise PermissionDenied(
            _("Hanya koordinator atau admin yang dapat mengubah jangka tinjauan.")
        )
    form = IntervalForm(request.POST)
    if form.is_valid():
        try:
            services.review_schedule_set_interval(
                sop=sop, by=request.user, interval_bulan=form.cleaned_data["interval_bulan"]
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Jangka tinjauan disimpan."))
            return redirect("reviews:detail", sop_id=sop.pk)
    return _detail(request, sop, status=400, interval_form=form)

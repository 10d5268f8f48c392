"""The daily job ``team_deadlines``: reminders before a team's deadline, and one notice to
the coordinators when it has passed with SOPs still unfinished.

Rule (documented in docs/teams.md): ``REMINDER_DAYS_BEFORE`` = (7, 1). On a day with
``d`` days left (0 ≤ d ≤ 7) the members get the reminder of the smallest threshold ≥ d,
once: so 7..2 days before → the "7 days" reminder, 1 or 0 days before → the "1 day"
reminder; a team formed 3 days before its deadline still gets both. The day after the
deadline, if the team is not complete, its koordinator/fasilitator members and the
koordinator of the instansi (role koordinator on the team's unit or above) are told once.
Every notification carries a dedupe key with the deadline, so running a day twice sends
nothing new, a missed day is caught up by the scheduler, and a moved deadline starts anew.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sopan.notifications.services import notify
from sopan.organisations.choices import Role
from sopan.organisations.models import Membership
from sopan.sops.jobs import daily
from sopan.teams.choices import TeamRole
from sopan.teams.models import Team
from sopan.teams.selectors import Progress, member_users, progress_of, with_details

REMINDER_DAYS_BEFORE: tuple[int, ...] = (7, 1)
KIND_REMINDER = "tim.tenggat"
KIND_OVERDUE = "tim.lewat_tenggat"


def reminder_threshold(days_left: int) -> int | None:
    """The threshold whose reminder is due with ``days_left`` days to go, or None."""
    if days_left < 0:
        return None
    due = [n for n in REMINDER_DAYS_BEFORE if days_left <= n]
    return min(due) if due else None


@daily("team_deadlines")
def team_deadlines(day: dt.date) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        teams = list(
            with_details(
                Team.objects.filter(tenggat__lte=day + dt.timedelta(days=max(REMINDER_DAYS_BEFORE)))
            )
        )
        progress = progress_of(teams)
        reminders = overdue = 0
        for team in teams:
            if progress[team.pk].complete:
                continue
            if team.tenggat >= day:
                reminders += _remind(team, progress[team.pk], day)
            else:
                overdue += _overdue(team, progress[team.pk])
    return _("{reminders} pengingat, {overdue} pemberitahuan lewat tenggat").format(
        reminders=reminders, overdue=overdue
    )


def _url(team: Team) -> str:
    return reverse("teams:detail", args=[team.pk])


def _remind(team: Team, progress: Progress, day: dt.date) -> int:
    days_left = (team.tenggat - day).days
    threshold = reminder_threshold(days_left)
    if threshold is None:
        return 0
    tanggal = date_format(team.tenggat, "j F Y")
    when = _("hari ini") if days_left == 0 else _("{n} hari lagi").format(n=days_left)
    rows = notify(
        users=member_users(team),
        kind=KIND_REMINDER,
        title=_("Tenggat tim {nama}: {tanggal}").format(nama=team.nama, tanggal=tanggal),
        body=_(
            "Tenggat tim penyusun {nama} jatuh pada {tanggal} ({when}). "
            "Selesai {done} dari {total} SOP."
        ).format(
            nama=team.nama, tanggal=tanggal, when=when, done=progress.done, total=progress.total
        ),
        url=_url(team),
        obj=team,
        dedupe_key=f"tim:{team.pk}:{team.tenggat.isoformat()}:h-{threshold}",
    )
    return len(rows)


def _coordinators(team: Team) -> list[User]:
    users = member_users(team, peran=TeamRole.KOORDINATOR)
    instansi = User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.filter(
            role=Role.KOORDINATOR, unit_id__in=team.unit.path_ids()
        ).values("user_id"),
    ).order_by("pk")
    return [*users, *instansi]


def _overdue(team: Team, progress: Progress) -> int:
    tanggal = date_format(team.tenggat, "j F Y")
    rows = notify(
        users=_coordinators(team),
        kind=KIND_OVERDUE,
        title=_("Tim {nama} melewati tenggat {tanggal}").format(nama=team.nama, tanggal=tanggal),
        body=_(
            "Tenggat tim penyusun {nama} ({unit}) sudah lewat pada {tanggal}; "
            "baru {done} dari {total} SOP yang selesai."
        ).format(
            nama=team.nama,
            unit=team.unit.nama,
            tanggal=tanggal,
            done=progress.done,
            total=progress.total,
        ),
        url=_url(team),
        obj=team,
        dedupe_key=f"tim:{team.pk}:{team.tenggat.isoformat()}:lewat",
    )
    return len(rows)

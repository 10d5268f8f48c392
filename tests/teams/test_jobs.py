"""The daily job team_deadlines, called with a frozen day and through the worker."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils.formats import date_format

from sopan import cli
from sopan.notifications.models import Notification
from sopan.sops import jobs as scheduler
from sopan.sops.lifecycle_models import JobRun
from sopan.sops.models import SopVersion
from sopan.teams.jobs import reminder_threshold, team_deadlines
from sopan.teams.models import Team

pytestmark = pytest.mark.django_db


def _titles(user: User) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user).order_by("id").values_list("title", flat=True)
    )


def _keys() -> list[tuple[str, str]]:
    return sorted(Notification.objects.values_list("recipient__username", "dedupe_key"))


def test_threshold_rule() -> None:
    assert [reminder_threshold(d) for d in (9, 8, 7, 2, 1, 0, -1)] == [
        None,
        None,
        7,
        7,
        1,
        1,
        None,
    ]


def test_reminders_sent_once_to_members(
    team: Team,
    penyusun: User,
    pemeriksa: User,
    koordinator: User,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    seven_before = team.tenggat - dt.timedelta(days=7)
    assert team_deadlines(seven_before - dt.timedelta(days=1)) == (
        "0 pengingat, 0 pemberitahuan lewat tenggat"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert str(team_deadlines(seven_before)).startswith("2 pengingat")
        assert str(team_deadlines(seven_before)).startswith("0 pengingat")  # run twice: nothing new
        assert str(team_deadlines(seven_before + dt.timedelta(days=3))).startswith("0 pengingat")
    tanggal = date_format(team.tenggat, "j F Y")
    assert _titles(penyusun) == [f"Tenggat tim Tim SOP Pelayanan Dinas X: {tanggal}"]
    assert _titles(koordinator) == []  # the instansi koordinator is not a member
    assert sorted(m.to[0] for m in mailoutbox) == [
        "pemeriksa@contoh.go.id",
        "penyusun@contoh.go.id",
    ]
    body = Notification.objects.filter(recipient=penyusun).get().body
    assert "(7 hari lagi). Selesai 0 dari 1 SOP." in body
    team_deadlines(team.tenggat - dt.timedelta(days=1))
    team_deadlines(team.tenggat)
    assert len(_titles(penyusun)) == 2
    assert _keys() == [
        ("pemeriksa", f"tim:{team.pk}:{team.tenggat.isoformat()}:h-1"),
        ("pemeriksa", f"tim:{team.pk}:{team.tenggat.isoformat()}:h-7"),
        ("penyusun", f"tim:{team.pk}:{team.tenggat.isoformat()}:h-1"),
        ("penyusun", f"tim:{team.pk}:{team.tenggat.isoformat()}:h-7"),
    ]


def test_passed_deadline_tells_coordinators_once(
    team: Team, penyusun: User, pemeriksa: User, koordinator: User
) -> None:
    after = team.tenggat + dt.timedelta(days=1)
    assert team_deadlines(after) == "0 pengingat, 2 pemberitahuan lewat tenggat"
    assert str(team_deadlines(after + dt.timedelta(days=5))).endswith(
        ", 0 pemberitahuan lewat tenggat"
    )
    # the team's koordinator/fasilitator (pemeriksa) and the instansi koordinator
    tanggal = date_format(team.tenggat, "j F Y")
    assert _titles(pemeriksa) == [f"Tim Tim SOP Pelayanan Dinas X melewati tenggat {tanggal}"]
    assert len(_titles(koordinator)) == 1
    assert _titles(penyusun) == []


def test_complete_team_gets_nothing(team: Team, draft: SopVersion) -> None:
    SopVersion.objects.filter(pk=draft.pk).update(status="berlaku")
    team_deadlines(team.tenggat - dt.timedelta(days=7))
    team_deadlines(team.tenggat + dt.timedelta(days=1))
    assert Notification.objects.count() == 0


def test_moved_deadline_reminds_again(team: Team, penyusun: User) -> None:
    team_deadlines(team.tenggat - dt.timedelta(days=1))
    Team.objects.filter(pk=team.pk).update(tenggat=team.tenggat + dt.timedelta(days=10))
    team.refresh_from_db()
    team_deadlines(team.tenggat - dt.timedelta(days=1))
    assert len(_titles(penyusun)) == 2


def test_worker_catches_up_after_downtime(team: Team, penyusun: User) -> None:
    """The worker was down from H-9 to H+2: the missed days are run with their own dates."""
    start = team.tenggat - dt.timedelta(days=9)
    scheduler.run_due_jobs(start)  # first run: only that day
    results = scheduler.run_due_jobs(team.tenggat + dt.timedelta(days=2))
    days = [r.day for r in results if r.job == "team_deadlines"]
    assert days[0] == start + dt.timedelta(days=1) and len(days) == 11
    assert all(r.ok for r in results)
    assert len(_titles(penyusun)) == 2  # H-7 and H-1 once each
    assert Notification.objects.filter(kind="tim.lewat_tenggat").count() == 2
    assert scheduler.run_due_jobs(team.tenggat + dt.timedelta(days=2)) == []


def test_registered_for_the_worker(team: Team) -> None:
    assert "team_deadlines" in [job.name for job in scheduler.registered_jobs()]
    assert cli.main(["worker", "--once"]) == 0
    assert JobRun.objects.filter(job="team_deadlines").count() == 1

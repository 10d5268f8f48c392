"""The review job is registered, runs through `sopan worker --once`, and the admin's
instansi settings go through the service."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from sopan.cli import main
from sopan.notifications.models import Notification
from sopan.reviews.models import ReviewSchedule, ReviewSettings
from sopan.sops import jobs
from tests.conftest import World
from tests.reviews.conftest import DUE
from tests.sopdocs import make_sop

pytestmark = pytest.mark.django_db(transaction=True)


def test_registered() -> None:
    assert "review_reminders" in [job.name for job in jobs.registered_jobs()]


def _worker_once(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["worker", "--once"])
    return code, capsys.readouterr().out


def test_worker_once_reminds_and_twice_does_not(
    world: World, penyusun: User, capsys: pytest.CaptureFixture[str]
) -> None:
    soon = timezone.localdate() + dt.timedelta(days=10)
    tanggal = {"efektif": "2025-06-02", "revisi": soon.isoformat()}
    make_sop(world.dinas_x, "Pelayanan Legalisir", status="berlaku", tanggal=tanggal)
    code, out = _worker_once(capsys)
    assert code == 0 and "review_reminders untuk" in out
    assert ReviewSchedule.objects.get().due == soon
    assert Notification.objects.filter(recipient=penyusun, kind="tinjauan.jatuh_tempo").count() == 1
    code, out = _worker_once(capsys)
    assert code == 0 and "review_reminders" not in out
    assert Notification.objects.filter(kind="tinjauan.jatuh_tempo").count() == 1


def test_admin_settings_recompute_the_schedules(world: World, superuser: User) -> None:
    version = make_sop(world.dinas_x, "Pelayanan Legalisir", status="berlaku")
    jobs.run_due_jobs(DUE)  # schedules made: due 2027-06-02
    client = Client()
    client.force_login(superuser)
    response = client.post(
        "/admin/reviews/reviewsettings/add/",
        {"instansi": world.kabupaten_a.pk, "interval_bulan": "12"},
    )
    assert response.status_code == 302
    assert ReviewSettings.objects.get().interval_bulan == 12
    assert ReviewSchedule.objects.get(sop_id=version.sop_id).due == dt.date(2026, 6, 2)

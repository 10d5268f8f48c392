"""tasks_for: periodic reviews due (from sopan.reviews), grouping and order."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from sopan.reviews.models import ReviewSchedule
from sopan.reviews.services import review_schedules_reconcile
from sopan.sops.models import SopVersion
from sopan.tasks.selectors import tasks_for
from tests.conftest import World
from tests.sopdocs import make_sop

pytestmark = pytest.mark.django_db


def test_reviews_due_listed_with_their_date(
    published: SopVersion, penyusun: User, outsider_unit: User
) -> None:
    review_schedules_reconcile(today=dt.date(2025, 6, 2))
    due = ReviewSchedule.objects.get(sop=published.sop).due
    assert tasks_for(penyusun, due - dt.timedelta(days=40)) == []
    [group] = tasks_for(penyusun, due - dt.timedelta(days=10))
    assert group.kind == "tinjauan"
    [task] = group.tasks
    assert (task.title, task.due, task.overdue) == ("Pelayanan Legalisir", due, False)
    [group] = tasks_for(penyusun, due + dt.timedelta(days=1))
    assert group.tasks[0].overdue
    assert tasks_for(outsider_unit, due) == []


def test_groups_in_order_newest_first(world: World, penyusun: User) -> None:
    first = make_sop(world.dinas_x, "Konsep pertama")
    second = make_sop(world.dinas_x, "Konsep kedua")
    SopVersion.objects.filter(pk__in=[first.pk, second.pk]).update(created_by=penyusun)
    SopVersion.objects.filter(pk=first.pk).update(
        updated_at=second.updated_at + dt.timedelta(minutes=5)
    )
    [group] = tasks_for(penyusun)
    assert [t.title for t in group.tasks] == ["Konsep pertama", "Konsep kedua"]
    assert all(t.due is None for t in group.tasks)

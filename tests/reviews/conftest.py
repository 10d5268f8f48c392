"""Review fixtures: an SOP in force in Dinas X (efektif 2025-06-02, so with the default 24
months its review falls due on 2027-06-02) and the days around that date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sopan.notifications.models import Notification
from sopan.reviews.models import ReviewSchedule
from sopan.reviews.services import review_schedule_sync
from sopan.sops.models import SopVersion
from tests.conftest import World
from tests.sopdocs import make_sop
from tests.sops.lifecycle_util import own_draft  # noqa: F401  (fixture)

EFEKTIF = dt.date(2025, 6, 2)
DUE = dt.date(2027, 6, 2)
REMIND = DUE - dt.timedelta(days=30)


@pytest.fixture
def in_force(world: World) -> SopVersion:
    """An SOP in force in Dinas X with its schedule."""
    version = make_sop(world.dinas_x, "Pelayanan Legalisir", status="berlaku")
    review_schedule_sync(sop=version.sop)
    return version


def schedule_of(version: SopVersion) -> ReviewSchedule:
    return ReviewSchedule.objects.get(sop_id=version.sop_id)


def notified(kind: str = "", **filters: Any) -> list[tuple[str, str]]:
    """(username, title) of the notifications, sorted."""
    rows = Notification.objects.filter(**filters)
    if kind:
        rows = rows.filter(kind=kind)
    return sorted(rows.values_list("recipient__username", "title"))

"""Teams test helpers: a team of Dinas X with the penyusun (teknis) and pemeriksa
(koordinator/fasilitator) as members, formed by the koordinator persona."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from sopan.organisations.models import Person
from sopan.sops.models import SopVersion
from sopan.teams.choices import TeamRole
from sopan.teams.models import Team
from sopan.teams.services import MemberData, TeamData, team_create
from tests.conftest import World

# The services compare the deadline with the real today; the jobs get their day as an argument.
TODAY = timezone.localdate()
TENGGAT = TODAY + dt.timedelta(days=18)


def person(user: User) -> Person:
    return Person.objects.get(user=user)


def team_data(world: World, members: list[MemberData], **kw: object) -> TeamData:
    values: dict[str, object] = {
        "nama": "Tim SOP Pelayanan Dinas X",
        "unit": world.dinas_x,
        "tenggat": TENGGAT,
        "members": members,
    }
    values.update(kw)
    return TeamData(**values)  # type: ignore[arg-type]


@pytest.fixture
def team(
    world: World, koordinator: User, penyusun: User, pemeriksa: User, draft: SopVersion
) -> Team:
    members = [
        MemberData(person(pemeriksa), TeamRole.KOORDINATOR),
        MemberData(person(penyusun), TeamRole.TEKNIS),
    ]
    return team_create(data=team_data(world, members, sops=[draft.sop]), by=koordinator)

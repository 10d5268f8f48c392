"""``/api/v1/teams`` with personas: whole bodies, visibility, the service's rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from sopan.organisations.models import Person
from sopan.sops.models import SopVersion
from sopan.teams.models import Team
from sopan.teams.services import MemberData, TeamData, team_create
from tests.conftest import World

pytestmark = pytest.mark.django_db


def person(user: User) -> Person:
    return Person.objects.get(user=user)


@pytest.fixture
def team(world: World, koordinator: User, penyusun: User, draft: SopVersion) -> Team:
    data = TeamData(
        nama="Tim Layanan Dinas X",
        unit=world.dinas_x,
        tenggat=timezone.localdate() + dt.timedelta(days=10),
        members=[MemberData(person=person(penyusun), peran="teknis")],
        sops=[draft.sop],
    )
    return team_create(data=data, by=koordinator)


def test_whole_body(team: Team, world: World, penyusun: User, api_as: Callable[..., Any]) -> None:
    answer = api_as("penyusun").get(f"/teams/{team.pk}")
    assert answer.status == 200
    assert answer.body == {
        "id": team.pk,
        "nama": "Tim Layanan Dinas X",
        "unit": {"id": world.dinas_x.pk, "kode": "DX", "nama": "Dinas X"},
        "tenggat": team.tenggat.isoformat(),
        "terlambat": False,
        "keterangan": "",
        "members": [
            {
                "person_id": person(penyusun).pk,
                "nama": "Rina Penyusun",
                "peran": "teknis",
                "peran_label": "Teknis",
            }
        ],
        "progress": {
            "total": 1,
            "done": 0,
            "percent": 0,
            "items": [
                {
                    "judul": "Konsep Rahasia Dinas X",
                    "stage": "penyusunan",
                    "stage_label": "Penyusunan",
                    "sop_id": team.sops.get().pk,
                    "process_id": None,
                }
            ],
        },
    }


@pytest.mark.parametrize(
    ("who", "count"),
    [("koordinator", 1), ("pengesah", 1), ("penyusun", 1), ("outsider_unit", 0), ("pelaksana", 0)],
)
def test_list_visibility(team: Team, api_as: Callable[..., Any], who: str, count: int) -> None:
    answer = api_as(who).get("/teams")
    assert (answer.status, len(answer.body)) == (200, count)


def test_outsiders(team: Team, api_as: Callable[..., Any]) -> None:
    assert api_as("anonymous").get("/teams").status == 401
    answer = api_as("outsider_instansi").get(f"/teams/{team.pk}")
    assert (answer.status, answer.body["code"]) == (404, "not_found")


def body(world: World, member: User, **changes: Any) -> dict[str, Any]:
    return {
        "nama": "Tim Baru",
        "unit": "DX",
        "tenggat": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "members": [{"person": person(member).pk, "peran": "koordinator"}],
        **changes,
    }


def test_create(
    world: World, penyusun: User, koordinator: User, api_as: Callable[..., Any]
) -> None:
    answer = api_as("koordinator").post("/teams", body(world, penyusun))
    assert answer.status == 201
    created = Team.objects.get(nama="Tim Baru")
    assert answer.headers["Location"] == f"/api/v1/teams/{created.pk}"
    assert answer.body["members"][0]["peran_label"] == "Koordinator/Fasilitator"
    assert answer.body["progress"] == {"total": 0, "done": 0, "percent": 0, "items": []}


def test_create_refused(
    world: World,
    penyusun: User,
    outsider_instansi: User,
    koordinator: User,
    api_as: Callable[..., Any],
) -> None:
    cases = [
        ("penyusun", body(world, penyusun), 403, "forbidden"),
        ("anonymous", body(world, penyusun), 401, "unauthenticated"),
        ("koordinator", body(world, outsider_instansi), 422, "unknown_person"),
        ("koordinator", body(world, penyusun, sops=[999999]), 422, "unknown_sop"),
        ("koordinator", body(world, penyusun, tenggat="2020-01-01"), 422, "invalid"),
        ("koordinator", body(world, penyusun, members=[]), 422, "invalid"),
    ]
    for who, payload, status, code in cases:
        answer = api_as(who).post("/teams", payload)
        assert (answer.status, answer.body["code"]) == (status, code), (who, answer.body)
    assert not Team.objects.exists()
    answer = api_as("koordinator").post("/teams", body(world, penyusun, tenggat="2020-01-01"))
    assert answer.body["detail"] == {"tenggat": ["Tenggat tidak boleh sebelum hari ini."]}

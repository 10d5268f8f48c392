"""/tugas/ (Tugas Saya) through HTTP: each persona sees their own work, outsiders nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from sopan.sops.models import SopVersion
from sopan.sops.services import sop_create
from sopan.teams.choices import TeamRole
from sopan.teams.services import MemberData, team_create
from tests import factories
from tests.conftest import World
from tests.sopdocs import document
from tests.sops.lifecycle_util import act
from tests.teams.conftest import person, team_data

pytestmark = pytest.mark.django_db


def _page(user: User) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/tugas/")
    assert response.status_code == 200
    return response.content.decode()


def _draft(world: World, by: User, nama: str) -> SopVersion:
    return sop_create(unit=world.dinas_x, document=document(nama), by=by)


@pytest.fixture
def work(world: World, penyusun: User, pemeriksa: User, koordinator: User) -> dict[str, Any]:
    """A draft, a version in review, one waiting for the pengesah, and a team of Dinas X."""
    draft = _draft(world, penyusun, "Konsep Surat Keluar")
    review = _draft(world, penyusun, "Reviu Surat Masuk")
    act(review, "submit", penyusun)
    waiting = _draft(world, penyusun, "Pengesahan Arsip")
    act(waiting, "submit", penyusun)
    act(waiting, "approve", pemeriksa)
    team = team_create(
        data=team_data(
            world,
            [MemberData(person(penyusun), TeamRole.TEKNIS)],
            sops=[draft.sop, review.sop],
            tenggat=timezone.localdate() + dt.timedelta(days=10),
        ),
        by=koordinator,
    )
    return {"draft": draft, "review": review, "waiting": waiting, "team": team}


def test_penyusun_sees_drafts_and_team_deadline(penyusun: User, work: dict[str, Any]) -> None:
    html = _page(penyusun)
    assert "Konsep yang perlu diselesaikan" in html and "Konsep Surat Keluar" in html
    assert f'href="/sop/{work["draft"].sop_id}/v/1/ubah/"' in html
    assert "Tenggat tim penyusun" in html and "Tim SOP Pelayanan Dinas X" in html
    tenggat = work["team"].tenggat.isoformat()
    assert f'<time datetime="{tenggat}">' in html
    # their own version in review is not a review for them to give
    assert "Reviu yang perlu diberikan" not in html


def test_pemeriksa_sees_reviews_to_give(pemeriksa: User, work: dict[str, Any]) -> None:
    html = _page(pemeriksa)
    assert "Reviu yang perlu diberikan" in html and "Reviu Surat Masuk" in html
    assert "Setujui tahap Pemeriksaan" in html
    assert f'href="/sop/{work["review"].sop_id}/v/1/reviu/"' in html
    assert "Konsep Surat Keluar" not in html


def test_pengesah_sees_approvals_waiting(pengesah: User, work: dict[str, Any]) -> None:
    html = _page(pengesah)
    assert "Pengesahan yang menunggu Anda" in html
    section = html.split('id="pengesahan"', 1)[1]
    assert "Pengesahan Arsip" in section and "Setujui tahap Pengesahan" in section


@pytest.mark.parametrize("name", ["outsider_unit", "outsider_instansi", "pelaksana"])
def test_outsiders_see_nothing_of_the_unit(
    request: pytest.FixtureRequest, name: str, work: dict[str, Any]
) -> None:
    html = _page(request.getfixturevalue(name))
    for title in ("Konsep Surat Keluar", "Reviu Surat Masuk", "Pengesahan Arsip", "Tim SOP"):
        assert title not in html
    assert "Tidak ada tugas yang menunggu Anda." in html


def test_anonymous_goes_to_login_and_login_lands_on_tugas(penyusun: User) -> None:
    assert Client().get("/tugas/").status_code == 302
    response = Client().post("/masuk/", {"username": "penyusun", "password": factories.PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/tugas/"


def test_nav_has_tugas_saya_first(penyusun: User) -> None:
    html = _page(penyusun)
    nav = html.split('aria-label="Navigasi utama"', 1)[1].split("</nav>", 1)[0]
    assert nav.split("<a ", 1)[1].startswith('href="/tugas/">Tugas Saya</a>')


def test_query_count_does_not_grow(
    world: World,
    penyusun: User,
    pemeriksa: User,
    koordinator: User,
    django_assert_max_num_queries: Any,
) -> None:
    """Twenty drafts, twenty versions in review and five teams: the same queries as one."""

    def make(n: int) -> None:
        for i in range(n):
            _draft(world, penyusun, f"Konsep {n}-{i}")
            review = _draft(world, penyusun, f"Reviu {n}-{i}")
            act(review, "submit", penyusun)
            team_create(
                data=team_data(
                    world, [MemberData(person(penyusun), TeamRole.TEKNIS)], sops=[review.sop]
                ),
                by=koordinator,
            )

    make(1)
    client = Client()
    client.force_login(penyusun)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/tugas/")
    make(20)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get("/tugas/").content.decode()
    assert html.count("Konsep 20-") == 20
    client.force_login(pemeriksa)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get("/tugas/").content.decode()
    assert html.count("Reviu 20-") == 20

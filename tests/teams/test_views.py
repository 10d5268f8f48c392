"""Team pages through HTTP with personas: list, detail, create and edit, bad input."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from sopan.audit.models import AuditEvent
from sopan.sops.models import SopVersion
from sopan.teams.models import Team, TeamMember
from tests.conftest import World
from tests.teams.conftest import TENGGAT, TODAY, person

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(world: World, members: list[tuple[int, str]], **kw: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "nama": "Tim Perizinan",
        "unit": world.dinas_x.pk,
        "tenggat": TENGGAT.isoformat(),
        "keterangan": "",
        "anggota-TOTAL_FORMS": str(len(members) + 1),
        "anggota-INITIAL_FORMS": "0",
        "anggota-MIN_NUM_FORMS": "0",
        "anggota-MAX_NUM_FORMS": "1000",
    }
    for i, (person_id, peran) in enumerate(members):
        data[f"anggota-{i}-person"] = person_id
        data[f"anggota-{i}-peran"] = peran
    data[f"anggota-{len(members)}-peran"] = "teknis"  # an empty row is ignored
    data.update(kw)
    return data


def test_koordinator_creates_a_team(
    world: World, koordinator: User, penyusun: User, draft: SopVersion
) -> None:
    client = _client(koordinator)
    page = client.get("/tim/baru/").content.decode()
    assert "Rina Penyusun" in page and "Lina Kabupaten B" not in page
    data = _post(world, [(person(penyusun).pk, "koordinator")], sops=[draft.sop_id])
    response = client.post("/tim/baru/", data)
    team = Team.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/tim/{team.pk}/"
    assert [(m.person.nama, m.peran) for m in team.members.all()] == [
        ("Rina Penyusun", "koordinator")
    ]
    detail = client.get(f"/tim/{team.pk}/").content.decode()
    assert "Konsep Rahasia Dinas X" in detail and "Penyusunan" in detail
    assert "0 dari 1 selesai" in detail


def test_member_from_another_instansi_refused_nothing_written(
    world: World, koordinator: User, penyusun: User, outsider_instansi: User
) -> None:
    events = AuditEvent.objects.count()
    data = _post(world, [(person(penyusun).pk, "teknis"), (person(outsider_instansi).pk, "hukum")])
    response = _client(koordinator).post("/tim/baru/", data)
    assert response.status_code == 400
    assert (
        "Lina Kabupaten B bukan pegawai Kabupaten A; anggota tim harus dari instansi yang sama."
        in response.content.decode()
    )
    assert Team.objects.count() == 0 and TeamMember.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_bad_input_shown_on_the_form(world: World, koordinator: User, penyusun: User) -> None:
    client = _client(koordinator)
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    html = client.post("/tim/baru/", _post(world, [], tenggat=yesterday)).content.decode()
    assert "Tenggat tidak boleh sebelum hari ini." in html
    html = client.post(
        "/tim/baru/", _post(world, [(person(penyusun).pk, "teknis")], tenggat="besok")
    ).content.decode()
    assert "Masukkan tanggal yang valid." in html
    html = client.post(
        "/tim/baru/", _post(world, [(person(penyusun).pk, "ketua")])
    ).content.decode()
    assert "Masukkan pilihan yang valid. ketua bukan salah satu" in html
    assert Team.objects.count() == 0


def test_unit_outside_the_admins_subtree_refused(
    world: World, admin_unit: User, penyusun: User
) -> None:
    data = _post(world, [(person(penyusun).pk, "teknis")], unit=world.dinas_z.pk)
    response = _client(admin_unit).post("/tim/baru/", data)
    assert response.status_code == 400 and Team.objects.count() == 0


def test_personas_on_team_pages(
    team: Team,
    koordinator: User,
    admin_unit: User,
    penyusun: User,
    pengesah: User,
    pelaksana: User,
    outsider_unit: User,
    outsider_instansi: User,
) -> None:
    url = f"/tim/{team.pk}/"
    assert _client(penyusun).get(url).status_code == 200  # a member
    assert _client(pengesah).get(url).status_code == 200  # a role on the team's unit
    assert _client(pelaksana).get(url).status_code == 404  # a role only below it
    assert _client(outsider_unit).get(url).status_code == 404
    assert _client(outsider_instansi).get(url).status_code == 404
    assert "Tim SOP Pelayanan" not in _client(outsider_unit).get("/tim/").content.decode()
    assert _client(penyusun).get(f"{url}ubah/").status_code == 403
    assert _client(penyusun).get("/tim/baru/").status_code == 403
    assert _client(admin_unit).get(f"{url}ubah/").status_code == 200
    assert Client().get(url).status_code == 302


def test_koordinator_edits_the_team(world: World, koordinator: User, team: Team) -> None:
    client = _client(koordinator)
    page = client.get(f"/tim/{team.pk}/ubah/").content.decode()
    assert "Tim SOP Pelayanan Dinas X" in page
    members = [(m.person_id, m.peran) for m in team.members.all()]
    response = client.post(f"/tim/{team.pk}/ubah/", _post(world, members, nama="Tim diganti"))
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.nama == "Tim diganti" and list(team.sops.all()) == []
    assert AuditEvent.objects.filter(action="team.update").count() == 1

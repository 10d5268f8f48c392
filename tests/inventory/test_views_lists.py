"""Home, ranked list, Tabel 6 and coverage through HTTP, with the personas."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from sopan.inventory.models import Process
from sopan.sops.services import version_set_status
from tests.conftest import World
from tests.sopdocs import make_sop

pytestmark = pytest.mark.django_db


def get(user: User | None, url: str, **params: Any) -> Any:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url, params)


def titles(response: Any) -> list[str]:
    return [item.process.judul_sop for item in response.context["page"].object_list]


def test_koordinator_sees_the_whole_instansi_ranked(
    koordinator: User, inventory: dict[str, Process]
) -> None:
    response = get(koordinator, "/inventaris/peringkat/")
    assert response.status_code == 200
    assert titles(response) == [
        "SOP Pelaksanaan Legalisir Dokumen",  # 111.8: the documented example
        "SOP Pelaksanaan Daftar Gaji",
        "SOP Penyusunan Renstra",
        "SOP Distribusi Arsip Surat",
    ]
    assert response.context["page"].object_list[0].score.skor == 111.8
    assert "Izin Reklame" not in response.content.decode()  # Kabupaten B


def test_penyusun_of_dinas_x_sees_its_subtree_only(
    penyusun: User, inventory: dict[str, Process]
) -> None:
    response = get(penyusun, "/inventaris/peringkat/")
    assert titles(response) == ["SOP Pelaksanaan Legalisir Dokumen", "SOP Distribusi Arsip Surat"]
    home = get(penyusun, "/inventaris/")
    assert [i.process.pk for i in home.context["top"]] == [
        inventory["legalisir"].pk,
        inventory["arsip"].pk,
    ]
    assert home.context["coverage"].total.total == 2


def test_unit_head_sees_the_subtree_of_the_unit(
    pengesah: User, inventory: dict[str, Process]
) -> None:
    assert len(titles(get(pengesah, "/inventaris/peringkat/"))) == 2


def test_a_unit_filter_outside_the_scope_is_ignored(
    penyusun: User, world: World, inventory: dict[str, Process]
) -> None:
    response = get(penyusun, "/inventaris/peringkat/", unit=world.dinas_z.pk)
    assert response.context["scope"].unit is None
    assert "Daftar Gaji" not in response.content.decode()
    response = get(penyusun, "/inventaris/peringkat/", unit=world.bidang_y.pk)
    assert titles(response) == ["SOP Distribusi Arsip Surat"]


def test_outsider_of_another_instansi_sees_only_theirs(
    outsider_instansi: User, inventory: dict[str, Process]
) -> None:
    response = get(outsider_instansi, "/inventaris/peringkat/")
    assert titles(response) == ["SOP Pelaksanaan Izin Reklame"]
    assert (
        get(outsider_instansi, f"/inventaris/proses/{inventory['legalisir'].pk}/").status_code
        == 404
    )


def test_people_without_a_role_are_refused(pelaksana: User, inventory: dict[str, Process]) -> None:
    response = get(pelaksana, "/inventaris/")
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()
    nobody = User.objects.create_user("nobody", password="x-long-password-1")
    assert get(nobody, "/inventaris/peringkat/").status_code == 403


def test_anonymous_is_sent_to_login(inventory: dict[str, Process]) -> None:
    for url in ("/inventaris/", "/inventaris/peringkat/", "/inventaris/tabel-6/"):
        response = get(None, url)
        assert response.status_code == 302
        assert response["Location"].startswith("/masuk/?next=")


def test_home_puts_the_top_processes_without_an_sop_first_and_shows_coverage(
    koordinator: User, world: World, inventory: dict[str, Process]
) -> None:
    version = make_sop(world.dinas_x, "SOP Legalisir")
    Process.objects.filter(pk=inventory["legalisir"].pk).update(sop=version.sop)
    draft_home = get(koordinator, "/inventaris/")
    # A draft is not in force: the process stays among the priorities, marked "being drafted".
    assert draft_home.context["top"][0].process.pk == inventory["legalisir"].pk
    assert draft_home.context["top"][0].state == "disusun"
    version_set_status(version=version, status="berlaku", by=None)
    response = get(koordinator, "/inventaris/")
    body = response.content.decode()
    assert body.index("Prioritas tertinggi") < body.index("Cakupan SOP")
    top = [item.process.pk for item in response.context["top"]]
    assert inventory["legalisir"].pk not in top
    assert top[0] == inventory["gaji"].pk
    coverage = response.context["coverage"]
    assert (coverage.total.total, coverage.total.berlaku, coverage.total.persen) == (4, 1, 25.0)
    by_unit = {row.label: (row.total, row.berlaku, row.persen) for row in coverage.by_unit}
    assert by_unit == {
        "Bagian Organisasi": (1, 0, 0.0),
        "Dinas X": (1, 1, 100.0),
        "Bidang Y": (1, 0, 0.0),
        "Dinas Z": (1, 0, 0.0),
    }
    by_kategori = {row.label: (row.total, row.berlaku) for row in coverage.by_kategori}
    assert by_kategori == {"Layanan publik": (1, 1), "Keuangan": (1, 0), "Lainnya": (2, 0)}
    assert "1 dari 4 proses punya SOP berlaku (25,0%)." in body  # Indonesian decimal comma


def test_ranked_filters(koordinator: User, inventory: dict[str, Process]) -> None:
    assert titles(get(koordinator, "/inventaris/peringkat/", kategori="keuangan")) == [
        "SOP Pelaksanaan Daftar Gaji"
    ]
    assert len(titles(get(koordinator, "/inventaris/peringkat/", tanpa_sop="1"))) == 4


def test_tabel6_page_numbers_rows(koordinator: User, inventory: dict[str, Process]) -> None:
    response = get(koordinator, "/inventaris/tabel-6/")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.no.label for r in rows] == ["A", "B", "C", "D"]
    assert [r.judul_no for r in rows] == [1, 2, 3, 4]
    assert rows[0].no.text == "Bagian Organisasi"


def test_process_page_explains_the_score(koordinator: User, inventory: dict[str, Process]) -> None:
    response = get(koordinator, f"/inventaris/proses/{inventory['legalisir'].pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "111,8" in body and "74,5" in body and "4 × 5" in body


def test_nav_link_for_drafters_and_coordinators_only(
    koordinator: User, penyusun: User, pemeriksa: User
) -> None:
    assert "Inventaris Proses" in get(koordinator, "/sop/").content.decode()
    assert "Inventaris Proses" in get(penyusun, "/sop/").content.decode()
    assert "Inventaris Proses" not in get(pemeriksa, "/sop/").content.decode()

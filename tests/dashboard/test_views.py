"""The dashboard page and its XLSX export over HTTP, with personas."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from sopan.dashboard.exports import HEADER_ROW
from sopan.sops.models import Sop, SopVersion
from tests.conftest import World
from tests.dashboard.conftest import TODAY, Known

pytestmark = pytest.mark.django_db

URL = "/dasbor/"
XLSX_URL = "/dasbor/dasbor.xlsx"
INLINE = re.compile(r"<style|\sstyle=\"|<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")")


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def page(client: Client, user: User, url: str = URL, **params: str) -> Any:
    client.force_login(user)
    return client.get(url, params)


def chart_data(body: str, key: str) -> Any:
    found = re.search(rf'<script id="data-{key}" type="application/json">(.*?)</script>', body)
    assert found is not None, key
    return json.loads(found.group(1))


def test_anonymous_goes_to_login(client: Client, known: Known) -> None:
    for url in (URL, XLSX_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/masuk/")


def test_people_without_a_dashboard_role_are_refused(
    client: Client,
    known: Known,
    penyusun: User,
    pemeriksa: User,
    pelaksana: User,
    outsider_instansi: User,
) -> None:
    for user in (penyusun, pemeriksa, pelaksana, outsider_instansi):
        for url in (URL, XLSX_URL):
            assert page(client, user, url).status_code == 403, (user, url)


def test_koordinator_sees_the_whole_instansi(
    client: Client, known: Known, koordinator: User
) -> None:
    response = page(client, koordinator)
    assert response.status_code == 200
    body = response.content.decode()
    assert INLINE.search(body) is None
    assert chart_data(body, "per-unit") == {
        "type": "bar",
        "horizontal": True,
        "stacked": True,
        "axis": "Jumlah SOP",
        "labels": [
            "Pemerintah Kabupaten A (langsung)",
            "Dinas X",
            "Dinas Z",
            "Sekretariat Daerah (Setda)",
        ],
        "datasets": [
            {"key": "konsep", "label": "Konsep", "data": [1, 1, 0, 1]},
            {"key": "dalam_reviu", "label": "Dalam Reviu", "data": [0, 0, 1, 0]},
            {"key": "uji_coba", "label": "Uji Coba", "data": [0, 0, 0, 0]},
            {"key": "menunggu_pengesahan", "label": "Menunggu Pengesahan", "data": [0, 0, 1, 0]},
            {"key": "berlaku", "label": "Berlaku", "data": [0, 4, 0, 1]},
            {"key": "dicabut", "label": "Dicabut", "data": [0, 0, 1, 0]},
        ],
    }
    assert chart_data(body, "cakupan")["datasets"][0]["data"] == [2, 0]
    months = chart_data(body, "pengesahan")
    assert len(months["labels"]) == 12 and sum(months["datasets"][0]["data"]) == 3
    # Every chart has its table: caption and header cells with a scope.
    for key in ("per-unit", "cakupan", "pengesahan"):
        assert f'id="tabel-{key}"' in body
    assert '<th scope="row">Dinas Z</th>' in body
    assert '<th scope="row"><a href="/inventaris/proses/' in body  # priorities name the row
    for text in ("Pelayanan Legalisir", "Peraturan Daerah Nomor 3 Tahun 2010", "Tata Naskah Lama"):
        assert text in body
    assert '<a href="/dasbor/">Dasbor</a>' in body


def test_tiles(client: Client, known: Known, koordinator: User) -> None:
    body = page(client, koordinator).content.decode()
    tiles = re.search(r'<dl class="tiles">(.*?)</dl>', body, re.S)
    assert tiles is not None
    numbers = re.findall(r'<dd><a href="#\w+">([^<]+)</a>', tiles.group(1))
    assert numbers == ["5", "5", "1", "2", "2", "2", "12,0"]


def test_unit_head_sees_only_the_own_subtree(
    client: Client, known: Known, pengesah: User, world: World
) -> None:
    response = page(client, pengesah)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dinas Z" not in body and "Tata Naskah Lama" not in body and "Setda" not in body
    assert chart_data(body, "per-unit")["labels"] == ["Dinas X (langsung)", "Bidang Y"]
    assert page(client, pengesah, unit=str(world.dinas_z.pk)).status_code == 404
    assert page(client, pengesah, instansi=str(world.kabupaten_b.pk)).status_code == 404


def test_admin_and_auditor(
    client: Client, known: Known, admin_unit: User, auditor: User, world: World
) -> None:
    body = page(client, admin_unit).content.decode()
    assert chart_data(body, "per-unit")["labels"] == ["Dinas X (langsung)", "Bidang Y"]
    body = page(client, auditor, unit=str(world.dinas_z.pk)).content.decode()
    assert chart_data(body, "per-unit")["labels"] == ["Dinas Z (langsung)"]


def test_unit_and_period_filters(
    client: Client, known: Known, koordinator: User, world: World
) -> None:
    body = page(client, koordinator, unit=str(world.dinas_x.pk)).content.decode()
    assert chart_data(body, "per-unit")["labels"] == ["Dinas X (langsung)", "Bidang Y"]
    body = page(client, koordinator, dari="2024-01", sampai="2024-12").content.decode()
    assert chart_data(body, "pengesahan")["labels"][0] == "Jan 2024"
    assert sum(chart_data(body, "pengesahan")["datasets"][0]["data"]) == 1


def test_bad_period_is_said_and_the_default_used(
    client: Client, known: Known, koordinator: User
) -> None:
    response = page(client, koordinator, dari="2025-13")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tulis bulan sebagai TTTT-BB" in body
    assert chart_data(body, "pengesahan")["labels"][0] == "Jul 2024"


def test_navigation_link_only_for_dashboard_roles(
    client: Client, known: Known, penyusun: User
) -> None:
    body = page(client, penyusun, "/sop/").content.decode()
    assert 'href="/dasbor/"' not in body


def test_english(client: Client, known: Known, koordinator: User) -> None:
    client.force_login(koordinator)
    body = client.get(URL, headers={"accept-language": "en"}).content.decode()
    assert chart_data(body, "per-unit")["datasets"][0]["label"] == "Draft"


def test_xlsx_has_one_sheet_per_figure(client: Client, known: Known, koordinator: User) -> None:
    response = page(client, koordinator, XLSX_URL)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="dasbor-kab-a-20250615.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Status",
        "Per unit kerja",
        "Cakupan per kategori",
        "Prioritas tanpa SOP",
        "Pengesahan per bulan",
        "Tinjauan terlambat",
        "Tinjauan jatuh tempo",
        "Perubahan peraturan",
        "Tenggat tim terlewat",
    ]

    def rows(name: str) -> list[tuple[Any, ...]]:
        sheet = book[name]
        return list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))

    assert rows("Status") == [
        ("Status", "Jumlah"),
        ("Konsep", 3),
        ("Dalam Reviu", 1),
        ("Uji Coba", 0),
        ("Menunggu Pengesahan", 1),
        ("Berlaku", 5),
        ("Dicabut", 1),
        ("Jumlah", 11),
    ]
    assert book["Status"]["A1"].value == "SOP per status"
    assert rows("Cakupan per kategori")[1:] == [
        ("Layanan publik", 3, 2, 0, 1, 66.7),
        ("Keuangan", 2, 0, 1, 1, 0),
        ("Seluruhnya", 5, 2, 1, 2, 40),
    ]
    assert rows("Prioritas tanpa SOP")[1] == (
        1,
        "SOP Pelaksanaan KTP-el",
        "Dinas X",
        "Layanan publik",
        150,
        "Belum ada SOP",
    )
    approvals = rows("Pengesahan per bulan")
    assert len(approvals) == 1 + 12 + 1
    assert approvals[7] == ("Jan 2025", 1, 10)
    assert approvals[-1] == ("Seluruh periode", 3, 12)
    assert rows("Tinjauan terlambat")[1] == ("Pelayanan Legalisir", "Dinas X", "1 Juni 2025", 14)
    assert len(rows("Perubahan peraturan")) == 3
    assert rows("Tenggat tim terlewat")[1:] == [
        ("Surat Masuk", "Tim Dinas X", "Dinas X", "1 Juni 2025", 14, "Penyusunan"),
        ("SOP Pelaksanaan KTP-el", "Tim Dinas X", "Dinas X", "1 Juni 2025", 14, "Belum ada konsep"),
    ]


def _many_sops(world: World, count: int) -> None:
    """``count`` SOPs straight into the tables (the figures read no document)."""
    units = [world.dinas_x, world.bidang_y, world.dinas_z, world.bagian_organisasi]
    statuses = ["konsep", "dalam_reviu", "berlaku", "berlaku", "menunggu_pengesahan"]
    sops = Sop.objects.bulk_create(
        Sop(instansi=world.kabupaten_a, unit=units[i % 4], kode=f"sop-banyak-{i}")
        for i in range(count)
    )
    SopVersion.objects.bulk_create(
        SopVersion(
            sop=sop,
            number=1,
            document={},
            document_hash="0" * 64,
            status=statuses[i % 5],
            nama=f"SOP banyak {i}",
            token=f"token-banyak-{i}",
        )
        for i, sop in enumerate(sops)
    )


def test_query_count_does_not_grow_with_the_sops(
    client: Client,
    known: Known,
    koordinator: User,
    world: World,
    django_assert_max_num_queries: Any,
) -> None:
    client.force_login(koordinator)
    client.get(URL)  # sessions, translations and the like warmed up
    with django_assert_max_num_queries(40) as few:
        assert client.get(URL).status_code == 200
    _many_sops(world, 400)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert response.status_code == 200
    assert chart_data(response.content.decode(), "per-unit")["datasets"][0]["data"][1] == 41

"""Indonesian full-text search on the portal: stemming, kegiatan, dasar hukum, nomor, ranking."""

from __future__ import annotations

import pytest
from django.test import Client

from sopan.sops.models import SopVersion
from sopan.sops.search import query_terms, search_text_for
from sopan.sops.services import version_update_document
from tests.sopdocs import document, make_sop

pytestmark = pytest.mark.django_db

STEPS = [
    {
        "id": "terima",
        "no": 1,
        "kegiatan": "Menerima pengaduan masyarakat melalui loket",
        "simbol": "mulai",
        "pelaksana": ["petugas"],
    },
    {
        "id": "tindak",
        "no": 2,
        "kegiatan": "Menindaklanjuti laporan",
        "simbol": "selesai",
        "pelaksana": ["petugas"],
    },
]


def _titles(client: Client, q: str, url: str = "/") -> list[str]:
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    page = response.content.decode()
    return [t for t in NAMES if t in page.replace("<mark>", "").replace("</mark>", "")]


NAMES = [
    "Penerbitan Izin Reklame",
    "Pelayanan Perizinan Berusaha",
    "Penanganan Keluhan Warga",
    "Pengelolaan Surat Masuk",
]


@pytest.fixture
def sops(world) -> list[SopVersion]:
    return [
        make_sop(world.dinas_x, NAMES[0], status="berlaku", nomor="SOP-12/DPMPTSP/2025"),
        make_sop(world.dinas_x, NAMES[1], status="berlaku"),
        make_sop(world.dinas_x, NAMES[2], status="berlaku", langkah=STEPS),
        make_sop(
            world.dinas_x,
            NAMES[3],
            status="berlaku",
            dasar_hukum=["Peraturan Menteri Dalam Negeri Nomor 83 Tahun 2022 tentang Naskah Dinas"],
        ),
    ]


def test_stems_meet(world) -> None:
    assert query_terms("perizinan") == query_terms("izin") == ["izin"]
    assert query_terms("pengaduan") == ["adu"]
    assert query_terms("SOP tentang pelayanan dan perizinan") == ["sop", "layan", "izin"]
    text = search_text_for(document("Pelayanan Perizinan Berusaha"))
    title, body = text.split("|")
    assert " izin " in title and " layan " in title and "perizinan" in title
    assert " periksa " in body  # "Memeriksa berkas" → periksa
    assert " undang " in body  # the dasar hukum line


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("perizinan", [NAMES[0], NAMES[1]]),  # "Izin" and "Perizinan" share the stem izin
        ("izin", [NAMES[0], NAMES[1]]),
        ("pengaduan", [NAMES[2]]),  # a kegiatan: "Menerima pengaduan masyarakat"
        ("adu", [NAMES[2]]),
        ("menindaklanjuti laporan", [NAMES[2]]),
        ("naskah dinas", [NAMES[3]]),  # the dasar hukum line
        ("Permendagri 83 2022", []),  # words that are not in the text: nothing
        ("peraturan menteri dalam negeri 83", [NAMES[3]]),
        ("SOP-12/DPMPTSP/2025", [NAMES[0]]),  # the nomor
        ("reklame izin", [NAMES[0]]),  # every term must match
        ("keluh", [NAMES[2]]),
    ],
)
def test_search(client, sops, q, expected) -> None:
    assert sorted(_titles(client, q)) == sorted(expected)


def test_title_matches_come_first(client, world) -> None:
    make_sop(
        world.dinas_x,
        "Arsip Dinamis",
        status="berlaku",
        langkah=[{**STEPS[0], "kegiatan": "Menerima surat izin"}, STEPS[1]],
    )
    make_sop(world.dinas_x, "Zonasi Izin Lokasi", status="berlaku")
    page = client.get("/", {"q": "izin"}).content.decode()
    assert page.index("Zonasi") < page.index("Arsip Dinamis")  # despite the alphabet
    assert "Menerima surat <mark>izin</mark>" in page  # the matching kegiatan is shown


def test_terms_are_highlighted(client, sops) -> None:
    page = client.get("/", {"q": "perizinan"}).content.decode()
    assert "Pelayanan <mark>Perizinan</mark> Berusaha" in page
    assert "Penerbitan <mark>Izin</mark> Reklame" in page


def test_drafts_are_not_found_on_the_portal(client, world, sops) -> None:
    make_sop(world.dinas_x, "Konsep Perizinan Rahasia")
    assert "Konsep Perizinan Rahasia" not in client.get("/", {"q": "izin"}).content.decode()


def test_edited_document_is_searched_by_its_new_text(client, world, penyusun) -> None:
    version = make_sop(world.dinas_x, "Konsep Awal")
    version_update_document(
        version=version, document=document("Konsep Pengaduan Pajak"), by=penyusun
    )
    version.refresh_from_db()
    assert " adu " in version.search_text and "awal" not in version.search_text
    client.force_login(penyusun)
    page = client.get("/sop/", {"q": "aduan"}).content.decode()
    assert "Konsep <mark>Pengaduan</mark> Pajak" in page
    assert client.get("/sop/", {"q": "awal"}).content.decode().count("Konsep Awal") == 0


def test_strange_queries_do_not_break(client, sops) -> None:
    for q in ['"', "*", "izin*", "a AND OR NOT", "NEAR(", "-", "' OR 1=1 --", "x" * 500, "é"]:
        assert client.get("/", {"q": q}).status_code == 200, q

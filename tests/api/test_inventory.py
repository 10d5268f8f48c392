"""``/api/v1/processes`` and ``/api/v1/priorities`` with personas: whole bodies, the services'
rules (permission, values, duplicates) in the API's error shape, nothing written on refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sopan.inventory.models import Process
from tests.api.conftest import when
from tests.conftest import World
from tests.inventory.conftest import make_process

pytestmark = pytest.mark.django_db

NEW = {
    "unit": "DX",
    "tugas": "Melaksanakan pelayanan perizinan",
    "kegiatan": "Penerbitan izin usaha",
    "output": "Izin Usaha",
    "aspek": "pelaksanaan",
    "kategori": "perizinan",
    "melayani_publik": True,
    "volume_per_bulan": 40,
    "risiko_kemungkinan": 3,
    "risiko_dampak": 4,
}


@pytest.fixture
def inventory(world: World) -> dict[str, Process]:
    """Processes in Dinas X, Bidang Y, Dinas Z, Bagian Organisasi and Kabupaten B."""
    return {
        "legalisir": make_process(
            world.dinas_x,
            "Legalisir Dokumen",
            kategori="layanan_publik",
            melayani_publik=True,
            volume_per_bulan=300,
            risiko_kemungkinan=4,
            risiko_dampak=5,
            pengaduan_12_bulan=6,
            temuan_audit_12_bulan=2,
        ),
        "arsip": make_process(world.bidang_y, "Arsip Surat", aspek="distribusi"),
        "renstra": make_process(
            world.bagian_organisasi, "Renstra", risiko_kemungkinan=2, risiko_dampak=3
        ),
        "gaji": make_process(
            world.dinas_z,
            "Daftar Gaji",
            kategori="keuangan",
            risiko_kemungkinan=3,
            risiko_dampak=4,
            temuan_audit_12_bulan=3,
        ),
        "kab_b": make_process(world.dinas_q, "Izin Reklame", kategori="perizinan"),
    }


def process_body(process: Process, **changes: Any) -> dict[str, Any]:
    process.refresh_from_db()
    unit = process.unit
    return {
        "id": process.pk,
        "instansi": "kab-a",
        "unit": {"id": unit.pk, "kode": unit.kode, "nama": unit.nama},
        "urutan": process.urutan,
        "tugas": process.tugas,
        "fungsi": process.fungsi,
        "uraian_tugas": process.uraian_tugas,
        "kegiatan": process.kegiatan,
        "output": process.output,
        "aspek": process.aspek,
        "judul": process.judul,
        "judul_sop": process.judul_sop,
        "kategori": process.kategori,
        "melayani_publik": process.melayani_publik,
        "volume_per_bulan": process.volume_per_bulan,
        "risiko_kemungkinan": process.risiko_kemungkinan,
        "risiko_dampak": process.risiko_dampak,
        "pengaduan_12_bulan": process.pengaduan_12_bulan,
        "temuan_audit_12_bulan": process.temuan_audit_12_bulan,
        "sop_id": process.sop_id,
        "status_sop": "belum",
        "catatan": process.catatan,
        "created_at": when(process.created_at),
        "updated_at": when(process.updated_at),
        **changes,
    }


def test_one_process_whole_body(inventory: dict[str, Process], api_as: Callable[..., Any]) -> None:
    legalisir = inventory["legalisir"]
    answer = api_as("penyusun").get(f"/processes/{legalisir.pk}")
    assert answer.status == 200
    assert answer.body == process_body(legalisir)
    assert answer.body["judul_sop"] == "SOP Pelaksanaan Legalisir Dokumen"


def test_list_shows_the_subtree(inventory: dict[str, Process], api_as: Callable[..., Any]) -> None:
    answer = api_as("penyusun").get("/processes")
    assert (answer.status, answer.body["count"], answer.body["pages"]) == (200, 2, 1)
    assert [p["output"] for p in answer.body["items"]] == ["Legalisir Dokumen", "Arsip Surat"]
    everything = api_as("koordinator").get("/processes?kategori=keuangan").body
    assert [p["output"] for p in everything["items"]] == ["Daftar Gaji"]
    assert api_as("koordinator").get("/processes?unit=DZ").body["count"] == 1
    assert api_as("koordinator").get("/processes").body["count"] == 4


@pytest.mark.parametrize(
    ("who", "status", "code"),
    [
        ("anonymous", 401, "unauthenticated"),
        ("outsider_unit", 404, "not_found"),
        ("outsider_instansi", 404, "not_found"),
        ("pelaksana", 404, "not_found"),
    ],
)
def test_outsiders_do_not_see_a_process(
    inventory: dict[str, Process], api_as: Callable[..., Any], who: str, status: int, code: str
) -> None:
    answer = api_as(who).get(f"/processes/{inventory['legalisir'].pk}")
    assert (answer.status, answer.body["code"]) == (status, code)


def test_create(inventory: dict[str, Process], world: World, api_as: Callable[..., Any]) -> None:
    answer = api_as("penyusun").post("/processes", NEW)
    assert answer.status == 201
    created = Process.objects.get(output="Izin Usaha")
    assert answer.body == process_body(created)
    assert answer.headers["Location"] == f"/api/v1/processes/{created.pk}"
    assert (created.unit, created.urutan, created.created_by.username) == (  # type: ignore[union-attr]
        world.dinas_x,
        2,
        "penyusun",
    )


@pytest.mark.parametrize(
    ("who", "body", "status", "code"),
    [
        ("anonymous", NEW, 401, "unauthenticated"),
        ("pemeriksa", NEW, 403, "forbidden"),
        ("outsider_unit", NEW, 403, "forbidden"),
        ("penyusun", {**NEW, "unit": "DZ"}, 403, "forbidden"),
        ("penyusun", {**NEW, "unit": "TIDAK-ADA"}, 422, "unknown_unit"),
        ("penyusun", {**NEW, "risiko_dampak": 7}, 422, "invalid"),
        ("penyusun", {"unit": "DX", "tugas": "Hanya tugas"}, 422, "invalid"),
        ("penyusun", {**NEW, "volume_per_bulan": -1}, 422, "invalid_request"),
        ("penyusun", {**NEW, "sop": 999999}, 422, "unknown_sop"),
    ],
)
def test_create_refused(
    inventory: dict[str, Process],
    api_as: Callable[..., Any],
    who: str,
    body: dict[str, Any],
    status: int,
    code: str,
) -> None:
    before = Process.objects.count()
    answer = api_as(who).post("/processes", body)
    assert (answer.status, answer.body["code"]) == (status, code), answer.body
    assert Process.objects.count() == before


def test_create_refusal_bodies(inventory: dict[str, Process], api_as: Callable[..., Any]) -> None:
    answer = api_as("penyusun").post("/processes", {"unit": "DX", "tugas": "Hanya tugas"})
    assert answer.body == {
        "code": "invalid",
        "message": "Wajib diisi. Wajib diisi. Wajib diisi.",
        "detail": {
            "kegiatan": ["Wajib diisi."],
            "output": ["Wajib diisi."],
            "aspek": ["Wajib diisi."],
        },
    }
    data = {
        "unit": "DX",
        "tugas": "Melaksanakan pelayanan",
        "kegiatan": "Kegiatan Legalisir Dokumen",
        "output": "Legalisir Dokumen",
        "aspek": "pelaksanaan",
    }
    assert api_as("penyusun").post("/processes", data).body == {
        "code": "duplicate",
        "message": "Proses dengan tugas, fungsi, uraian tugas, kegiatan, output dan aspek yang "
        "sama sudah ada di unit ini.",
        "detail": None,
    }
    assert api_as("penyusun").post("/processes", {**data, "unit": "DZ"}).body == {
        "code": "forbidden",
        "message": "Anda tidak berwenang mengubah inventaris proses unit Dinas Z.",
        "detail": None,
    }


def test_update_changes_only_what_is_sent(
    inventory: dict[str, Process], api_as: Callable[..., Any]
) -> None:
    legalisir = inventory["legalisir"]
    answer = api_as("penyusun").call(
        "PATCH", f"/processes/{legalisir.pk}", {"volume_per_bulan": 999, "catatan": "Ramai"}
    )
    assert answer.status == 200
    assert answer.body == process_body(legalisir)
    assert (answer.body["volume_per_bulan"], answer.body["catatan"]) == (999, "Ramai")
    assert answer.body["risiko_kemungkinan"] == 4  # unchanged


def test_update_moves_within_the_rights(
    inventory: dict[str, Process], world: World, api_as: Callable[..., Any]
) -> None:
    arsip = inventory["arsip"]
    answer = api_as("penyusun").call("PATCH", f"/processes/{arsip.pk}", {"unit": "DX"})
    assert (answer.status, answer.body["unit"]["kode"]) == (200, "DX")
    refused = api_as("penyusun").call("PATCH", f"/processes/{arsip.pk}", {"unit": "DZ"})
    assert (refused.status, refused.body["code"]) == (403, "forbidden")
    arsip.refresh_from_db()
    assert arsip.unit == world.dinas_x


@pytest.mark.parametrize(
    ("who", "status", "code"),
    [
        ("anonymous", 401, "unauthenticated"),
        ("pemeriksa", 403, "forbidden"),
        ("outsider_unit", 404, "not_found"),
    ],
)
def test_update_refused(
    inventory: dict[str, Process], api_as: Callable[..., Any], who: str, status: int, code: str
) -> None:
    legalisir = inventory["legalisir"]
    answer = api_as(who).call("PATCH", f"/processes/{legalisir.pk}", {"volume_per_bulan": 1})
    assert (answer.status, answer.body["code"]) == (status, code)
    legalisir.refresh_from_db()
    assert legalisir.volume_per_bulan == 300


def test_priorities(inventory: dict[str, Process], api_as: Callable[..., Any]) -> None:
    answer = api_as("koordinator").get("/priorities?limit=2")
    assert answer.status == 200
    first = answer.body[0]
    assert (first["peringkat"], first["process"]["output"]) == (1, "Legalisir Dokumen")
    assert first["score"] == {
        "skor": 111.8,
        "dasar": 74.5,
        "faktor": 1.5,
        "nilai": {
            "risiko": 0.8,
            "publik": 1.0,
            "volume": 0.8261,
            "pengaduan": 0.6,
            "temuan": 0.4,
        },
        "poin": {"risiko": 28.0, "publik": 15.0, "volume": 16.52, "pengaduan": 9.0, "temuan": 6.0},
    }
    assert [p["process"]["output"] for p in answer.body] == ["Legalisir Dokumen", "Daftar Gaji"]
    own = api_as("penyusun").get("/priorities").body
    assert [p["process"]["output"] for p in own] == ["Legalisir Dokumen", "Arsip Surat"]


def test_priorities_refused(inventory: dict[str, Process], api_as: Callable[..., Any]) -> None:
    assert api_as("anonymous").get("/priorities").status == 401
    answer = api_as("pelaksana").get("/priorities")
    assert (answer.status, answer.body["code"]) == (403, "forbidden")
    assert api_as("penyusun").get("/priorities?instansi=kab-b").status == 404
    assert api_as("penyusun").get("/priorities?unit=DZ").status == 404

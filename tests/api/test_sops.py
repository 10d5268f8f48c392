"""GET/POST /sops, GET /sops/{id}, /sops/{id}/versions, POST /sops/{id}/revisions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sopan.audit.models import AuditEvent
from sopan.document import dump_yaml
from sopan.sops.models import Sop, SopVersion
from tests.api.conftest import ApiClient, when
from tests.conftest import World
from tests.sopdocs import document, make_sop

pytestmark = pytest.mark.django_db

Api = Callable[..., ApiClient]


def _summary(version: SopVersion) -> dict[str, object]:
    return {
        "id": version.pk,
        "sop_id": version.sop_id,
        "number": version.number,
        "status": version.status,
        "status_label": str(version.get_status_display()),
        "nama": version.nama,
        "nomor": version.nomor,
        "jenis": version.jenis,
        "document_hash": version.document_hash,
        "created_at": when(version.created_at),
        "updated_at": when(version.updated_at),
    }


def _sop(version: SopVersion) -> dict[str, object]:
    sop = version.sop
    return {
        "id": sop.pk,
        "kode": sop.kode,
        "unit": {"id": sop.unit_id, "kode": sop.unit.kode, "nama": sop.unit.nama},
        "instansi": {"kode": sop.instansi.kode, "nama": sop.instansi.nama},
        "is_public": True,
        "latest_version": _summary(version),
    }


def test_anonymous_list_shows_published_only(
    published: SopVersion, own_draft: SopVersion, api_as: Api
) -> None:
    answer = api_as("anonymous").get("/sops")
    assert (answer.status, answer.body) == (
        200,
        {"count": 1, "page": 1, "pages": 1, "page_size": 25, "items": [_sop(published)]},
    )


def test_insider_list_adds_drafts(published: SopVersion, own_draft: SopVersion, api_as: Api):
    answer = api_as("pemeriksa").get("/sops")
    assert [item["latest_version"]["id"] for item in answer.body["items"]] == [
        published.pk,  # "Pelayanan Legalisir" < "Pelayanan Surat"
        own_draft.pk,
    ]


def test_list_filters(world: World, published: SopVersion, own_draft: SopVersion, api_as: Api):
    other = make_sop(world.dinas_z, "Pengelolaan Arsip", status="berlaku")
    client = api_as("auditor")

    def ids(query: str) -> list[int]:
        return [item["id"] for item in client.get(f"/sops?{query}").body["items"]]

    assert ids("q=arsip") == [other.sop_id]
    assert ids("unit=DX") == [published.sop_id, own_draft.sop_id]
    assert ids(f"unit={world.pemkab_a.pk}") == [published.sop_id, own_draft.sop_id, other.sop_id]
    assert ids("status=konsep") == [own_draft.sop_id]
    assert ids("unit=TIDAK-ADA") == []
    page = client.get("/sops?page_size=2&page=2").body
    assert (page["count"], page["pages"], [i["id"] for i in page["items"]]) == (
        3,
        2,
        [other.sop_id],
    )
    assert client.get("/sops?page=9").body["items"] == []


def test_list_bad_status_is_422(api_as: Api, world: World) -> None:
    answer = api_as("anonymous").get("/sops?status=terbang")
    assert (answer.status, answer.body["code"]) == (422, "invalid_request")


def test_sop_detail_and_versions(published: SopVersion, api_as: Api) -> None:
    answer = api_as("anonymous").get(f"/sops/{published.sop_id}")
    assert (answer.status, answer.body) == (
        200,
        {
            **_sop(published),
            "created_at": when(published.sop.created_at),
            "in_force": _summary(published),
            "version_count": 1,
        },
    )
    versions = api_as("anonymous").get(f"/sops/{published.sop_id}/versions")
    assert (versions.status, versions.body) == (200, [_summary(published)])


def _counts() -> tuple[int, int, int]:
    return Sop.objects.count(), SopVersion.objects.count(), AuditEvent.objects.count()


def test_create_from_json_object(world: World, api_as: Api, penyusun: User) -> None:
    body = {"unit": "DX", "document": document("Pelayanan Izin").model_dump(mode="json")}
    answer = api_as(penyusun).post("/sops", body)
    assert answer.status == 201
    version = SopVersion.objects.get(nama="Pelayanan Izin")
    assert (version.status, version.sop.unit, version.created_by) == (
        "konsep",
        world.dinas_x,
        penyusun,
    )
    assert answer.headers["Location"] == f"/api/v1/versions/{version.pk}"
    assert answer.headers["ETag"] == answer.body["etag"]
    assert (answer.body["id"], answer.body["allowed_actions"]) == (version.pk, ["submit"])


def test_create_from_yaml_text(world: World, api_as: Api) -> None:
    text = dump_yaml(document("Pelayanan Izin Keramaian"))
    answer = api_as("penyusun").post("/sops", {"unit": world.dinas_x.pk, "document": text})
    assert answer.status == 201
    assert answer.body["nama"] == "Pelayanan Izin Keramaian"


BROKEN = """\
format: sopan/1
nma: Pelayanan Rusak
pelaksana:
  - {id: petugas, nama: Petugas}
langkah:
  - {id: a, kegiatan: Mulai, simbol: mulai, pelaksana: [petugas], ke: z}
  - {id: b, kegiatan: Selesai, simbol: selesai, pelaksana: [kepala]}
"""


def test_broken_document_is_422_located_and_nothing_written(world: World, api_as: Api):
    client = api_as("penyusun")
    before = _counts()
    answer = client.post("/sops", {"unit": "DX", "document": BROKEN})
    assert (answer.status, answer.body) == (
        422,
        {
            "code": "document_invalid",
            "message": "Dokumen SOP tidak sah: 3 masalah.",
            "detail": [
                {
                    "code": "key.unknown",
                    "line": 2,
                    "column": 1,
                    "path": None,
                    "message": "kunci `nma` tidak dikenal di dokumen; maksud Anda `nama`?",
                },
                {
                    "code": "step.unknown_target",
                    "line": 6,
                    "column": 71,
                    "path": None,
                    "message": "langkah `a` menuju langkah `z` yang tidak ada",
                },
                {
                    "code": "step.unknown_actor",
                    "line": 7,
                    "column": 61,
                    "path": None,
                    "message": "langkah `b` menyebut pelaksana `kepala` yang tidak ada di "
                    "daftar `pelaksana`",
                },
            ],
        },
    )
    assert _counts() == before


def test_broken_json_object_is_located_too(world: World, api_as: Api) -> None:
    data = document("Pelayanan Izin").model_dump(mode="json")
    data["langkah"][0]["simbol"] = "bintang"
    answer = api_as("penyusun").post("/sops", {"unit": "DX", "document": data})
    assert answer.status == 422
    [problem] = answer.body["detail"]
    assert problem["code"] == "value.type"
    assert problem["path"] == "langkah[1].simbol"
    assert isinstance(problem["line"], int)


def test_unknown_unit_is_422(world: World, api_as: Api) -> None:
    client = api_as("penyusun")
    before = _counts()
    body = {"unit": "DQ", "document": document("Pelayanan Izin").model_dump(mode="json")}
    answer = client.post("/sops", body)
    assert (answer.status, answer.body) == (
        422,
        {
            "code": "unknown_unit",
            "message": "Unit DQ tidak ditemukan di instansi Anda.",
            "detail": None,
        },
    )
    assert _counts() == before


def test_not_a_drafter_is_403(world: World, api_as: Api) -> None:
    client = api_as("pemeriksa")
    before = _counts()
    body = {"unit": "DX", "document": document("Pelayanan Izin").model_dump(mode="json")}
    answer = client.post("/sops", body)
    assert (answer.status, answer.body) == (
        403,
        {
            "code": "forbidden",
            "message": "Anda tidak berwenang menyusun SOP untuk unit Dinas X.",
            "detail": None,
        },
    )
    assert _counts() == before


def test_revision_of_published(published: SopVersion, api_as: Api) -> None:
    answer = api_as("penyusun").post(
        f"/sops/{published.sop_id}/revisions", {"reason": "Aturan baru"}
    )
    assert answer.status == 201
    assert (answer.body["number"], answer.body["status"]) == (2, "konsep")
    assert answer.body["document"]["riwayat"][-1] == {
        "versi": "2",
        "tanggal": None,
        "alasan": "Aturan baru",
        "ringkasan": None,
    }
    again = api_as("penyusun").post(f"/sops/{published.sop_id}/revisions", {"reason": "Lagi"})
    assert (again.status, again.body["code"]) == (409, "draft_exists")


def test_revision_without_reason(published: SopVersion, api_as: Api) -> None:
    answer = api_as("penyusun").post(f"/sops/{published.sop_id}/revisions", {"reason": " "})
    assert (answer.status, answer.body) == (
        422,
        {"code": "reason_required", "message": "Alasan revisi wajib diisi.", "detail": None},
    )
    assert SopVersion.objects.filter(sop_id=published.sop_id).count() == 1


def test_list_queries_do_not_grow_with_the_page(
    world: World, api_as: Api, django_assert_max_num_queries
) -> None:
    client = api_as("auditor")
    for i in range(3):
        make_sop(world.dinas_x, f"SOP Uji {i}")
    with CaptureQueriesContext(connection) as few:
        client.get("/sops")
    for i in range(3, 30):
        make_sop(world.dinas_x, f"SOP Uji {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/sops").body["items"]) == 25

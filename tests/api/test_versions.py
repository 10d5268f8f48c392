"""GET /versions/{id} (document, findings, ETag) and PUT /versions/{id}/document (If-Match)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User

from sopan.audit.models import AuditEvent
from sopan.sops.api_support import etag
from sopan.sops.models import SopVersion
from sopan.sops.quality import check_version
from tests.api.conftest import ApiClient, when
from tests.conftest import World
from tests.sopdocs import document

pytestmark = pytest.mark.django_db

Api = Callable[..., ApiClient]


def _expected(version: SopVersion, allowed: list[str]) -> dict[str, object]:
    version.refresh_from_db()
    return {
        "id": version.pk,
        "sop_id": version.sop_id,
        "number": 1,
        "status": "konsep",
        "status_label": "Konsep",
        "nama": "Pelayanan Surat",
        "nomor": "",
        "jenis": "",
        "document_hash": version.document_hash,
        "created_at": when(version.created_at),
        "updated_at": when(version.updated_at),
        "sop": {
            "id": version.sop_id,
            "kode": "pelayanan-surat",
            "unit": {"id": version.sop.unit_id, "kode": "DX", "nama": "Dinas X"},
            "instansi": {"kode": "kab-a", "nama": "Kabupaten A"},
            "is_public": True,
        },
        "lock_version": version.lock_version,
        "etag": f'"{version.lock_version}-{version.document_hash}"',
        "document": version.document,
        "findings": [f.to_dict("id") for f in check_version(version)],
        "allowed_actions": allowed,
    }


def test_version_whole_body_and_etag(own_draft: SopVersion, api_as: Api) -> None:
    answer = api_as("penyusun").get(f"/versions/{own_draft.pk}")
    assert answer.status == 200
    assert answer.body == _expected(own_draft, ["submit"])
    assert answer.headers["ETag"] == f'"0-{own_draft.document_hash}"'


def test_published_version_for_anonymous(published: SopVersion, api_as: Api) -> None:
    answer = api_as("anonymous").get(f"/versions/{published.pk}")
    assert answer.status == 200
    assert (answer.body["status"], answer.body["allowed_actions"]) == ("berlaku", [])


def test_invisible_version_is_404_with_json(own_draft: SopVersion, api_as: Api) -> None:
    answer = api_as("outsider_instansi").get(f"/versions/{own_draft.pk}")
    assert (answer.status, answer.body) == (
        404,
        {
            "code": "not_found",
            "message": "Tidak ditemukan, atau Anda tidak berhak melihatnya.",
            "detail": None,
        },
    )


def _put(client: ApiClient, version: SopVersion, nama: str, if_match: str | None):
    headers = {"If-Match": if_match} if if_match is not None else None
    body = {"document": document(nama).model_dump(mode="json")}
    return client.put(f"/versions/{version.pk}/document", body, headers=headers)


def test_put_with_current_etag_saves(own_draft: SopVersion, api_as: Api) -> None:
    answer = _put(api_as("penyusun"), own_draft, "Pelayanan Surat Masuk", etag(own_draft))
    own_draft.refresh_from_db()
    assert answer.status == 200
    assert (own_draft.nama, own_draft.lock_version) == ("Pelayanan Surat Masuk", 1)
    assert answer.headers["ETag"] == etag(own_draft) == answer.body["etag"]
    assert answer.body["nama"] == "Pelayanan Surat Masuk"


def test_put_without_if_match_is_428(own_draft: SopVersion, api_as: Api) -> None:
    answer = _put(api_as("penyusun"), own_draft, "Pelayanan Surat Masuk", None)
    assert (answer.status, answer.body) == (
        428,
        {
            "code": "precondition_required",
            "message": "Header If-Match wajib diisi dengan ETag versi (dari GET /versions/{id}).",
            "detail": None,
        },
    )
    own_draft.refresh_from_db()
    assert own_draft.nama == "Pelayanan Surat"


def test_stale_etag_is_412_and_nothing_changes(
    own_draft: SopVersion, api_as: Api, penyusun: User
) -> None:
    client = api_as(penyusun)
    first_etag = etag(own_draft)
    assert _put(client, own_draft, "Perubahan Pertama", first_etag).status == 200
    own_draft.refresh_from_db()
    events = AuditEvent.objects.count()
    answer = _put(client, own_draft, "Perubahan Kedua", first_etag)
    assert (answer.status, answer.body) == (
        412,
        {
            "code": "stale",
            "message": "Konsep ini sudah diubah sejak Anda mengambilnya (ETag tidak cocok). "
            "Ambil versi terbaru, lalu ulangi perubahan Anda.",
            "detail": {"etag": etag(own_draft)},
        },
    )
    own_draft.refresh_from_db()
    assert (own_draft.nama, own_draft.lock_version) == ("Perubahan Pertama", 1)
    assert AuditEvent.objects.count() == events


def test_weak_etag_does_not_match(own_draft: SopVersion, api_as: Api) -> None:
    answer = _put(api_as("penyusun"), own_draft, "X Y", "W/" + etag(own_draft))
    assert answer.status == 412


def test_put_invalid_document_is_422_located(own_draft: SopVersion, api_as: Api) -> None:
    text = (
        "format: sopan/1\nnama: Pelayanan Surat\npelaksana: []\nlangkah:\n  - {id: a, simbol: x}\n"
    )
    answer = api_as("penyusun").put(
        f"/versions/{own_draft.pk}/document",
        {"document": text},
        headers={"If-Match": etag(own_draft)},
    )
    assert answer.status == 422
    assert answer.body["code"] == "document_invalid"
    assert answer.body["message"] == (
        f"Dokumen SOP tidak sah: {len(answer.body['detail'])} masalah."
    )
    assert all(p["line"] == 5 for p in answer.body["detail"])
    assert {p["code"] for p in answer.body["detail"]} >= {"value.type"}
    own_draft.refresh_from_db()
    assert own_draft.lock_version == 0


def test_put_on_published_version_is_409(published: SopVersion, api_as: Api, world: World):
    answer = _put(api_as("penyusun"), published, "Pelayanan Legalisir", etag(published))
    assert (answer.status, answer.body["code"]) == (409, "not_editable")
    assert answer.body["message"] == (
        "Versi berstatus Berlaku tidak dapat diubah; hanya konsep yang dapat diubah."
    )


def test_put_by_reviewer_is_403(own_draft: SopVersion, api_as: Api) -> None:
    answer = _put(api_as("pemeriksa"), own_draft, "Pelayanan Surat", etag(own_draft))
    assert (answer.status, answer.body) == (
        403,
        {
            "code": "forbidden",
            "message": "Anda tidak berwenang menyusun SOP untuk unit Dinas X.",
            "detail": None,
        },
    )

"""POST /versions/{id}/transitions: the lifecycle through the API, with the pages' rules."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from sopan.organisations.choices import Role
from sopan.sops.choices import VersionStatus as S
from sopan.sops.models import SopVersion, VersionTransition
from tests import factories
from tests.api.conftest import ApiClient
from tests.conftest import World

pytestmark = pytest.mark.django_db

Api = Callable[..., ApiClient]


def _transitions(version: SopVersion) -> int:
    return VersionTransition.objects.filter(version=version).count()


def test_submit_approve_approve_publish(
    own_draft: SopVersion, api_as: Api, pemeriksa: User, pengesah: User
) -> None:
    path = f"/versions/{own_draft.pk}/transitions"
    answer = api_as("penyusun").post(path, {"action": "submit", "note": "Siap direviu."})
    assert answer.status == 200
    assert (answer.body["status"], answer.body["allowed_actions"]) == (S.DALAM_REVIU, [])
    reviewer = api_as(pemeriksa)
    assert "approve" in reviewer.get(f"/versions/{own_draft.pk}").body["allowed_actions"]
    assert reviewer.post(path, {"action": "approve"}).body["status"] == S.MENUNGGU_PENGESAHAN
    head = api_as(pengesah)
    approved = head.post(path, {"action": "approve"}).body
    assert approved["nomor"].startswith("SOP-001/DX/")
    today = timezone.localdate().isoformat()
    published = head.post(path, {"action": "publish", "efektif": today})
    assert published.status == 200
    assert (published.body["status"], published.body["status_label"]) == (S.BERLAKU, "Berlaku")
    assert published.headers["ETag"] == published.body["etag"]


def test_self_approval_refused(world: World, own_draft: SopVersion, penyusun: User, api_as: Api):
    # The drafter also holds the reviewer role on Dinas X: still may not review their own draft.
    factories.make_membership(penyusun, world.dinas_x, Role.PEMERIKSA)
    client = api_as(penyusun)
    path = f"/versions/{own_draft.pk}/transitions"
    assert client.post(path, {"action": "submit"}).status == 200
    before = _transitions(own_draft)
    answer = client.post(path, {"action": "approve"})
    assert (answer.status, answer.body) == (
        403,
        {
            "code": "forbidden",
            "message": "Anda ikut menyusun atau mengubah konsep ini, sehingga tidak boleh "
            "menyetujuinya.",
            "detail": None,
        },
    )
    assert _transitions(own_draft) == before
    own_draft.refresh_from_db()
    assert own_draft.status == S.DALAM_REVIU


def test_approval_outside_the_unit_refused(
    world: World, own_draft: SopVersion, api_as: Api, penyusun: User
) -> None:
    # An auditor of the whole kabupaten (so the draft is visible) who is pengesah of Dinas Z.
    approver = factories.make_user("pengesah_dinas_z")
    factories.make_membership(approver, world.pemkab_a, Role.AUDITOR)
    factories.make_membership(approver, world.dinas_z, Role.PENGESAH)
    path = f"/versions/{own_draft.pk}/transitions"
    api_as(penyusun).post(path, {"action": "submit"})
    before = _transitions(own_draft)
    answer = api_as(approver).post(path, {"action": "approve"})
    assert (answer.status, answer.body) == (
        403,
        {
            "code": "forbidden",
            "message": "Tahap ini (Pemeriksaan) disetujui oleh Pemeriksa Dinas X; Anda tidak "
            "berwenang.",
            "detail": None,
        },
    )
    assert _transitions(own_draft) == before


def test_wrong_state_is_409(own_draft: SopVersion, api_as: Api, pengesah: User) -> None:
    answer = api_as(pengesah).post(f"/versions/{own_draft.pk}/transitions", {"action": "publish"})
    assert (answer.status, answer.body) == (
        409,
        {
            "code": "invalid_state",
            "message": "Tindakan 'Terbitkan' tidak dapat dilakukan pada versi berstatus Konsep.",
            "detail": None,
        },
    )


def test_return_needs_a_reason(own_draft: SopVersion, api_as: Api, pemeriksa: User) -> None:
    path = f"/versions/{own_draft.pk}/transitions"
    api_as("penyusun").post(path, {"action": "submit"})
    answer = api_as(pemeriksa).post(path, {"action": "return"})
    assert (answer.status, answer.body) == (
        422,
        {"code": "reason_required", "message": "Alasan pengembalian wajib diisi.", "detail": None},
    )
    back = api_as(pemeriksa).post(path, {"action": "return", "note": "Langkah 2 kurang jelas."})
    assert back.body["status"] == S.KONSEP


def test_pilot_with_units_by_kode(
    world: World, own_draft: SopVersion, api_as: Api, pemeriksa: User
) -> None:
    path = f"/versions/{own_draft.pk}/transitions"
    api_as("penyusun").post(path, {"action": "submit"})
    body = {
        "action": "start_pilot",
        "units": ["DX-BY"],
        "mulai": "2025-07-01",
        "selesai": "2025-07-31",
    }
    answer = api_as(pemeriksa).post(path, body)
    assert (answer.status, answer.body["status"]) == (200, S.UJI_COBA)
    unknown = api_as(pemeriksa).post(path, {**body, "action": "end_pilot", "units": ["DQ"]})
    assert (unknown.status, unknown.body["code"]) == (422, "unknown_unit")


def test_unknown_action_is_a_schema_error(own_draft: SopVersion, api_as: Api) -> None:
    answer = api_as("penyusun").post(f"/versions/{own_draft.pk}/transitions", {"action": "terbang"})
    assert answer.status == 422
    assert answer.body["code"] == "invalid_request"
    assert answer.body["message"] == (
        "Permintaan tidak sesuai skema: periksa isian yang disebut di detail."
    )
    assert [e["loc"] for e in answer.body["detail"]] == [["body", "payload", "action"]]


def test_english_message(own_draft: SopVersion, api_as: Api, outsider_unit: User) -> None:
    answer = api_as(outsider_unit, lang="en").post(
        f"/versions/{own_draft.pk}/transitions", {"action": "submit"}
    )
    assert (answer.status, answer.body) == (
        404,
        {"code": "not_found", "message": "Not found, or you may not see it.", "detail": None},
    )

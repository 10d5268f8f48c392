"""GET/POST /versions/{id}/comments and POST /comments/{id}/resolve."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User

from sopan.sops.lifecycle_models import Comment
from sopan.sops.models import SopVersion
from tests.api.conftest import ApiClient, when

pytestmark = pytest.mark.django_db

Api = Callable[..., ApiClient]


def test_comment_on_a_step_then_list(own_draft: SopVersion, api_as: Api, pemeriksa: User):
    path = f"/versions/{own_draft.pk}/comments"
    created = api_as(pemeriksa).post(path, {"text": "Waktu terlalu singkat.", "step_id": "periksa"})
    comment = Comment.objects.get()
    expected = {
        "id": comment.pk,
        "version_id": own_draft.pk,
        "author": {"username": "pemeriksa", "nama": "Budi Pemeriksa"},
        "text": "Waktu terlalu singkat.",
        "step_id": "periksa",
        "field": None,
        "parent": None,
        "created_at": when(comment.created_at),
        "resolved_at": None,
        "resolved_by": None,
    }
    assert (created.status, created.body) == (201, expected)
    listed = api_as("penyusun").get(path)
    assert (listed.status, listed.body) == (200, [expected])


def test_reply_and_resolve(own_draft: SopVersion, api_as: Api, pemeriksa: User) -> None:
    path = f"/versions/{own_draft.pk}/comments"
    first = api_as(pemeriksa).post(path, {"text": "Tujuan kurang jelas.", "field": "tujuan"}).body
    drafter = api_as("penyusun")
    reply = drafter.post(path, {"text": "Sudah diperbaiki.", "parent": first["id"]}).body
    assert (reply["parent"], reply["field"]) == (first["id"], "tujuan")
    resolved = drafter.post(f"/comments/{first['id']}/resolve")
    assert resolved.status == 200
    assert resolved.body["resolved_by"] == {"username": "penyusun", "nama": "Rina Penyusun"}
    again = drafter.post(f"/comments/{first['id']}/resolve")
    assert (again.status, again.body["code"]) == (409, "already_resolved")


def test_unknown_step_is_422(own_draft: SopVersion, api_as: Api) -> None:
    answer = api_as("pemeriksa").post(
        f"/versions/{own_draft.pk}/comments", {"text": "?", "step_id": "tidak-ada"}
    )
    assert (answer.status, answer.body) == (
        422,
        {
            "code": "step_id",
            "message": "Langkah tidak-ada tidak ada dalam SOP ini.",
            "detail": None,
        },
    )
    assert Comment.objects.count() == 0


def test_reply_to_a_comment_of_another_version(
    own_draft: SopVersion, published: SopVersion, api_as: Api
) -> None:
    other = Comment.objects.create(version=published, text="lain")
    answer = api_as("pemeriksa").post(
        f"/versions/{own_draft.pk}/comments", {"text": "balas", "parent": other.pk}
    )
    assert (answer.status, answer.body["code"]) == (422, "parent")


def test_comments_of_published_version_are_internal(published: SopVersion, api_as: Api):
    path = f"/versions/{published.pk}/comments"
    assert api_as("anonymous").get(path).status == 401
    refused = api_as("outsider_unit").get(path)
    assert (refused.status, refused.body) == (
        403,
        {
            "code": "forbidden",
            "message": "Komentar reviu hanya dapat dilihat oleh pegawai yang berperan di unit "
            "SOP ini.",
            "detail": None,
        },
    )
    assert api_as("auditor").get(path).status == 200


def test_comment_on_published_version_is_409(published: SopVersion, api_as: Api) -> None:
    answer = api_as("pemeriksa").post(f"/versions/{published.pk}/comments", {"text": "Hm"})
    assert (answer.status, answer.body["code"]) == (409, "invalid_state")


def test_resolve_invisible_comment_is_404(own_draft: SopVersion, api_as: Api) -> None:
    comment = Comment.objects.create(version=own_draft, text="rahasia")
    assert api_as("outsider_unit").post(f"/comments/{comment.pk}/resolve").status == 404

"""Who the caller is: API tokens (valid, revoked, wrong → 401), the browser session (CSRF on
unsafe methods), nobody; and the token endpoints themselves."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.test import Client
from django.utils import timezone

from sopan.organisations.token_services import api_token_create, api_token_revoke, token_hash
from sopan.organisations.tokens import ApiToken
from sopan.sops.models import SopVersion
from tests.api.conftest import ApiClient, when

pytestmark = pytest.mark.django_db

Api = Callable[..., ApiClient]

UNKNOWN_TOKEN = {
    "code": "unauthenticated",
    "message": "Token API tidak dikenal, sudah dicabut, atau tidak aktif.",
    "detail": None,
}


def test_valid_token_sees_drafts(own_draft: SopVersion, penyusun: User) -> None:
    secret = api_token_create(user=penyusun, name="skrip", by=None).secret
    answer = ApiClient(secret).get(f"/versions/{own_draft.pk}")
    assert answer.status == 200
    token = ApiToken.objects.get(user=penyusun)
    assert token.last_used_at is not None
    assert token.token_hash == token_hash(secret) and secret not in token.token_hash


def test_revoked_token_is_401(own_draft: SopVersion, penyusun: User) -> None:
    made = api_token_create(user=penyusun, name="skrip", by=None)
    api_token_revoke(token=made.token, by=penyusun)
    answer = ApiClient(made.secret).get("/sops")  # even a public read: the header is wrong
    assert (answer.status, answer.body) == (401, UNKNOWN_TOKEN)


def test_wrong_token_is_401(world: object) -> None:
    answer = ApiClient("sopan_bukan-token-yang-benar").get("/sops")
    assert (answer.status, answer.body) == (401, UNKNOWN_TOKEN)


def test_token_of_inactive_user_is_401(penyusun: User) -> None:
    secret = api_token_create(user=penyusun, name="skrip", by=None).secret
    User.objects.filter(pk=penyusun.pk).update(is_active=False)
    assert ApiClient(secret).get("/sops").status == 401


def test_other_scheme_is_401(world: object) -> None:
    answer = Client(headers={"Authorization": "Basic dXNlcjpwYXNz"}).get("/api/v1/sops")
    assert (answer.status_code, answer.json()) == (
        401,
        {
            "code": "unauthenticated",
            "message": "Header Authorization harus berbentuk 'Bearer <token>'.",
            "detail": None,
        },
    )


def test_anonymous_write_is_401(own_draft: SopVersion) -> None:
    answer = ApiClient().post(f"/versions/{own_draft.pk}/comments", {"text": "Halo"})
    assert (answer.status, answer.body) == (
        401,
        {
            "code": "unauthenticated",
            "message": "Perlu autentikasi: kirim token API (Authorization: Bearer ...) atau "
            "masuk dulu.",
            "detail": None,
        },
    )


def test_last_used_written_at_most_once_a_minute(penyusun: User) -> None:
    secret = api_token_create(user=penyusun, name="skrip", by=None).secret
    long_ago = timezone.now() - dt.timedelta(seconds=30)
    ApiToken.objects.filter(user=penyusun).update(last_used_at=long_ago)
    ApiClient(secret).get("/sops")
    assert ApiToken.objects.get(user=penyusun).last_used_at == long_ago


# ---- the browser session -------------------------------------------------------------------


def _session(user: User) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_session_reads_without_csrf(own_draft: SopVersion, penyusun: User) -> None:
    assert _session(penyusun).get(f"/api/v1/versions/{own_draft.pk}").status_code == 200


def test_session_post_needs_csrf(own_draft: SopVersion, penyusun: User) -> None:
    client = _session(penyusun)
    path = f"/api/v1/versions/{own_draft.pk}/comments"
    body = json.dumps({"text": "Mohon diperiksa lagi."})
    refused = client.post(path, body, content_type="application/json")
    assert (refused.status_code, refused.json()) == (
        403,
        {
            "code": "csrf_failed",
            "message": "Pemeriksaan CSRF gagal: kirim header X-CSRFToken berisi nilai cookie "
            "csrftoken, atau gunakan token API.",
            "detail": None,
        },
    )
    assert own_draft.comments.count() == 0
    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = _mask_cipher_secret(secret)
    headers = {"X-CSRFToken": _mask_cipher_secret(secret)}
    accepted = client.post(path, body, content_type="application/json", headers=headers)
    assert accepted.status_code == 201
    assert own_draft.comments.count() == 1


def test_token_requests_need_no_csrf(own_draft: SopVersion, penyusun: User) -> None:
    # Bearer tokens are not sent by browsers on their own, so no CSRF check applies.
    secret = api_token_create(user=penyusun, name="skrip", by=None).secret
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {secret}"})
    answer = client.post(
        f"/api/v1/versions/{own_draft.pk}/comments",
        json.dumps({"text": "Catatan"}),
        content_type="application/json",
    )
    assert answer.status_code == 201


# ---- /tokens --------------------------------------------------------------------------------


def test_tokens_created_from_session_only(penyusun: User, api_as: Api) -> None:
    client = Client()
    client.force_login(penyusun)
    created = client.post(
        "/api/v1/tokens", {"name": "skrip impor"}, content_type="application/json"
    )
    assert created.status_code == 201
    body = created.json()
    token = ApiToken.objects.get(user=penyusun, name="skrip impor")
    assert body == {
        "id": token.pk,
        "name": "skrip impor",
        "prefix": body["token"][:12],
        "created_at": when(token.created_at),
        "last_used_at": None,
        "revoked_at": None,
        "token": body["token"],
    }
    assert token.token_hash == token_hash(body["token"])
    # A token may not mint tokens (a leaked one could outlive its revocation otherwise).
    by_token = ApiClient(body["token"]).post("/tokens", {"name": "lagi"})
    assert by_token.status == 401
    assert ApiToken.objects.filter(user=penyusun).count() == 1


def test_tokens_list_and_revoke(penyusun: User, pemeriksa: User) -> None:
    mine = api_token_create(user=penyusun, name="skrip", by=None)
    theirs = api_token_create(user=pemeriksa, name="punya orang", by=None)
    client = ApiClient(mine.secret)
    listed = client.get("/tokens").body
    assert [t["name"] for t in listed] == ["skrip"]
    assert client.post(f"/tokens/{theirs.token.pk}/revoke").status == 404
    revoked = client.post(f"/tokens/{mine.token.pk}/revoke")
    assert revoked.status == 200 and revoked.body["revoked_at"] is not None
    assert client.get("/tokens").status == 401  # the token revoked itself
    assert ApiToken.objects.get(pk=theirs.token.pk).revoked_at is None

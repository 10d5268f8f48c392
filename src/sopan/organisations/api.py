"""API authentication (token and browser session) and the caller's own API tokens.

Who the caller is, in this order:

1. ``Authorization: Bearer sopan_...``: an active token of an active user. A header that is
   present but wrong (another scheme, unknown or revoked token) is refused with 401 — it never
   falls back to anonymous, so a script with a dead token notices at once.
2. The browser's session cookie (signed in on the web pages). Unsafe methods (POST, PUT, ...)
   then need the CSRF token (``X-CSRFToken`` header), as the pages' forms do.
3. Nobody (:data:`READ_AUTH` only): reads answer with what an anonymous visitor may see.

Endpoints receive the user as ``request.auth``; the permission rules are the pages' ones
(:mod:`sopan.sops.selectors`, the services' own checks).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.security import APIKeyCookie, HttpBearer
from pydantic import Field

from sopan.config.api_errors import COMMON_ERRORS, ApiError, ErrorOut
from sopan.organisations.token_services import (
    api_token_create,
    api_token_revoke,
    api_token_user,
)
from sopan.organisations.tokens import ApiToken

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>`` (token dari halaman profil atau `sopan token create`)."""

    openapi_description = (
        "Token API: `Authorization: Bearer sopan_...`. Dibuat di halaman profil (/profil/) "
        "atau dengan `sopan token create PENGGUNA`."
    )

    def __call__(self, request: HttpRequest) -> Any:
        value = request.headers.get(self.header)
        if not value:
            return None
        scheme, _sep, secret = value.partition(" ")
        if scheme.lower() != "bearer":
            raise _unauthenticated(_("Header Authorization harus berbentuk 'Bearer <token>'."))
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = api_token_user(token)
        if user is None:
            raise _unauthenticated(_("Token API tidak dikenal, sudah dicabut, atau tidak aktif."))
        request.user = user  # LocaleMiddleware and logging read request.user too
        return user


class SessionCookie(APIKeyCookie):
    """The session of a user signed in on the web pages; CSRF checked for unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME
    openapi_description = (
        "Sesi peramban setelah masuk di /masuk/. Untuk POST/PUT kirim juga header X-CSRFToken "
        "(nilai cookie csrftoken)."
    )

    def _get_key(self, request: HttpRequest) -> str | None:
        # No CSRF check here: it needs the user first (a visitor without a session is a 401).
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and not _csrf_passes(request):
            raise ApiError(
                403,
                "csrf_failed",
                _(
                    "Pemeriksaan CSRF gagal: kirim header X-CSRFToken berisi nilai cookie "
                    "csrftoken, atau gunakan token API."
                ),
            )
        return user


class Anonymous:
    """Nobody signed in: allowed on reads, which then show only what is public."""

    def __call__(self, request: HttpRequest) -> AnonymousUser:
        return AnonymousUser()


def _csrf_passes(request: HttpRequest) -> bool:
    middleware = CsrfViewMiddleware(lambda _request: None)  # type: ignore[arg-type]
    request.csrf_processing_done = False  # type: ignore[attr-defined]
    middleware.process_request(request)
    return middleware.process_view(request, _no_view, (), {}) is None


def _no_view(request: HttpRequest) -> HttpResponse:  # pragma: no cover - never called
    return HttpResponse(status=204)


def _unauthenticated(message: str) -> ApiError:
    return ApiError(401, "unauthenticated", message)


# Writes need someone; reads also answer anonymous visitors (public versions only).
WRITE_AUTH: list[Any] = [BearerToken(), SessionCookie()]
READ_AUTH: list[Any] = [*WRITE_AUTH, Anonymous()]


# ---- the caller's own tokens ---------------------------------------------------------------

router = Router(tags=["token"])


class TokenOut(Schema):
    id: int
    name: str = Field(description="Nama token, pilihan pemiliknya.")
    prefix: str = Field(description="Awal token, untuk membedakan token satu dengan lainnya.")
    created_at: dt.datetime
    last_used_at: dt.datetime | None = Field(
        description="Terakhir dipakai (ketelitian satu menit)."
    )
    revoked_at: dt.datetime | None = Field(description="Waktu dicabut; null bila masih aktif.")


class TokenCreateIn(Schema):
    name: str = Field("", max_length=100, description="Nama token, mis. 'skrip impor'.")


class TokenCreatedOut(TokenOut):
    token: str = Field(
        description="Rahasia token. Hanya ditampilkan sekali ini; simpan di tempat aman."
    )


def _token_out(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }


@router.get(
    "/tokens",
    response={200: list[TokenOut], **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Daftar token API milik pemanggil",
)
def tokens_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_token_out(t) for t in ApiToken.objects.filter(user_id=request.auth.pk)]  # type: ignore[attr-defined]


@router.post(
    "/tokens",
    response={201: TokenCreatedOut, **COMMON_ERRORS},
    auth=[SessionCookie()],
    summary="Membuat token API (hanya dari sesi peramban)",
    description="Rahasia token dikembalikan sekali ini saja. Sebuah token tidak dapat membuat "
    "token lain, agar token yang bocor dapat dihentikan dengan mencabutnya.",
)
def tokens_create(request: HttpRequest, payload: TokenCreateIn) -> Status[dict[str, Any]]:
    user: User = request.auth  # type: ignore[attr-defined]
    made = api_token_create(user=user, name=payload.name, by=user)
    return Status(201, {**_token_out(made.token), "token": made.secret})


@router.post(
    "/tokens/{token_id}/revoke",
    response={200: TokenOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Mencabut token API milik pemanggil",
)
def tokens_revoke(request: HttpRequest, token_id: int) -> dict[str, Any]:
    user: User = request.auth  # type: ignore[attr-defined]
    token = ApiToken.objects.filter(pk=token_id, user_id=user.pk).first()
    if token is None:
        raise ApiError(404, "not_found", _("Token tidak ditemukan."))
    return _token_out(api_token_revoke(token=token, by=user))


__all__ = ["READ_AUTH", "WRITE_AUTH", "ErrorOut", "router"]

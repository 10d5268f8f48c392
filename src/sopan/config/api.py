"""The HTTP API at ``/api/v1/``: one router per app, assembled here; domain errors mapped once.

Every refusal is JSON ``{"code", "message", "detail"}`` (:class:`~sopan.config.api_errors.ErrorOut`)
with the message in the request's language (Indonesian by default; ``Accept-Language: en``
for English, through Django's LocaleMiddleware):

==============================================  ======  ===========================
exception                                       status  code
==============================================  ======  ===========================
:class:`~sopan.config.api_errors.ApiError`      its     its own
missing/wrong credentials on a write            401     ``unauthenticated``
``PermissionDenied``                            403     ``forbidden``
``ValidationError`` code ``forbidden``          403     ``forbidden``
``Http404``, ``ObjectDoesNotExist``             404     ``not_found``
``ValidationError`` code ``stale``              412     ``stale``
``ValidationError`` of a state (CONFLICT_CODES) 409     its code
``ValidationError`` (any other)                 422     its code or ``invalid``
``DocumentLoadError``                           422     ``document_invalid``
request that does not fit the schema            422     ``invalid_request``
anything else (a bug)                           500     ``server_error`` (logged)
==============================================  ======  ===========================
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError
from ninja.openapi.docs import Swagger

from sopan import __version__
from sopan.config.api_errors import ApiError
from sopan.dashboard.api import router as dashboard_router
from sopan.document import DocumentLoadError
from sopan.i18n import normalise_language
from sopan.inventory.api import router as inventory_router
from sopan.organisations.api import WRITE_AUTH
from sopan.organisations.api import router as tokens_router
from sopan.reviews.api import router as reviews_router
from sopan.sops.api import router as sops_router
from sopan.teams.api import router as teams_router

logger = logging.getLogger(__name__)

# ValidationError codes that say "not in this state" rather than "bad input".
CONFLICT_CODES = frozenset(
    {
        "invalid_state",
        "not_editable",
        "same_status",
        "already_approved",
        "not_approved",
        "already_published",
        "already_resolved",
        "no_version_in_force",
        "draft_exists",
        "in_revision",
        "blocking_findings",
    }
)
STATUS_BY_CODE = {"forbidden": 403, "stale": 412}

DESCRIPTION = """\
API sopan untuk SOP instansi pemerintah: daftar dan isi SOP, versi, konsep, perubahan status
(ajukan, kembalikan, uji coba, sahkan, terbitkan, cabut), komentar, perbandingan versi dan
berkas keluaran (PDF, DOCX, BPMN, HTML, Mermaid).

**Autentikasi.** `Authorization: Bearer <token>` (token dibuat di /profil/ atau dengan
`sopan token create PENGGUNA`), atau sesi peramban setelah masuk (POST/PUT dengan header
`X-CSRFToken`). Tanpa autentikasi hanya versi yang sudah disahkan dan terbuka untuk umum
yang terlihat. Hak akses sama dengan halaman web.

**Kesalahan.** Selalu JSON `{"code": "...", "message": "...", "detail": ...}`: `code` tetap
untuk program, `message` dalam bahasa Indonesia (Inggris dengan `Accept-Language: en`).
401 tanpa/dengan token salah, 403 tindakan tidak diizinkan, 404 tidak ada atau tidak boleh
dilihat, 409 status versi tidak memungkinkan, 412 ETag usang, 428 If-Match wajib, 422 isian
atau dokumen tidak sah (dengan letak masalahnya).

**Penguncian optimistis.** `GET /versions/{id}` mengembalikan header `ETag`; `PUT
/versions/{id}/document` wajib membawa `If-Match` berisi ETag itu.
"""


class SelfHostedSwagger(Swagger):
    """Swagger UI from django-ninja's bundled static files (``ninja`` is an installed app,
    so no CDN). Swagger UI sets inline ``style`` attributes, which the site-wide CSP refuses;
    this one page allows inline styles (never inline scripts)."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        response = super().render_page(request, api, **kwargs)
        response["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
        )
        return response


api = NinjaAPI(
    title="sopan API",
    version=f"1 ({__version__})",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=WRITE_AUTH,
    docs=SelfHostedSwagger(settings={"persistAuthorization": False}),
)
api.add_router("/", sops_router)
api.add_router("/", tokens_router)
api.add_router("/", inventory_router)
api.add_router("/", dashboard_router)
api.add_router("/", teams_router)
api.add_router("/", reviews_router)


def _error(request: HttpRequest, status: int, code: str, message: str, detail: Any = None) -> Any:
    body = {"code": code, "message": message, "detail": detail}
    return api.create_response(request, body, status=status)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return _error(request, exc.status, exc.code, exc.message, exc.detail)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = _("Perlu autentikasi: kirim token API (Authorization: Bearer ...) atau masuk dulu.")
    return _error(request, 401, "unauthenticated", message)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, f"http_{exc.status_code}", str(exc))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or _("Anda tidak berwenang melakukan tindakan ini.")
    return _error(request, 403, "forbidden", message)


@api.exception_handler(Http404)
@api.exception_handler(ObjectDoesNotExist)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    message = _("Tidak ditemukan, atau Anda tidak berhak melihatnya.")
    return _error(request, 404, "not_found", message)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    code = str(getattr(exc, "code", None) or _first_code(exc) or "invalid")
    status = STATUS_BY_CODE.get(code, 409 if code in CONFLICT_CODES else 422)
    detail = exc.message_dict if hasattr(exc, "error_dict") else None
    return _error(request, status, code, " ".join(exc.messages), detail)


def _first_code(exc: ValidationError) -> str | None:
    for error in exc.error_list if hasattr(exc, "error_list") else []:
        if getattr(error, "code", None):
            return str(error.code)
    return None


@api.exception_handler(DocumentLoadError)
def _document_invalid(request: HttpRequest, exc: DocumentLoadError) -> HttpResponse:
    lang = normalise_language(get_language())
    message = _("Dokumen SOP tidak sah: {count} masalah.").format(count=len(exc.problems))
    detail = [
        {
            "code": p.code,
            "line": p.line,
            "column": p.column,
            "path": p.params.get("path"),
            "message": p.message(lang),
        }
        for p in exc.problems
    ]
    return _error(request, 422, "document_invalid", message, detail)


@api.exception_handler(RequestValidationError)
def _bad_request(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
    detail = [
        {"loc": list(e.get("loc", ())), "type": e.get("type"), "msg": e.get("msg")}
        for e in exc.errors
    ]
    message = _("Permintaan tidak sesuai skema: periksa isian yang disebut di detail.")
    return _error(request, 422, "invalid_request", message, detail)


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error on %s %s", request.method, request.path)
    message = _(
        "Terjadi kesalahan pada sistem; permintaan tidak dapat diselesaikan. Silakan coba "
        "lagi; bila berulang, hubungi admin sopan di instansi Anda."
    )
    return _error(request, 500, "server_error", message)

"""The SOP API router (``/api/v1/sops``, ``/api/v1/versions``), assembled in sopan.config.api.

Endpoints are thin: they find what the caller may see (:mod:`sopan.sops.selectors`: anything
else is 404, exactly as on the pages), load documents with the core's loader, and call the
same services as the pages (:mod:`sopan.sops.services`, :mod:`sopan.sops.lifecycle`), which
check the permissions themselves. Refusals are exceptions mapped to JSON once, in
:mod:`sopan.config.api`.
"""

from __future__ import annotations

import logging
from functools import reduce
from operator import or_
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Status

from sopan.config.api_errors import COMMON_ERRORS, ApiError, ErrorOut
from sopan.document import diff_documents, dump_json, dump_yaml
from sopan.organisations.api import READ_AUTH, WRITE_AUTH
from sopan.organisations.models import Unit
from sopan.organisations.selectors import user_instansi_ids
from sopan.render.formats import FORMATS
from sopan.sops import lifecycle
from sopan.sops.api_comments import router as comments_router
from sopan.sops.api_schemas import (
    DiffOut,
    DocumentIn,
    ExportQuery,
    RenderQuery,
    RevisionIn,
    SopCreateIn,
    SopDetailOut,
    SopFilters,
    SopPageOut,
    TransitionIn,
    VersionOut,
    VersionSummaryOut,
)
from sopan.sops.api_support import (
    OPTIONAL_AUTH,
    caller,
    etag,
    load_request_document,
    request_language,
    set_etag,
    sop_or_404,
    sop_out,
    unit_for,
    units_named,
    version_or_404,
    version_out,
    version_summary,
)
from sopan.sops.choices import VersionStatus
from sopan.sops.downloads import download_filename, render_options_for, rendered_file_get_or_create
from sopan.sops.models import SopVersion
from sopan.sops.selectors import sop_list_for, versions_visible_to
from sopan.sops.services import sop_create, version_update_document

logger = logging.getLogger(__name__)

router = Router(tags=["sop"])
router.add_router("", comments_router)


# ---- SOPs -----------------------------------------------------------------------------------


@router.get(
    "/sops",
    response={200: SopPageOut, **COMMON_ERRORS},
    auth=READ_AUTH,
    openapi_extra=OPTIONAL_AUTH,
    summary="Daftar SOP yang boleh dilihat pemanggil",
    description="Versi terbaru tiap SOP yang terlihat: untuk umum hanya yang sudah disahkan; "
    "pengguna dengan peran di unit pemilik juga melihat konsepnya. Diurutkan menurut nama.",
)
def sops_list(request: HttpRequest, filters: Query[SopFilters]) -> dict[str, Any]:
    user = caller(request)
    versions = sop_list_for(user, q=(filters.q or "").strip() or None, status=filters.status)
    if filters.unit:
        units = units_named(filters.unit.strip(), None)
        versions = versions.filter(_in_subtrees(units)) if units else versions.none()
    paginator = Paginator(versions, filters.page_size)
    in_range = filters.page <= paginator.num_pages
    page_items = list(paginator.page(filters.page).object_list) if in_range else []
    return {
        "count": paginator.count,
        "page": filters.page,
        "pages": paginator.num_pages if paginator.count else 0,
        "page_size": filters.page_size,
        "items": [sop_out(v.sop, v) for v in page_items],
    }


def _in_subtrees(units: list[Unit]) -> Q:
    """SOPs owned by any of ``units`` or a unit below one of them."""
    return reduce(or_, (Q(sop__unit__path__startswith=u.path) for u in units))


@router.post(
    "/sops",
    response={201: VersionOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Membuat SOP baru dari sebuah dokumen (versi 1, KONSEP)",
    description="Dokumen diperiksa dengan pemuat yang sama seperti `sopan check`; bila tidak "
    "sah, jawabannya 422 `document_invalid` dengan daftar masalah beserta letaknya dan tidak "
    "ada yang disimpan. Pemanggil harus penyusun (atau koordinator/admin) unit itu.",
)
def sops_create(
    request: HttpRequest, payload: SopCreateIn, response: HttpResponse
) -> Status[dict[str, Any]]:
    user = caller(request)
    document = load_request_document(payload.document)
    unit = unit_for(payload.unit, user_instansi_ids(user))
    version = sop_create(unit=unit, document=document, by=user)
    set_etag(response, version)
    response["Location"] = f"/api/v1/versions/{version.pk}"
    return Status(201, version_out(version, user))


@router.get(
    "/sops/{sop_id}",
    response={200: SopDetailOut, **COMMON_ERRORS},
    auth=READ_AUTH,
    openapi_extra=OPTIONAL_AUTH,
    summary="Satu SOP",
)
def sops_detail(request: HttpRequest, sop_id: int) -> dict[str, Any]:
    user = caller(request)
    sop = sop_or_404(user, sop_id)
    versions = versions_visible_to(user).filter(sop=sop).order_by("-number")
    in_force = versions.filter(status__in=VersionStatus.IN_FORCE).first()
    return {
        **sop_out(sop, versions.first()),
        "created_at": sop.created_at,
        "in_force": version_summary(in_force) if in_force is not None else None,
        "version_count": versions.count(),
    }


@router.get(
    "/sops/{sop_id}/versions",
    response={200: list[VersionSummaryOut], **COMMON_ERRORS},
    auth=READ_AUTH,
    openapi_extra=OPTIONAL_AUTH,
    summary="Versi-versi sebuah SOP (terbaru dahulu)",
)
def sops_versions(request: HttpRequest, sop_id: int) -> list[dict[str, Any]]:
    user = caller(request)
    sop = sop_or_404(user, sop_id)
    return [
        version_summary(v) for v in versions_visible_to(user).filter(sop=sop).order_by("-number")
    ]


@router.post(
    "/sops/{sop_id}/revisions",
    response={201: VersionOut, 409: ErrorOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Memulai revisi: salinan versi yang berlaku menjadi konsep baru",
)
def sops_revision_start(
    request: HttpRequest, sop_id: int, payload: RevisionIn, response: HttpResponse
) -> Status[dict[str, Any]]:
    user = caller(request)
    sop = sop_or_404(user, sop_id)
    version = lifecycle.revision_start(sop=sop, by=user, reason=payload.reason)
    set_etag(response, version)
    response["Location"] = f"/api/v1/versions/{version.pk}"
    return Status(201, version_out(version, user))


# ---- versions -------------------------------------------------------------------------------


@router.get(
    "/versions/{version_id}",
    response={200: VersionOut, **COMMON_ERRORS},
    auth=READ_AUTH,
    openapi_extra=OPTIONAL_AUTH,
    summary="Satu versi: dokumen, status, temuan mutu, tindakan yang boleh",
    description="Header `ETag` berisi penanda versi dokumen ini; kirim kembali sebagai "
    "`If-Match` saat mengubah dokumen.",
)
def versions_detail(request: HttpRequest, version_id: int, response: HttpResponse) -> Any:
    user = caller(request)
    version = version_or_404(user, version_id)
    set_etag(response, version)
    return version_out(version, user)


@router.put(
    "/versions/{version_id}/document",
    response={200: VersionOut, 409: ErrorOut, 412: ErrorOut, 428: ErrorOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Mengganti dokumen sebuah konsep (wajib If-Match)",
    description="Hanya versi berstatus konsep. `If-Match` wajib berisi ETag dari `GET "
    "/versions/{id}`: tanpa itu 428, bila sudah diubah orang lain 412 dan tidak ada yang "
    "berubah. Dokumen tidak sah: 422 dengan letak masalahnya.",
)
def versions_document_put(
    request: HttpRequest,
    version_id: int,
    payload: DocumentIn,
    response: HttpResponse,
    if_match: str | None = Header(None, alias="If-Match", description="ETag versi yang diubah."),
) -> Any:
    user = caller(request)
    version = version_or_404(user, version_id)
    expected = _lock_from_if_match(if_match, version)
    document = load_request_document(payload.document)
    version = version_update_document(
        version=version, document=document, by=user, expected_lock_version=expected
    )
    set_etag(response, version)
    return version_out(version, user)


def _lock_from_if_match(if_match: str | None, version: SopVersion) -> int:
    """The lock_version the caller started from; refuses a missing or stale ETag."""
    if not if_match or not if_match.strip():
        raise ApiError(
            428,
            "precondition_required",
            _("Header If-Match wajib diisi dengan ETag versi (dari GET /versions/{id})."),
        )
    current = etag(version)
    offered = {tag.strip() for tag in if_match.split(",")}
    if current not in offered:
        raise ApiError(
            412,
            "stale",
            _(
                "Konsep ini sudah diubah sejak Anda mengambilnya (ETag tidak cocok). Ambil "
                "versi terbaru, lalu ulangi perubahan Anda."
            ),
            {"etag": current},
        )
    return version.lock_version


@router.post(
    "/versions/{version_id}/transitions",
    response={200: VersionOut, 409: ErrorOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Mengubah status versi (ajukan, kembalikan, uji coba, sahkan, terbitkan, cabut)",
    description="Aturan yang sama dengan halaman web: penyusun tidak boleh memeriksa atau "
    "mengesahkan konsep yang ia susun atau ubah (403), pengesah di luar unit tidak berwenang "
    "(403), status yang tidak memungkinkan tindakan itu 409.",
)
def versions_transition(
    request: HttpRequest, version_id: int, payload: TransitionIn, response: HttpResponse
) -> Any:
    user = caller(request)
    version = version_or_404(user, version_id)
    params: dict[str, Any] = {}
    if payload.units is not None:
        params["units"] = [unit_for(u, {version.sop.instansi_id}) for u in payload.units]
    for name in ("mulai", "selesai", "efektif"):
        if getattr(payload, name) is not None:
            params[name] = getattr(payload, name)
    version = lifecycle.version_transition(
        version=version, action=payload.action, by=user, note=payload.note, **params
    )
    set_etag(response, version)
    return version_out(version, user)


@router.get(
    "/versions/{version_id}/export",
    response={200: None, **COMMON_ERRORS},
    auth=READ_AUTH,
    summary="Mengekspor dokumen versi sebagai berkas .sop.yaml atau .sop.json",
    openapi_extra={
        **OPTIONAL_AUTH,
        "responses": {
            200: {
                "description": "Berkas dokumen SOP.",
                "content": {
                    "application/yaml": {"schema": {"type": "string"}},
                    "application/json": {"schema": {"type": "object"}},
                },
            }
        },
    },
)
def versions_export(
    request: HttpRequest, version_id: int, query: Query[ExportQuery]
) -> HttpResponse:
    version = version_or_404(caller(request), version_id)
    document = version.document_model()
    if query.format == "json":
        body, content_type = dump_json(document), "application/json; charset=utf-8"
    else:
        body, content_type = dump_yaml(document), "application/yaml; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    stem = download_filename(version, FORMATS["html"]).rsplit(".", 1)[0]
    response["Content-Disposition"] = f'attachment; filename="{stem}.sop.{query.format}"'
    response["ETag"] = etag(version)
    return response


@router.get(
    "/versions/{version_id}/render",
    response={200: None, 500: ErrorOut, **COMMON_ERRORS},
    auth=READ_AUTH,
    summary="Berkas keluaran sebuah versi (PDF, DOCX, BPMN, HTML, Mermaid, SVG)",
    description="Sama dengan tombol unduh di halaman versi (berkas disimpan dan dipakai "
    "ulang). Konsep selalu bertanda KONSEP.",
    openapi_extra={
        **OPTIONAL_AUTH,
        "responses": {
            200: {
                "description": "Berkas keluaran.",
                "content": {"application/octet-stream": {"schema": {"type": "string"}}},
            }
        },
    },
)
def versions_render(
    request: HttpRequest, version_id: int, query: Query[RenderQuery]
) -> HttpResponse:
    version = version_or_404(caller(request), version_id)
    output = FORMATS[query.format]
    options = render_options_for(
        version, paper=query.paper, orientation=query.orientation, lang=request_language()
    )
    try:
        _row, data = rendered_file_get_or_create(version=version, fmt=output, options=options)
    except Exception as error:
        logger.exception("render failed: version %s, format %s", version.pk, query.format)
        raise ApiError(
            500,
            "render_failed",
            _(
                "Berkas %(format)s untuk SOP ini gagal dibuat. SOP dan versinya tidak berubah. "
                "Silakan coba format lain atau coba lagi nanti; bila berulang, hubungi admin "
                "sopan di instansi Anda."
            )
            % {"format": output.label},
        ) from error
    response = HttpResponse(data, content_type=output.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download_filename(version, output)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@router.get(
    "/versions/{version_id}/diff/{other_id}",
    response={200: DiffOut, **COMMON_ERRORS},
    auth=READ_AUTH,
    openapi_extra=OPTIONAL_AUTH,
    summary="Perbedaan dua versi menurut makna (dari {version_id} ke {other_id})",
)
def versions_diff(request: HttpRequest, version_id: int, other_id: int) -> dict[str, Any]:
    user = caller(request)
    old, new = version_or_404(user, version_id), version_or_404(user, other_id)
    diff = diff_documents(old.document_model(), new.document_model())
    return {
        "old": version_summary(old),
        "new": version_summary(new),
        "empty": diff.is_empty,
        "changes": diff.to_dict(),
        "text": diff.to_text(request_language()).splitlines(),
    }

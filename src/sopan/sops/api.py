"""The SOP API router (``/api/v1/sops``, ``/api/v1/versions``), assembled in sopan.config.api.

Endpoints are thin: they find what the caller may see (:mod:`sopan.sops.selectors`: anything
else is 404, exactly as on the pages), load documents with the core's loader, and call the
same services as the pages (:mod:`sopan.sops.services`, :mod:`sopan.sops.lifecycle`), which
check the permissions themselves. Refusals are exceptions mapped to JSON once, in
:mod:`sopan.config.api`.
"""

from __future__ import annotations

import json
import logging
from functools import reduce
from operator import or_
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Status

from sopan.config.api_errors import COMMON_ERRORS, ApiError, ErrorOut
from sopan.document import SopDocument, diff_documents, dump_json, dump_yaml, load_document
from sopan.i18n import normalise_language
from sopan.organisations.api import READ_AUTH, WRITE_AUTH
from sopan.organisations.models import Person, Unit
from sopan.organisations.selectors import user_has_role, user_instansi_ids
from sopan.render.formats import FORMATS
from sopan.sops import lifecycle
from sopan.sops.api_schemas import (
    CommentIn,
    CommentOut,
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
from sopan.sops.choices import VersionStatus
from sopan.sops.downloads import download_filename, render_options_for, rendered_file_get_or_create
from sopan.sops.lifecycle_models import Comment
from sopan.sops.models import Sop, SopVersion
from sopan.sops.quality import check_version
from sopan.sops.selectors import ALL_ROLES, sop_list_for, sops_visible_to, versions_visible_to
from sopan.sops.services import sop_create, version_update_document

logger = logging.getLogger(__name__)

router = Router(tags=["sop"])

AnyUser = User | AnonymousUser
# Reads answer anonymous visitors too: in OpenAPI, an empty requirement makes auth optional.
OPTIONAL_AUTH: dict[str, Any] = {"security": [{}]}


def _caller(request: HttpRequest) -> AnyUser:
    user: AnyUser = request.auth  # type: ignore[attr-defined]
    return user


def _lang() -> str:
    return normalise_language(get_language())


# ---- finding what the caller may see ------------------------------------------------------


def _sop_or_404(user: AnyUser, sop_id: int) -> Sop:
    sop = sops_visible_to(user).select_related("unit", "instansi").filter(pk=sop_id).first()
    if sop is None:
        raise Http404
    return sop


def _version_or_404(user: AnyUser, version_id: int) -> SopVersion:
    version = (
        versions_visible_to(user)
        .select_related("sop__unit", "sop__instansi")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        raise Http404
    return version


def _units_named(value: int | str, instansi_ids: set[int] | None) -> list[Unit]:
    """Units by id, or by kode within the given instansi (None: any instansi)."""
    units = Unit.objects.all()
    if instansi_ids is not None:
        units = units.filter(instansi_id__in=instansi_ids)
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return list(units.filter(pk=int(value)))
    return list(units.filter(kode=value))


def _unit_for(value: int | str, instansi_ids: set[int]) -> Unit:
    found = _units_named(value, instansi_ids)
    if len(found) != 1:
        message = (
            _("Unit {unit} tidak ditemukan di instansi Anda.")
            if not found
            else _("Kode unit {unit} dipakai di beberapa instansi; sebutkan id unitnya.")
        )
        raise ApiError(422, "unknown_unit", message.format(unit=value))
    return found[0]


# ---- loading documents ----------------------------------------------------------------------


def _load(document: dict[str, Any] | str) -> SopDocument:
    """The core's loader for both shapes, so a JSON body is checked like a .sop.json file."""
    limit = settings.SOPAN_MAX_DOCUMENT_BYTES
    if isinstance(document, str):
        return load_document(document, filename="document", max_bytes=limit).document
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return load_document(text, filename="document", fmt="json", max_bytes=limit).document


# ---- presenting -----------------------------------------------------------------------------


def etag(version: SopVersion) -> str:
    """A strong ETag: changes whenever a save changes the lock or the document."""
    return f'"{version.lock_version}-{version.document_hash}"'


def _summary(version: SopVersion) -> dict[str, Any]:
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
        "created_at": version.created_at,
        "updated_at": version.updated_at,
    }


def _sop_ref(sop: Sop) -> dict[str, Any]:
    return {
        "id": sop.pk,
        "kode": sop.kode,
        "unit": {"id": sop.unit.pk, "kode": sop.unit.kode, "nama": sop.unit.nama},
        "instansi": {"kode": sop.instansi.kode, "nama": sop.instansi.nama},
        "is_public": sop.is_public,
    }


def _sop(sop: Sop, latest: SopVersion | None) -> dict[str, Any]:
    return {**_sop_ref(sop), "latest_version": _summary(latest) if latest is not None else None}


def _version(version: SopVersion, user: AnyUser) -> dict[str, Any]:
    lang = _lang()
    findings = check_version(version, lang=lang)
    return {
        **_summary(version),
        "sop": _sop_ref(version.sop),
        "lock_version": version.lock_version,
        "etag": etag(version),
        "document": version.document,
        "findings": [f.to_dict(lang) for f in findings],
        "allowed_actions": (
            lifecycle.allowed_actions(user, version) if user.is_authenticated else []
        ),
    }


def _with_etag(response: HttpResponse, version: SopVersion) -> None:
    response["ETag"] = etag(version)


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
    user = _caller(request)
    versions = sop_list_for(user, q=(filters.q or "").strip() or None, status=filters.status)
    if filters.unit:
        units = _units_named(filters.unit.strip(), None)
        versions = versions.filter(_in_subtrees(units)) if units else versions.none()
    paginator = Paginator(versions, filters.page_size)
    in_range = filters.page <= paginator.num_pages
    page_items = list(paginator.page(filters.page).object_list) if in_range else []
    return {
        "count": paginator.count,
        "page": filters.page,
        "pages": paginator.num_pages if paginator.count else 0,
        "page_size": filters.page_size,
        "items": [_sop(v.sop, v) for v in page_items],
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
    user = _caller(request)
    document = _load(payload.document)
    unit = _unit_for(payload.unit, user_instansi_ids(user))
    version = sop_create(unit=unit, document=document, by=user)
    _with_etag(response, version)
    response["Location"] = f"/api/v1/versions/{version.pk}"
    return Status(201, _version(version, user))


@router.get(
    "/sops/{sop_id}",
    response={200: SopDetailOut, **COMMON_ERRORS},
    auth=READ_AUTH,
    openapi_extra=OPTIONAL_AUTH,
    summary="Satu SOP",
)
def sops_detail(request: HttpRequest, sop_id: int) -> dict[str, Any]:
    user = _caller(request)
    sop = _sop_or_404(user, sop_id)
    versions = versions_visible_to(user).filter(sop=sop).order_by("-number")
    in_force = versions.filter(status__in=VersionStatus.IN_FORCE).first()
    return {
        **_sop(sop, versions.first()),
        "created_at": sop.created_at,
        "in_force": _summary(in_force) if in_force is not None else None,
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
    user = _caller(request)
    sop = _sop_or_404(user, sop_id)
    return [_summary(v) for v in versions_visible_to(user).filter(sop=sop).order_by("-number")]


@router.post(
    "/sops/{sop_id}/revisions",
    response={201: VersionOut, 409: ErrorOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Memulai revisi: salinan versi yang berlaku menjadi konsep baru",
)
def sops_revision_start(
    request: HttpRequest, sop_id: int, payload: RevisionIn, response: HttpResponse
) -> Status[dict[str, Any]]:
    user = _caller(request)
    sop = _sop_or_404(user, sop_id)
    version = lifecycle.revision_start(sop=sop, by=user, reason=payload.reason)
    _with_etag(response, version)
    response["Location"] = f"/api/v1/versions/{version.pk}"
    return Status(201, _version(version, user))


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
    user = _caller(request)
    version = _version_or_404(user, version_id)
    _with_etag(response, version)
    return _version(version, user)


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
    user = _caller(request)
    version = _version_or_404(user, version_id)
    expected = _lock_from_if_match(if_match, version)
    document = _load(payload.document)
    version = version_update_document(
        version=version, document=document, by=user, expected_lock_version=expected
    )
    _with_etag(response, version)
    return _version(version, user)


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
    user = _caller(request)
    version = _version_or_404(user, version_id)
    params: dict[str, Any] = {}
    if payload.units is not None:
        params["units"] = [_unit_for(u, {version.sop.instansi_id}) for u in payload.units]
    for name in ("mulai", "selesai", "efektif"):
        if getattr(payload, name) is not None:
            params[name] = getattr(payload, name)
    version = lifecycle.version_transition(
        version=version, action=payload.action, by=user, note=payload.note, **params
    )
    _with_etag(response, version)
    return _version(version, user)


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
    version = _version_or_404(_caller(request), version_id)
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
    version = _version_or_404(_caller(request), version_id)
    output = FORMATS[query.format]
    options = render_options_for(
        version, paper=query.paper, orientation=query.orientation, lang=_lang()
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
    user = _caller(request)
    old, new = _version_or_404(user, version_id), _version_or_404(user, other_id)
    diff = diff_documents(old.document_model(), new.document_model())
    return {
        "old": _summary(old),
        "new": _summary(new),
        "empty": diff.is_empty,
        "changes": diff.to_dict(),
        "text": diff.to_text(_lang()).splitlines(),
    }


# ---- review comments ------------------------------------------------------------------------


def _check_may_read_comments(user: AnyUser, version: SopVersion) -> None:
    """Review comments are internal: for people with a role on the SOP's unit (or above)."""
    if not user.is_authenticated:
        raise ApiError(
            401, "unauthenticated", _("Komentar reviu hanya untuk pengguna yang sudah masuk.")
        )
    if not user_has_role(user, ALL_ROLES, version.sop.unit):
        raise ApiError(
            403,
            "forbidden",
            _("Komentar reviu hanya dapat dilihat oleh pegawai yang berperan di unit SOP ini."),
        )


def _person(user: Any, names: dict[int, str]) -> dict[str, str] | None:
    """A user as shown beside a comment: the employee's name where there is one."""
    if user is None:
        return None
    username = user.get_username()
    return {"username": username, "nama": names.get(user.pk) or user.get_full_name() or username}


def _names(comments: list[Comment]) -> dict[int, str]:
    ids = {c.author_id for c in comments} | {c.resolved_by_id for c in comments}
    people = Person.objects.filter(user_id__in=[i for i in ids if i is not None])
    return dict(people.values_list("user_id", "nama"))


def _comments(comments: list[Comment]) -> list[dict[str, Any]]:
    names = _names(comments)
    return [_comment(c, names) for c in comments]


def _comment(comment: Comment, names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "version_id": comment.version_id,
        "author": _person(comment.author, names),
        "text": comment.text,
        "step_id": comment.step_id or None,
        "field": comment.field or None,
        "parent": comment.parent_id,
        "created_at": comment.created_at,
        "resolved_at": comment.resolved_at,
        "resolved_by": _person(comment.resolved_by, names),
    }


@router.get(
    "/versions/{version_id}/comments",
    response={200: list[CommentOut], **COMMON_ERRORS},
    auth=READ_AUTH,
    openapi_extra=OPTIONAL_AUTH,
    summary="Komentar reviu sebuah versi (urut waktu)",
)
def comments_list(request: HttpRequest, version_id: int) -> list[dict[str, Any]]:
    user = _caller(request)
    version = _version_or_404(user, version_id)
    _check_may_read_comments(user, version)
    comments = Comment.objects.filter(version=version).select_related("author", "resolved_by")
    return _comments(list(comments.order_by("created_at", "id")))


@router.post(
    "/versions/{version_id}/comments",
    response={201: CommentOut, 409: ErrorOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Menambah komentar reviu (pada langkah, isian, atau seluruh SOP) atau balasan",
)
def comments_create(
    request: HttpRequest, version_id: int, payload: CommentIn
) -> Status[dict[str, Any]]:
    user = _caller(request)
    version = _version_or_404(user, version_id)
    parent = None
    if payload.parent is not None:
        parent = Comment.objects.filter(pk=payload.parent, version=version).first()
        if parent is None:
            raise ApiError(422, "parent", _("Komentar yang dibalas bukan milik versi ini."))
    comment = lifecycle.comment_add(
        version=version,
        by=user,
        text=payload.text,
        step_id=payload.step_id,
        field=payload.field,
        parent=parent,
    )
    return Status(201, _comments([comment])[0])


@router.post(
    "/comments/{comment_id}/resolve",
    response={200: CommentOut, 409: ErrorOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Menandai komentar sudah diselesaikan",
)
def comments_resolve(request: HttpRequest, comment_id: int) -> dict[str, Any]:
    user = _caller(request)
    comment = (
        Comment.objects.filter(pk=comment_id, version__in=versions_visible_to(user))
        .select_related("version__sop__unit")
        .first()
    )
    if comment is None:
        raise Http404
    return _comments([lifecycle.comment_resolve(comment=comment, by=user)])[0]

"""The draft editor: new draft, the editor page, its live preview, autosave with optimistic
locking, restore of an unsaved copy, the register picker and the version export.

One view serves the full page and the HTMX fragment (STYLE.md "Full page and fragment from
one view"): a POST to the editor is a save; sent by HTMX (``HX-Request``) it is the autosave
and answers with the small status fragment, sent by the browser it answers with a page.
Every write goes through the services (``sop_create``, ``version_update_document``), which
check the permission again.
"""

from __future__ import annotations

import logging
from pathlib import PurePath
from typing import Any, Literal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sopan.document import DocumentLoadError, diff_documents, document_hash, dump_json, dump_yaml
from sopan.document.loader import load_document
from sopan.organisations.selectors import person_for_user
from sopan.regulations.selectors import regulations_for
from sopan.render.formats import Format
from sopan.sops.choices import VersionStatus
from sopan.sops.downloads import download_filename
from sopan.sops.editor_access import drafting_units, may_draft_for
from sopan.sops.editor_forms import (
    EditorForm,
    NewDraftForm,
    empty_document,
    form_from_document,
    form_from_post,
    form_validate,
)
from sopan.sops.editor_presenters import editor_fields
from sopan.sops.editor_preview import preview_context
from sopan.sops.models import SopVersion
from sopan.sops.selectors import versions_visible_to
from sopan.sops.services import sop_create, version_update_document

logger = logging.getLogger(__name__)


def _lang() -> str:
    return (get_language() or "id")[:2]


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _visible(request: HttpRequest, sop_id: int, number: int) -> SopVersion:
    version = (
        versions_visible_to(request.user)
        .select_related("sop__unit", "sop__instansi")
        .filter(sop_id=sop_id, number=number)
        .first()
    )
    if version is None:
        raise Http404
    return version


def _revision_url(version: SopVersion) -> str:
    return reverse("sops:revision_start", kwargs={"sop_id": version.sop_id})


def _forbidden(request: HttpRequest, version: SopVersion) -> HttpResponse:
    if version.status in VersionStatus.EDITABLE:
        reason = _("Anda tidak berwenang mengubah SOP unit {unit}.").format(
            unit=version.sop.unit.nama
        )
    else:
        reason = _(
            "Versi ini berstatus {status}; hanya versi berstatus Konsep yang dapat diubah."
        ).format(status=version.get_status_display())
    revision = None
    if version.status in VersionStatus.PUBLISHED and may_draft_for(request.user, version):
        revision = _revision_url(version)
    context = {"version": version, "reason": reason, "revision_url": revision}
    return render(request, "sops/editor/forbidden.html", context, status=403)


def _editable(request: HttpRequest, sop_id: int, number: int) -> SopVersion | HttpResponse:
    version = _visible(request, sop_id, number)
    if version.status not in VersionStatus.EDITABLE or not may_draft_for(request.user, version):
        return _forbidden(request, version)
    return version


def _urls(version: SopVersion) -> dict[str, str]:
    kw = {"sop_id": version.sop_id, "number": version.number}
    return {
        name: reverse(f"sops:{name}", kwargs=kw)
        for name in (
            "editor",
            "editor_preview",
            "editor_restore",
            "editor_regulations",
            "attachment_upload",
            "version",
        )
    }


def _page(
    request: HttpRequest,
    version: SopVersion,
    form: EditorForm,
    *,
    errors: dict[str, list[str]] | None = None,
    lock_version: int | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    lang = _lang()
    checked = form_validate(form, nomor=version.nomor or None, lang=lang)
    context = {
        "version": version,
        "nomor": version.nomor,
        "lock_version": version.lock_version if lock_version is None else lock_version,
        "urls": _urls(version),
        "storage_key": f"sopan-editor:{version.sop_id}:{version.number}",
        "attachments": list(version.attachments.select_related("uploaded_by")),
        **editor_fields(form, errors if errors is not None else checked.errors),
        **preview_context(checked, version.sop.instansi_id, lang),
        **extra,
    }
    return render(request, "sops/editor/editor.html", context, status=status)


def _lock(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("lock_version", ""))
    except ValueError:
        return -1  # no lock given: treated as stale, never as "overwrite"


# ≈430 KB of form and SVG for 60 steps, ≈40 KB gzipped. The only secret in the page is the
# CSRF token, which Django masks afresh on every response (its BREACH mitigation).
@gzip_page
@login_required
@require_http_methods(["GET", "POST"])
def editor(request: HttpRequest, sop_id: int, number: int) -> HttpResponse:
    found = _editable(request, sop_id, number)
    if isinstance(found, HttpResponse):
        return found
    version = found
    if request.method == "GET":
        return _page(request, version, form_from_document(version.document_model()))
    return _save(request, version)


def _save(request: HttpRequest, version: SopVersion) -> HttpResponse:
    form = form_from_post(request.POST)
    checked = form_validate(form, nomor=version.nomor or None, lang=_lang())
    lock = _lock(request)
    htmx = _is_htmx(request)
    if checked.document is None:
        if htmx:
            return _status(request, "invalid", version, status=422)
        messages.error(request, _("Belum tersimpan: perbaiki isian yang ditandai."))
        return _page(request, version, form, errors=checked.errors, lock_version=lock, status=422)
    document = checked.document
    if lock == version.lock_version and document_hash(document) == version.document_hash:
        if htmx:
            return _status(request, "unchanged", version)
        messages.success(request, _("Konsep tersimpan."))
        return redirect(_urls(version)["editor"] + "?tersimpan")
    try:
        version_update_document(
            version=version, document=document, by=request.user, expected_lock_version=lock
        )
    except ValidationError as error:
        code = getattr(error, "code", None)
        if code == "stale":
            return _conflict(request, version, form, document, htmx)
        fresh = _visible(request, version.sop_id, version.number)
        return _forbidden(request, fresh)
    if htmx:
        return _status(request, "saved", version)
    messages.success(request, _("Konsep tersimpan."))
    # "?tersimpan" tells editor.js that the copy it kept in localStorage is now stored.
    return redirect(_urls(version)["editor"] + "?tersimpan")


def _status(
    request: HttpRequest, state: str, version: SopVersion, status: int = 200
) -> HttpResponse:
    context = {
        "state": state,
        "version": version,
        "at": timezone.localtime(),
        "urls": _urls(version),
    }
    return render(request, "sops/editor/_status.html", context, status=status)


def _conflict(
    request: HttpRequest,
    version: SopVersion,
    form: EditorForm,
    yours: Any,
    htmx: bool,
) -> HttpResponse:
    saved = SopVersion.objects.select_related("sop__unit", "updated_by").get(pk=version.pk)
    if htmx:
        return _status(request, "conflict", saved, status=409)
    saved_document = saved.document_model()
    lang = _lang()
    conflict = {
        "who": _person_name(saved.updated_by),
        "when": timezone.localtime(saved.updated_at),
        "diff": diff_documents(saved_document, yours).to_text(lang),
        "yours_yaml": dump_yaml(yours),
        "saved_yaml": dump_yaml(saved_document),
    }
    # The form keeps what the user typed; its lock_version is now the saved one, so the next
    # save is a deliberate choice made with both versions on screen.
    return _page(
        request, saved, form, lock_version=saved.lock_version, status=409, conflict=conflict
    )


def _person_name(user: Any) -> str:
    if user is None:
        return _("sistem")
    person = person_for_user(user)
    return person.nama if person is not None else (user.get_full_name() or user.username)


# The fragment is mostly SVG text (≈140 KB for 60 steps, ≈15 KB gzipped) and is sent on
# every change over slow networks. It carries no secret (no CSRF token), so compressing it
# gives BREACH nothing to guess.
@gzip_page
@login_required
@require_POST
def editor_preview(request: HttpRequest, sop_id: int, number: int) -> HttpResponse:
    found = _editable(request, sop_id, number)
    if isinstance(found, HttpResponse):
        return found
    lang = _lang()
    checked = form_validate(form_from_post(request.POST), nomor=found.nomor or None, lang=lang)
    context = preview_context(checked, found.sop.instansi_id, lang)
    return render(request, "sops/editor/_preview.html", context)


@login_required
@require_POST
def editor_restore(request: HttpRequest, sop_id: int, number: int) -> HttpResponse:
    """Show a copy kept in the browser (localStorage) in the editor, without saving it; its
    lock_version is the one it was made from, so saving it cannot overwrite a newer save."""
    found = _editable(request, sop_id, number)
    if isinstance(found, HttpResponse):
        return found
    messages.info(
        request,
        _("Salinan dari peramban dipulihkan. Periksa isinya, lalu tekan Simpan."),
    )
    return _page(request, found, form_from_post(request.POST), lock_version=_lock(request))


@login_required
@require_GET
def editor_regulations(request: HttpRequest, sop_id: int, number: int) -> HttpResponse:
    """Options for the legal-basis picker: register rows matching what is typed."""
    found = _editable(request, sop_id, number)
    if isinstance(found, HttpResponse):
        return found
    typed = next((v for v in request.GET.getlist("dasar_hukum") if v.strip()), "").strip()[:200]
    rows = regulations_for(found.sop.instansi_id)
    for word in typed.split()[:6]:
        rows = rows.filter(_regulation_q(word))
    labels = [r.label + (f" tentang {r.tentang}" if r.tentang else "") for r in rows[:20]]
    return render(request, "sops/editor/_regulations.html", {"labels": labels})


def _regulation_q(word: str) -> Any:
    from django.db.models import Q

    return (
        Q(jenis__icontains=word)
        | Q(nomor__iexact=word)
        | Q(tentang__icontains=word)
        | Q(tahun__iexact=word if word.isdigit() else -1)
    )


# ---------------------------------------------------------------------------------------------
# new draft
# ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def draft_new(request: HttpRequest) -> HttpResponse:
    units = drafting_units(request.user)
    if not units.exists():
        refused = {
            "reason": _(
                "Anda tidak memiliki peran penyusun, koordinator, atau admin pada unit mana pun."
            ),
            "version": None,
            "revision_url": None,
        }
        return render(request, "sops/editor/forbidden.html", refused, status=403)
    form = NewDraftForm(request.POST or None, request.FILES or None, units=units)
    problems: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        upload = form.cleaned_data.get("berkas")
        try:
            if upload:
                document = _load_upload(upload)
            else:
                document = empty_document(
                    nama=form.cleaned_data["nama"], instansi=unit.instansi.nama, unit=unit.nama
                )
            version = sop_create(unit=unit, document=document, by=request.user)
        except DocumentLoadError as error:
            problems = [
                {"line": p.line, "column": p.column, "message": p.message(_lang())}
                for p in error.problems
            ]
        except ValidationError as error:
            form.add_error(None, "; ".join(error.messages))
        else:
            messages.success(request, _("Konsep SOP dibuat. Lanjutkan penyusunan di bawah ini."))
            return redirect("sops:editor", sop_id=version.sop_id, number=version.number)
    status = 422 if request.method == "POST" else 200
    context: dict[str, Any] = {
        "form": form,
        "problems": problems,
        "limit": settings.SOPAN_MAX_DOCUMENT_BYTES,
    }
    return render(request, "sops/editor/new.html", context, status=status)


def _load_upload(upload: Any) -> Any:
    name = PurePath(upload.name or "").name
    limit = settings.SOPAN_MAX_DOCUMENT_BYTES
    data = upload.read(limit + 1)
    fmt: Literal["yaml", "json"] = "json" if name.lower().endswith(".json") else "yaml"
    return load_document(data, filename=name, fmt=fmt, max_bytes=limit).document


# ---------------------------------------------------------------------------------------------
# export
# ---------------------------------------------------------------------------------------------

EXPORTS: dict[str, Format] = {
    "yaml": Format(
        "yaml",
        "YAML (.sop.yaml)",
        "application/yaml; charset=utf-8",
        "sop.yaml",
        lambda doc, _options: dump_yaml(doc).encode("utf-8"),
    ),
    "json": Format(
        "json",
        "JSON",
        "application/json; charset=utf-8",
        "sop.json",
        lambda doc, _options: dump_json(doc).encode("utf-8"),
    ),
}


@require_GET
def version_export(request: HttpRequest, sop_id: int, number: int, fmt: str) -> HttpResponse:
    """The version as an SOP file (same visibility as the version page)."""
    version = _visible(request, sop_id, number)
    export = EXPORTS.get(fmt)
    if export is None:
        raise Http404
    data = export.render(version.document_model(), None)  # type: ignore[arg-type]
    response = HttpResponse(data, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download_filename(version, export)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

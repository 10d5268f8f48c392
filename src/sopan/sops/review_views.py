"""The review and approval screen of a version: the document with comments pinned to its
fields and steps, the actions the person may take now, pilot feedback, the approval chain.

Every POST goes to one lifecycle service (:mod:`sopan.sops.lifecycle`), which checks rights
and states; a refusal is shown on the page in Indonesian (403 for a right, 400 for a state or
an input), never as an error page. Only people who cannot see the version at all get a 404.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from sopan.organisations.selectors import user_has_role
from sopan.sops.choices import VersionStatus
from sopan.sops.history_views import FIELD_LABELS, display_names, show
from sopan.sops.lifecycle import (
    COMMENTING_ROLES,
    Action,
    allowed_actions,
    approvals_for,
    comment_add,
    comment_resolve,
    pilot_feedback_add,
    pilot_summary,
    version_transition,
)
from sopan.sops.lifecycle_models import Comment, FeedbackKind, PilotRun
from sopan.sops.models import SopVersion
from sopan.sops.review_forms import ACTION_FORMS, CommentForm, FeedbackForm, NoteForm
from sopan.sops.selectors import versions_visible_to
from sopan.sops.services import DRAFTING_ROLES

# The fields of the document a reviewer can comment on, in the order of the page.
COMMENT_FIELDS = (
    "nama",
    "nomor",
    "tujuan",
    "ruang_lingkup",
    "dasar_hukum",
    "definisi",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan",
    "peringatan",
    "pencatatan",
    "pelaksana",
)
EXTRA_LABELS = {
    "ruang_lingkup": gettext_lazy("Ruang lingkup"),
    "pelaksana": gettext_lazy("Pelaksana"),
}
DONE = {
    "submit": gettext_lazy("Konsep dikirim untuk reviu."),
    "return": gettext_lazy("Konsep dikembalikan kepada penyusun untuk diperbaiki."),
    "start_pilot": gettext_lazy("Uji coba dimulai."),
    "end_pilot": gettext_lazy("Uji coba diakhiri; versi kembali dalam reviu."),
    "approve": gettext_lazy("Persetujuan Anda tercatat."),
    "publish": gettext_lazy("SOP diterbitkan."),
    "retire": gettext_lazy("SOP dicabut."),
}


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = dataclasses.field(default_factory=list)


@dataclass
class Target:
    """A field or a step of the document with the comments pinned to it."""

    anchor: str
    label: str
    value: str
    step_id: str = ""
    field: str = ""
    step: Any = None
    actors: str = ""
    kelengkapan: str = ""
    threads: list[Thread] = dataclasses.field(default_factory=list)


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


def _review_url(version: SopVersion, anchor: str = "") -> str:
    url = reverse("sops:review", kwargs={"sop_id": version.sop_id, "number": version.number})
    return f"{url}#{anchor}" if anchor else url


def _threads(version: SopVersion) -> dict[tuple[str, str], list[Thread]]:
    comments = Comment.objects.filter(version=version).select_related("author", "resolved_by")
    threads: dict[int, Thread] = {}
    pinned: dict[tuple[str, str], list[Thread]] = {}
    rows = list(comments.order_by("created_at", "id"))
    names = display_names([c.author for c in rows] + [c.resolved_by for c in rows])
    for comment in rows:
        comment.author_name = names.get(comment.author_id or 0, "")  # type: ignore[attr-defined]
        comment.resolver_name = names.get(comment.resolved_by_id or 0, "")  # type: ignore[attr-defined]
        if comment.parent_id is None:
            threads[comment.pk] = Thread(comment)
            pinned.setdefault((comment.step_id, comment.field), []).append(threads[comment.pk])
        elif comment.parent_id in threads:
            threads[comment.parent_id].replies.append(comment)
    return pinned


def _targets(version: SopVersion) -> tuple[Target, list[Target], list[Target]]:
    document = version.document_model()
    data = document.model_dump(mode="json")
    pinned = _threads(version)
    whole = Target("umum", _("SOP secara keseluruhan"), "", threads=pinned.pop(("", ""), []))
    fields = []
    for name in COMMENT_FIELDS:
        label = str(FIELD_LABELS.get(name) or EXTRA_LABELS.get(name, name))
        value = data.get(name)
        if name == "pelaksana":
            value = [actor.get("nama") or actor.get("id") for actor in value or []]
        threads = [
            t for (s, f), ts in pinned.items() if not s and f.split(".")[0] == name for t in ts
        ]
        fields.append(Target(f"bidang-{name}", label, show(value), field=name, threads=threads))
    names = {actor.id: actor.nama or actor.id for actor in document.pelaksana}
    steps = []
    for step in document.langkah:
        steps.append(
            Target(
                f"langkah-{step.step_id}",
                str(step.no if step.no is not None else step.step_id),
                step.kegiatan or "",
                step_id=step.step_id,
                step=step,
                actors=", ".join(names.get(a, a) for a in step.pelaksana),
                kelengkapan="" if not step.kelengkapan else show(step.kelengkapan),
                threads=[t for (s, _f), ts in pinned.items() if s == step.step_id for t in ts],
            )
        )
    return whole, fields, steps


def _action_forms(
    version: SopVersion, allowed: list[str], failed: str = "", bound: NoteForm | None = None
) -> list[dict[str, Any]]:
    items = []
    for action in allowed:
        form_class = ACTION_FORMS[action]
        if action == failed and bound is not None:
            form = bound
        else:
            initial = {"document_hash": version.document_hash} if action == "approve" else {}
            form = form_class(version=version, initial=initial, auto_id=f"{action}-%s")
        items.append({"name": action, "label": Action(action).label, "form": form})
    return items


def _page(
    request: HttpRequest,
    version: SopVersion,
    *,
    errors: list[str] | None = None,
    failed: str = "",
    bound: NoteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    unit = version.sop.unit
    allowed = allowed_actions(user, version)
    whole, fields, steps = _targets(version)
    is_draft = version.status in VersionStatus.DRAFTS
    pilot = PilotRun.objects.filter(version=version).prefetch_related("units").first()
    context = {
        "version": version,
        "doc": version.document_model(),
        "errors": errors or [],
        "failed": failed,
        "actions": _action_forms(version, allowed, failed, bound),
        "whole": whole,
        "fields": fields,
        "steps": steps,
        "may_comment": is_draft
        and (
            user_has_role(user, COMMENTING_ROLES, unit)
            or bool({"approve", "return"} & set(allowed))
        ),
        "may_resolve_all": user_has_role(user, DRAFTING_ROLES, unit),
        "chain": approvals_for(version),
        "pilot": pilot,
        "pilot_open": version.status == VersionStatus.UJI_COBA
        and pilot is not None
        and pilot.ended_at is None,
        "summary": pilot_summary(version) if pilot is not None else [],
        "feedback_kinds": FeedbackKind.choices,
    }
    return render(request, "sops/review/review.html", context, status=status)


@login_required
@require_GET
def review(request: HttpRequest, sop_id: int, number: int) -> HttpResponse:
    return _page(request, _visible(request, sop_id, number))


def _refused(
    request: HttpRequest, version: SopVersion, error: Exception, **kwargs: Any
) -> HttpResponse:
    if isinstance(error, PermissionDenied):
        text = str(error) or _("Anda tidak berwenang melakukan tindakan ini.")
        return _page(request, version, errors=[text], status=403, **kwargs)
    assert isinstance(error, ValidationError)
    return _page(request, version, errors=list(error.messages), status=400, **kwargs)


def _form_errors(form: Any) -> list[str]:
    return [str(message) for messages_ in form.errors.values() for message in messages_]


@login_required
@require_POST
def act(request: HttpRequest, sop_id: int, number: int, action: str) -> HttpResponse:
    version = _visible(request, sop_id, number)
    if action not in ACTION_FORMS:
        raise Http404
    form = ACTION_FORMS[action](request.POST, version=version, auto_id=f"{action}-%s")
    if not form.is_valid():
        return _page(
            request, version, errors=_form_errors(form), failed=action, bound=form, status=400
        )
    try:
        version_transition(
            version=version,
            action=action,
            by=request.user,
            note=form.cleaned_data.get("note", ""),
            **form.params(),
        )
    except (PermissionDenied, ValidationError) as error:
        return _refused(request, version, error, failed=action, bound=form)
    messages.success(request, DONE[action])
    return redirect(_review_url(version))


@login_required
@require_POST
def comment(request: HttpRequest, sop_id: int, number: int) -> HttpResponse:
    version = _visible(request, sop_id, number)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _page(request, version, errors=_form_errors(form), status=400)
    data = form.cleaned_data
    parent = None
    if data.get("parent"):
        parent = Comment.objects.filter(pk=data["parent"], version=version).first()
        if parent is None:
            raise Http404
    try:
        added = comment_add(
            version=version,
            by=request.user,
            text=data["text"],
            step_id=data.get("step_id") or None,
            field=data.get("field") or None,
            parent=parent,
        )
    except (PermissionDenied, ValidationError) as error:
        return _refused(request, version, error)
    messages.success(request, _("Komentar tersimpan."))
    return redirect(_review_url(version, f"komentar-{added.parent_id or added.pk}"))


@login_required
@require_POST
def resolve(request: HttpRequest, sop_id: int, number: int, comment_id: int) -> HttpResponse:
    version = _visible(request, sop_id, number)
    target = Comment.objects.filter(pk=comment_id, version=version).first()
    if target is None:
        raise Http404
    try:
        comment_resolve(comment=target, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        return _refused(request, version, error)
    messages.success(request, _("Komentar ditandai selesai."))
    return redirect(_review_url(version, f"komentar-{target.pk}"))


@login_required
@require_POST
def feedback(request: HttpRequest, sop_id: int, number: int) -> HttpResponse:
    version = _visible(request, sop_id, number)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _page(request, version, errors=_form_errors(form), status=400)
    data = form.cleaned_data
    try:
        pilot_feedback_add(
            version=version,
            by=request.user,
            step_id=data.get("step_id") or "",
            kind=data["kind"],
            text=data.get("text") or "",
        )
    except (PermissionDenied, ValidationError) as error:
        return _refused(request, version, error)
    messages.success(request, _("Terima kasih, masukan uji coba tersimpan."))
    anchor = f"langkah-{data['step_id']}" if data.get("step_id") else "umum"
    return redirect(_review_url(version, anchor))

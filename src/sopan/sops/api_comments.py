"""Review comments of a version in the API (``/versions/{id}/comments``, ``/comments/{id}``).

Part of the sops app's router (:data:`sopan.sops.api.router`). Comments are internal to the
unit: reading them needs a role on the SOP's unit (or above), as seeing its drafts does.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from sopan.config.api_errors import COMMON_ERRORS, ApiError, ErrorOut
from sopan.organisations.api import READ_AUTH, WRITE_AUTH
from sopan.organisations.models import Person
from sopan.organisations.selectors import user_has_role
from sopan.sops import lifecycle
from sopan.sops.api_schemas import CommentIn, CommentOut
from sopan.sops.api_support import OPTIONAL_AUTH, AnyUser, caller, version_or_404
from sopan.sops.lifecycle_models import Comment
from sopan.sops.models import SopVersion
from sopan.sops.selectors import ALL_ROLES, versions_visible_to

router = Router(tags=["komentar"])


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
    user = caller(request)
    version = version_or_404(user, version_id)
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
    user = caller(request)
    version = version_or_404(user, version_id)
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
    user = caller(request)
    comment = (
        Comment.objects.filter(pk=comment_id, version__in=versions_visible_to(user))
        .select_related("version__sop__unit")
        .first()
    )
    if comment is None:
        raise Http404
    return _comments([lifecycle.comment_resolve(comment=comment, by=user)])[0]

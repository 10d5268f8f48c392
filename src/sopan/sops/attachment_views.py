"""Upload, download and removal of a version's attachments (see :mod:`sopan.sops.attachments`).

Upload and removal answer HTMX with the attachment list fragment and a browser with a
redirect back to the editor (the same view, full page or fragment).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sopan.sops.attachments import Attachment, attachment_add, attachment_delete
from sopan.sops.editor_views import _editable, _is_htmx, _visible
from sopan.sops.models import SopVersion


def _answer(
    request: HttpRequest, version: SopVersion, error: str | None, status: int = 200
) -> HttpResponse:
    if _is_htmx(request):
        context = {
            "version": version,
            "attachments": list(version.attachments.all()),
            "attachment_error": error,
            "editable": True,
        }
        return render(request, "sops/editor/_attachments.html", context, status=status)
    if error:
        messages.error(request, error)
    return redirect("sops:editor", sop_id=version.sop_id, number=version.number)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, sop_id: int, number: int) -> HttpResponse:
    found = _editable(request, sop_id, number)
    if isinstance(found, HttpResponse):
        return found
    upload = request.FILES.get("berkas")
    if upload is None:
        return _answer(request, found, _("Pilih berkas yang akan diunggah."), status=422)
    try:
        attachment_add(version=found, upload=upload, by=request.user)
    except ValidationError as error:
        return _answer(request, found, " ".join(error.messages), status=422)
    if not _is_htmx(request):
        messages.success(request, _("Lampiran diunggah."))
    return _answer(request, found, None)


@login_required
@require_POST
def attachment_remove(request: HttpRequest, sop_id: int, number: int, pk: int) -> HttpResponse:
    found = _editable(request, sop_id, number)
    if isinstance(found, HttpResponse):
        return found
    attachment = get_object_or_404(Attachment, pk=pk, version=found)
    try:
        attachment_delete(attachment=attachment, by=request.user)
    except ValidationError as error:
        return _answer(request, found, " ".join(error.messages), status=422)
    return _answer(request, found, None)


@require_GET
def attachment_download(request: HttpRequest, sop_id: int, number: int, pk: int) -> FileResponse:
    """The stored bytes as a download, for whoever may see the version; never inline."""
    version = _visible(request, sop_id, number)
    attachment = get_object_or_404(Attachment, pk=pk, version=version)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response

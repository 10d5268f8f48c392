"""SOP pages: the version page (the HTML rendering with status, findings and downloads beside
it) and the download of a version in each output format."""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sopan.render.formats import FORMATS
from sopan.render.html import render_html
from sopan.sops.downloads import (
    download_filename,
    render_options_for,
    rendered_file_get_or_create,
)
from sopan.sops.models import SopVersion
from sopan.sops.presenters import version_page_context
from sopan.sops.selectors import versions_visible_to

logger = logging.getLogger(__name__)


def _visible_version(request: HttpRequest, sop_id: int, number: int) -> SopVersion:
    version = (
        versions_visible_to(request.user)
        .select_related("sop__unit", "sop__instansi")
        .filter(sop_id=sop_id, number=number)
        .first()
    )
    if version is None:
        raise Http404
    return version


def version_detail(request: HttpRequest, sop_id: int, number: int) -> HttpResponse:
    version = _visible_version(request, sop_id, number)
    context = version_page_context(version, request)
    options = render_options_for(version, lang=get_language())
    context["sop_html"] = render_html(context["doc"], options, embed_css=False)
    context["downloads"] = _downloads(version)
    return render(request, "sops/version_detail.html", context)


def _downloads(version: SopVersion) -> list[dict[str, Any]]:
    return [
        {
            "name": fmt.name,
            "label": fmt.label,
            "url": reverse(
                "sops:download",
                kwargs={"sop_id": version.sop_id, "number": version.number, "fmt": fmt.name},
            ),
        }
        for fmt in FORMATS.values()
    ]


def version_download(request: HttpRequest, sop_id: int, number: int, fmt: str) -> HttpResponse:
    version = _visible_version(request, sop_id, number)
    if fmt not in FORMATS:
        raise Http404
    output = FORMATS[fmt]
    options = render_options_for(
        version,
        paper=request.GET.get("paper", "a4"),
        orientation=request.GET.get("orientation", "landscape"),
        lang=get_language(),
    )
    try:
        _row, data = rendered_file_get_or_create(version=version, fmt=output, options=options)
    except Exception:
        logger.exception("render failed: version %s, format %s", version.pk, fmt)
        context = {
            "title": _("Dokumen tidak dapat dibuat"),
            "explanation": _(
                "Berkas %(format)s untuk SOP ini gagal dibuat. SOP dan versinya tidak berubah. "
                "Silakan coba format lain atau coba lagi nanti; bila berulang, hubungi admin "
                "sopan di instansi Anda."
            )
            % {"format": output.label},
        }
        return render(request, "web/error.html", context, status=500)
    response = HttpResponse(data, content_type=output.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download_filename(version, output)}"'
    response["X-Content-Type-Options"] = "nosniff"
    # Never run what a downloaded HTML/SVG file contains in our origin, even if opened inline.
    response["Content-Security-Policy"] = "sandbox"
    return response

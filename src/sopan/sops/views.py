"""SOP pages: the version page with its elements, steps and validation state."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sopan.sops.presenters import version_page_context
from sopan.sops.selectors import versions_visible_to


def sop_latest(request: HttpRequest, sop_id: int) -> HttpResponse:
    version = versions_visible_to(request.user).filter(sop_id=sop_id).order_by("-number").first()
    if version is None:
        raise Http404
    return redirect("sops:version", sop_id=sop_id, number=version.number)


def version_detail(request: HttpRequest, sop_id: int, number: int) -> HttpResponse:
    version = (
        versions_visible_to(request.user)
        .select_related("sop__unit", "sop__instansi")
        .filter(sop_id=sop_id, number=number)
        .first()
    )
    if version is None:
        raise Http404
    return render(request, "sops/version_detail.html", version_page_context(version, request))

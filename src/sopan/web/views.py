"""The home page: the SOPs this person may see (published ones for everybody)."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sopan.sops.choices import VersionStatus
from sopan.sops.selectors import sop_list_for


def home(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    status = request.GET.get("status", "")
    if status not in VersionStatus.values:
        status = ""
    versions = sop_list_for(request.user, q=q or None, status=status or None)
    page = Paginator(versions, settings.SOPAN_PAGE_SIZE).get_page(request.GET.get("hal"))
    return render(
        request,
        "web/home.html",
        {"page": page, "q": q, "status": status, "statuses": VersionStatus.choices},
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    from django.utils.translation import gettext as _

    context = {
        "title": _("Halaman tidak ditemukan"),
        "explanation": _("Alamat ini tidak ada, atau Anda tidak berhak melihatnya."),
    }
    return render(request, "web/error.html", context, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    from django.utils.translation import gettext as _

    context = {
        "title": _("Terjadi kesalahan pada sistem"),
        "explanation": _(
            "Permintaan Anda tidak dapat diselesaikan. Tidak ada data yang berubah. "
            "Silakan coba lagi; bila berulang, hubungi admin sopan di instansi Anda."
        ),
    }
    return render(request, "web/error.html", context, status=500)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    from django.utils.translation import gettext as _

    context = {
        "title": _("Akses ditolak"),
        "explanation": _("Anda tidak berhak membuka halaman ini dengan peran Anda sekarang."),
    }
    return render(request, "web/error.html", context, status=403)

"""The home page is the public portal (the SOPs in force, with search); error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sopan.sops.portal_views import portal


def home(request: HttpRequest) -> HttpResponse:
    return portal(request)


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

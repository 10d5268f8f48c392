"""The public verification page behind the QR code printed on approved documents.

``/v/<token>/`` answers in one large word whether the document is BERLAKU, DIGANTIKAN (with a
link to the version in force), DICABUT or KONSEP (any status before approval), then the facts
to compare with the paper: nomor, nama, unit, who approved it, effective date and the SHA-256
of the document. No login; the token (``SopVersion.token``) is random and never reused.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sopan.render.labels import format_date
from sopan.sops.choices import VersionStatus
from sopan.sops.models import SopVersion

# status → (word, css class, what it means)
_STATES: dict[str, tuple[Promise, str, Promise]] = {
    VersionStatus.BERLAKU: (
        _("BERLAKU"),
        "berlaku",
        _("Dokumen ini sah dan sedang berlaku."),
    ),
    VersionStatus.DIGANTIKAN: (
        _("DIGANTIKAN"),
        "digantikan",
        _("Dokumen ini pernah berlaku tetapi sudah diganti versi yang lebih baru."),
    ),
    VersionStatus.DICABUT: (
        _("DICABUT"),
        "dicabut",
        _("Dokumen ini sudah dicabut dan tidak berlaku lagi."),
    ),
}
_DRAFT = (
    _("KONSEP"),
    "konsep",
    _("Dokumen ini belum disahkan dan tidak boleh dipakai sebagai pedoman resmi."),
)


def status_word(status: str) -> Promise:
    """BERLAKU, DIGANTIKAN, DICABUT or KONSEP for a version status."""
    return _STATES.get(status, _DRAFT)[0]


def verify(request: HttpRequest, token: str) -> HttpResponse:
    version = (
        SopVersion.objects.select_related("sop__unit", "sop__instansi").filter(token=token).first()
    )
    if version is None:
        return render(request, "sops/verification_unknown.html", status=404)
    word, css, meaning = _STATES.get(version.status, _DRAFT)
    doc = version.document_model()
    lang = getattr(request, "LANGUAGE_CODE", "id")
    context = {
        "version": version,
        "doc": doc,
        "word": word,
        "css": css,
        "meaning": meaning,
        "unit": version.sop.unit.nama,
        "instansi": version.sop.instansi.nama,
        "effective": format_date(doc.tanggal.efektif, lang),
        "current_url": _current_url(version),
    }
    return render(request, "sops/verification.html", context)


def _current_url(version: SopVersion) -> str | None:
    """Where the version in force of the same SOP can be seen (only for a superseded one)."""
    if version.status != VersionStatus.DIGANTIKAN:
        return None
    current = (
        SopVersion.objects.filter(sop_id=version.sop_id, status=VersionStatus.BERLAKU)
        .order_by("-number")
        .first()
    )
    if current is None:
        return None
    if version.sop.is_public:
        return reverse("sops:version", kwargs={"sop_id": current.sop_id, "number": current.number})
    return reverse("verify", kwargs={"token": current.token})

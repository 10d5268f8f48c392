"""What the SOP API's endpoints share: who is calling, what they may see, loading a document
sent in a request, and the models as the out schemas (:mod:`sopan.sops.api_schemas`) show them.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sopan.config.api_errors import ApiError
from sopan.document import SopDocument, load_document
from sopan.i18n import normalise_language
from sopan.organisations.models import Unit
from sopan.sops import lifecycle
from sopan.sops.models import Sop, SopVersion
from sopan.sops.quality import check_version
from sopan.sops.selectors import sops_visible_to, versions_visible_to

AnyUser = User | AnonymousUser
# Reads answer anonymous visitors too: in OpenAPI, an empty requirement makes auth optional.
OPTIONAL_AUTH: dict[str, Any] = {"security": [{}]}


def caller(request: HttpRequest) -> AnyUser:
    user: AnyUser = request.auth  # type: ignore[attr-defined]
    return user


def request_language() -> str:
    return normalise_language(get_language())


# ---- finding what the caller may see ------------------------------------------------------


def sop_or_404(user: AnyUser, sop_id: int) -> Sop:
    sop = sops_visible_to(user).select_related("unit", "instansi").filter(pk=sop_id).first()
    if sop is None:
        raise Http404
    return sop


def version_or_404(user: AnyUser, version_id: int) -> SopVersion:
    version = (
        versions_visible_to(user)
        .select_related("sop__unit", "sop__instansi")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        raise Http404
    return version


def units_named(value: int | str, instansi_ids: set[int] | None) -> list[Unit]:
    """Units by id, or by kode within the given instansi (None: any instansi)."""
    units = Unit.objects.all()
    if instansi_ids is not None:
        units = units.filter(instansi_id__in=instansi_ids)
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return list(units.filter(pk=int(value)))
    return list(units.filter(kode=value))


def unit_for(value: int | str, instansi_ids: set[int]) -> Unit:
    found = units_named(value, instansi_ids)
    if len(found) != 1:
        message = (
            _("Unit {unit} tidak ditemukan di instansi Anda.")
            if not found
            else _("Kode unit {unit} dipakai di beberapa instansi; sebutkan id unitnya.")
        )
        raise ApiError(422, "unknown_unit", message.format(unit=value))
    return found[0]


# ---- loading documents ----------------------------------------------------------------------


def load_request_document(document: dict[str, Any] | str) -> SopDocument:
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


def version_summary(version: SopVersion) -> dict[str, Any]:
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


def sop_ref(sop: Sop) -> dict[str, Any]:
    return {
        "id": sop.pk,
        "kode": sop.kode,
        "unit": {"id": sop.unit.pk, "kode": sop.unit.kode, "nama": sop.unit.nama},
        "instansi": {"kode": sop.instansi.kode, "nama": sop.instansi.nama},
        "is_public": sop.is_public,
    }


def sop_out(sop: Sop, latest: SopVersion | None) -> dict[str, Any]:
    return {
        **sop_ref(sop),
        "latest_version": version_summary(latest) if latest is not None else None,
    }


def version_out(version: SopVersion, user: AnyUser) -> dict[str, Any]:
    lang = request_language()
    findings = check_version(version, lang=lang)
    return {
        **version_summary(version),
        "sop": sop_ref(version.sop),
        "lock_version": version.lock_version,
        "etag": etag(version),
        "document": version.document,
        "findings": [f.to_dict(lang) for f in findings],
        "allowed_actions": (
            lifecycle.allowed_actions(user, version) if user.is_authenticated else []
        ),
    }


def set_etag(response: HttpResponse, version: SopVersion) -> None:
    response["ETag"] = etag(version)

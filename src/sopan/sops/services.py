"""Writes of SOPs and their versions: one business operation per function, each audited.

Every write of a document goes through :func:`_store_document`, which sets the hash and the
derived columns and rewrites the derived rows (actors, steps, legal-basis lines matched to
the register), so they can never drift from the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sopan.audit.services import audit_record
from sopan.document import SopDocument, document_hash
from sopan.organisations.choices import Role
from sopan.organisations.models import Unit
from sopan.organisations.selectors import user_has_role
from sopan.regulations.selectors import matches_for_lines
from sopan.sops.choices import VersionStatus
from sopan.sops.models import (
    Sop,
    SopVersion,
    VersionActor,
    VersionCitation,
    VersionStep,
    VersionTransition,
)
from sopan.sops.search import search_index_write

AnyUser = User | AnonymousUser

# Who may create and edit drafts of a unit's SOPs (on the unit or above it).
DRAFTING_ROLES = (Role.ADMIN, Role.KOORDINATOR, Role.PENYUSUN)


@transaction.atomic
def sop_create(
    *,
    unit: Unit,
    document: SopDocument,
    by: AnyUser | None,
    status: str = VersionStatus.KONSEP,
) -> SopVersion:
    """Create an SOP owned by ``unit`` with ``document`` as its version 1."""
    _check_may_draft(by, unit)
    sop = Sop(
        instansi_id=unit.instansi_id,
        unit=unit,
        kode=_free_kode(unit.instansi_id, document),
        created_by=_user_or_none(by),
    )
    sop.save()
    version = _version_create(sop=sop, number=1, document=document, by=by, status=status)
    audit_record(actor=by, action="sop.create", obj=version, after=version_snapshot(version))
    return version


@transaction.atomic
def sop_version_create(
    *, sop: Sop, document: SopDocument, by: AnyUser | None, note: str = ""
) -> SopVersion:
    """Start the next version (a draft) of ``sop`` with ``document``."""
    _check_may_draft(by, sop.unit)
    Sop.objects.select_for_update().filter(pk=sop.pk).first()  # serialise number allocation
    latest = sop.versions.aggregate(latest=Max("number"))["latest"] or 0
    version = _version_create(
        sop=sop, number=latest + 1, document=document, by=by, status=VersionStatus.KONSEP
    )
    audit_record(
        actor=by,
        action="sop.version_create",
        obj=version,
        after=version_snapshot(version),
        note=note,
    )
    return version


@transaction.atomic
def version_update_document(
    *,
    version: SopVersion,
    document: SopDocument,
    by: AnyUser | None,
    expected_lock_version: int | None = None,
) -> SopVersion:
    """Replace the document of a draft.

    ``expected_lock_version`` is the ``lock_version`` the editor started from; if someone
    saved in between, the edit is refused (never silently overwritten).
    """
    current = SopVersion.objects.select_for_update().select_related("sop__unit").get(pk=version.pk)
    _check_may_draft(by, current.sop.unit)
    if current.status not in VersionStatus.EDITABLE:
        raise ValidationError(
            _(
                "Versi berstatus {status} tidak dapat diubah; hanya konsep yang dapat diubah."
            ).format(status=current.get_status_display()),
            code="not_editable",
        )
    if expected_lock_version is not None and expected_lock_version != current.lock_version:
        raise ValidationError(
            _(
                "Konsep ini sudah diubah orang lain sejak Anda membukanya (terakhir oleh "
                "{who} pada {when}). Muat ulang halaman untuk melihat perubahan itu, lalu "
                "ulangi perubahan Anda."
            ).format(
                who=current.updated_by or _("sistem"),
                when=timezone.localtime(current.updated_at).strftime("%d-%m-%Y %H:%M"),
            ),
            code="stale",
        )
    before = version_snapshot(current)
    current.lock_version += 1
    current.updated_by = _user_or_none(by)
    current.updated_at = timezone.now()
    _store_document(current, document)
    audit_record(
        actor=by,
        action="sop.version_update",
        obj=current,
        before=before,
        after=version_snapshot(current),
    )
    _copy_state(current, into=version)
    return version


@transaction.atomic
def version_set_status(
    *, version: SopVersion, status: str, by: AnyUser | None, note: str = ""
) -> SopVersion:
    """Move ``version`` to ``status`` and record the change as a :class:`VersionTransition`.

    A minimal transition for the demo loader, the admin and tests; the checked lifecycle
    (who may move what where) comes later. It keeps one rule already: a SOP has at most one
    version in force, so a new *berlaku* version makes the previous one *digantikan*.
    """
    if status not in VersionStatus.values:
        raise ValidationError(_("Status tidak dikenal: {status}.").format(status=status))
    current = SopVersion.objects.select_for_update().get(pk=version.pk)
    if current.status == status:
        raise ValidationError(
            _("Versi ini sudah berstatus {status}.").format(status=current.get_status_display()),
            code="same_status",
        )
    if status in VersionStatus.IN_FORCE:
        for previous in SopVersion.objects.select_for_update().filter(
            sop_id=current.sop_id, status__in=VersionStatus.IN_FORCE
        ):
            note_superseded = _("Digantikan oleh versi {number}.").format(number=current.number)
            _transition(previous, VersionStatus.DIGANTIKAN, by, note_superseded)
    _transition(current, status, by, note)
    _copy_state(current, into=version)
    return version


@transaction.atomic
def sops_import(
    *, items: Sequence[tuple[Unit, SopDocument, str]], by: AnyUser | None
) -> list[SopVersion]:
    """Import several documents, all or nothing; ``str`` is the source file name.

    A document whose unit already has an SOP with the same ``nomor`` (or, when the document
    has no nomor, the same ``nama``, ignoring case) becomes the next version (a draft) of
    that SOP instead of a duplicate; this holds within one import too. Any refusal (no
    right on a unit, a field too long) raises and nothing of the import is written.
    """
    imported: list[SopVersion] = []
    for index, (unit, document, filename) in enumerate(items, start=1):
        try:
            imported.append(_import_one(unit, document, filename, by))
        except ValidationError as error:
            raise ValidationError(
                _("{filename} (dokumen ke-{index}): {problem}").format(
                    filename=filename, index=index, problem="; ".join(error.messages)
                ),
                code="import_failed",
            ) from error
    return imported


def sop_export(version: SopVersion) -> SopDocument:
    """The document of ``version`` as the core's value (ready for dump_yaml/dump_json)."""
    return version.document_model()


def version_snapshot(version: SopVersion) -> dict[str, Any]:
    """What an audit event records about a version (the document itself only by hash)."""
    return {
        "sop": version.sop_id,
        "number": version.number,
        "status": version.status,
        "nama": version.nama,
        "nomor": version.nomor,
        "document_hash": version.document_hash,
        "lock_version": version.lock_version,
    }


def _import_one(unit: Unit, document: SopDocument, filename: str, by: AnyUser | None) -> SopVersion:
    note = _("Impor dari {filename}").format(filename=filename)
    existing = _existing_sop(unit, document)
    if existing is None:
        version = sop_create(unit=unit, document=document, by=by)
    else:
        version = sop_version_create(sop=existing, document=document, by=by, note=note)
    audit_record(
        actor=by, action="sop.import", obj=version, after=version_snapshot(version), note=note
    )
    return version


def _existing_sop(unit: Unit, document: SopDocument) -> Sop | None:
    same = Q(nomor=document.nomor) if document.nomor else Q(nama__iexact=document.nama)
    match = (
        SopVersion.objects.filter(same, sop__unit=unit)
        .select_related("sop__unit")
        .order_by("sop_id")
        .first()
    )
    return match.sop if match is not None else None


def _version_create(
    *, sop: Sop, number: int, document: SopDocument, by: AnyUser | None, status: str
) -> SopVersion:
    if status not in VersionStatus.values:
        raise ValidationError(_("Status tidak dikenal: {status}.").format(status=status))
    user = _user_or_none(by)
    version = SopVersion(sop=sop, number=number, status=status, created_by=user, updated_by=user)
    _store_document(version, document)
    VersionTransition.objects.create(
        version=version, from_status="", to_status=status, actor=user, note=_("Versi dibuat.")
    )
    return version


def _store_document(version: SopVersion, document: SopDocument) -> None:
    """Save ``document`` into ``version`` with its hash, derived columns and derived rows."""
    version.document = document.model_dump(mode="json")
    version.document_hash = document_hash(document)
    version.nama = document.nama
    version.nomor = document.nomor or ""
    version.jenis = document.jenis or ""
    version.full_clean(exclude=["sop", "created_by", "updated_by"], validate_unique=False)
    version.save()
    _write_derived_rows(version, document)
    search_index_write(version, document)


def _write_derived_rows(version: SopVersion, document: SopDocument) -> None:
    for model in (VersionActor, VersionStep, VersionCitation):
        model.objects.filter(version=version).delete()
    VersionActor.objects.bulk_create(
        VersionActor(
            version=version, actor_id=actor.id, nama=actor.nama or "", jenis=actor.jenis, order=i
        )
        for i, actor in enumerate(document.pelaksana)
    )
    VersionStep.objects.bulk_create(
        VersionStep(
            version=version,
            step_id=step.step_id,
            no="" if step.no is None else str(step.no),
            kegiatan=step.kegiatan or "",
            simbol=step.simbol,
            order=i,
        )
        for i, step in enumerate(document.langkah)
    )
    lines = list(document.dasar_hukum)
    regulations = matches_for_lines(lines, version.sop.instansi_id)
    VersionCitation.objects.bulk_create(
        VersionCitation(version=version, text=line, order=i, regulation=regulation)
        for i, (line, regulation) in enumerate(zip(lines, regulations, strict=True))
    )


def _transition(version: SopVersion, status: str, by: AnyUser | None, note: str) -> None:
    before = version_snapshot(version)
    VersionTransition.objects.create(
        version=version,
        from_status=version.status,
        to_status=status,
        actor=_user_or_none(by),
        note=note,
    )
    version.status = status
    version.updated_at = timezone.now()
    version.updated_by = _user_or_none(by)
    version.save(update_fields=["status", "updated_at", "updated_by"])
    audit_record(
        actor=by,
        action="sop.version_status",
        obj=version,
        before=before,
        after=version_snapshot(version),
        note=note,
    )


def _copy_state(source: SopVersion, *, into: SopVersion) -> None:
    if into is source:
        return
    for field in SopVersion._meta.concrete_fields:
        setattr(into, field.attname, getattr(source, field.attname))


def _check_may_draft(by: AnyUser | None, unit: Unit) -> None:
    # ``by=None`` is the system itself (CLI, demo loader), which acts for every unit.
    if by is not None and not user_has_role(by, DRAFTING_ROLES, unit):
        raise ValidationError(
            _("Anda tidak berwenang menyusun SOP untuk unit {unit}.").format(unit=unit.nama),
            code="forbidden",
        )


def _user_or_none(by: AnyUser | None) -> Any:
    return by if by is not None and by.is_authenticated else None


def _free_kode(instansi_id: int, document: SopDocument) -> str:
    nomor = re.sub(r"[/.\\]", "-", document.nomor or "")  # "SOP-025/17000/2025" keeps its parts
    base = (slugify(nomor) or slugify(document.nama) or "sop")[:100]
    taken = set(
        Sop.objects.filter(instansi_id=instansi_id, kode__startswith=base).values_list(
            "kode", flat=True
        )
    )
    kode, n = base, 1
    while kode in taken:
        n += 1
        kode = f"{base}-{n}"
    return kode


@transaction.atomic
def sop_set_public(*, sop: Sop, is_public: bool, by: AnyUser | None) -> Sop:
    """Show (or hide) the approved versions of ``sop`` on the public portal."""
    before = {"is_public": Sop.objects.values_list("is_public", flat=True).get(pk=sop.pk)}
    sop.is_public = is_public
    sop.save(update_fields=["is_public"])
    audit_record(
        actor=by, action="sop.set_public", obj=sop, before=before, after={"is_public": is_public}
    )
    return sop

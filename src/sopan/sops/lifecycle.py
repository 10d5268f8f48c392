"""The lifecycle of an SOP version: review, pilot, approval, numbering, publication.

States and actions (``VersionStatus`` / :class:`Action`)::

    konsep ──submit──▶ dalam_reviu ──approve (not last step)──▶ menunggu_pengesahan
      ▲                  │  ▲  │                                   │ approve … last step:
      │                  │  │  └─start_pilot─▶ uji_coba            │ disahkan (approved_at,
      └──────return──────┘  └──────end_pilot────┘                  │ nomor, Disahkan oleh)
      ▲                                                            │
      └──────return (before the last approval)─────────────────────┤
                                                                   ▼ publish(efektif)
                          efektif = today: berlaku   ·   efektif later: stays
                          menunggu_pengesahan with Publication.efektif until the daily job
    berlaku ──(next version takes effect)──▶ digantikan      berlaku ──retire──▶ dicabut

A fully approved version waiting for its date keeps the status *menunggu pengesahan*; its
:class:`~sopan.sops.lifecycle_models.Publication` row says it is approved (``approved_at``)
and when it takes effect (``efektif``).

Every change writes a :class:`~sopan.sops.models.VersionTransition` (also an approval of a
middle step, from and to the same status) and an audit event ``sop.<action>``. A refusal
raises before anything is written: :class:`PermissionDenied` when the user may not act,
:class:`ValidationError` (with a ``code``) when the state or the input is wrong; both carry
an Indonesian message.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sopan.audit.services import audit_record
from sopan.document import SopDocument
from sopan.document.model import DisahkanOleh, Riwayat
from sopan.organisations.choices import Role
from sopan.organisations.models import Membership, Unit
from sopan.organisations.selectors import current_position, person_for_user, user_has_role
from sopan.sops.choices import VersionStatus
from sopan.sops.lifecycle_chain import (
    ChainStep,
    acting_position,
    binds,
    chain_for,
    is_editor,
    may_approve_step,
    next_step,
    publication_of,
    valid_approvals,
)
from sopan.sops.lifecycle_models import (
    Approval,
    Comment,
    FeedbackKind,
    PilotFeedback,
    PilotRun,
    Publication,
)
from sopan.sops.models import Sop, SopVersion, VersionTransition
from sopan.sops.numbering_service import assign_number
from sopan.sops.services import (
    DRAFTING_ROLES,
    _copy_state,
    _store_document,
    sop_version_create,
    version_snapshot,
)

AnyUser = User | AnonymousUser

S = VersionStatus
REVIEW_ROLES = (Role.PEMERIKSA, Role.PENGESAH)
MANAGING_ROLES = (Role.ADMIN, Role.KOORDINATOR)
PUBLISHING_ROLES = (Role.ADMIN, Role.KOORDINATOR, Role.PENGESAH)
COMMENTING_ROLES = (*DRAFTING_ROLES, *REVIEW_ROLES)


class Action(models.TextChoices):
    SUBMIT = "submit", _("Kirim untuk reviu")
    RETURN = "return", _("Kembalikan untuk perbaikan")
    START_PILOT = "start_pilot", _("Mulai uji coba")
    END_PILOT = "end_pilot", _("Akhiri uji coba")
    APPROVE = "approve", _("Setujui")
    PUBLISH = "publish", _("Terbitkan")
    RETIRE = "retire", _("Cabut")


@dataclasses.dataclass(frozen=True)
class StepFeedbackSummary:
    """The pilot feedback on one step (``step_id`` empty: on the SOP as a whole)."""

    step_id: str
    no: str
    kegiatan: str
    counts: dict[str, int]
    texts: list[tuple[str, str]]  # (kind, text)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclasses.dataclass(frozen=True)
class ApprovalState:
    """One step of the chain of a version: who may approve, who did, and earlier tries."""

    urutan: int
    nama: str
    approver: str
    approval: Approval | None  # the approval that binds the current document
    invalidated: list[Approval]  # earlier approvals of this step, no longer valid
    is_next: bool

    @property
    def approved(self) -> bool:
        return self.approval is not None


# --- permissions and state checks (no writes) -------------------------------------------


def _deny(message: str) -> PermissionDenied:
    return PermissionDenied(message)


def _state_error(version: SopVersion, action: str) -> ValidationError:
    return ValidationError(
        _("Tindakan '{action}' tidak dapat dilakukan pada versi berstatus {status}.").format(
            action=Action(action).label, status=version.get_status_display()
        ),
        code="invalid_state",
    )


def _signed_in(by: AnyUser | None) -> User:
    if by is None or not by.is_authenticated or not by.is_active or isinstance(by, AnonymousUser):
        raise _deny(_("Silakan masuk terlebih dahulu."))
    return by


def _require_state(version: SopVersion, action: str, allowed: Iterable[str]) -> None:
    if version.status not in set(allowed):
        raise _state_error(version, action)


def _fully_approved(version: SopVersion) -> bool:
    publication = publication_of(version)
    return publication is not None and publication.approved_at is not None


def _may_review(by: AnyUser, version: SopVersion) -> bool:
    unit = version.sop.unit
    if user_has_role(by, REVIEW_ROLES, unit):
        return True
    step = next_step(version)
    return step is not None and may_approve_step(by, version, step)


def _check_not_editor(by: AnyUser, version: SopVersion, what: str) -> None:
    if is_editor(by, version):
        raise _deny(
            _("Anda ikut menyusun atau mengubah konsep ini, sehingga tidak boleh {what}.").format(
                what=what
            )
        )


def _authorize(action: str, by: AnyUser | None, version: SopVersion) -> None:
    """Raise when ``by`` may not do ``action`` on ``version`` now (input not looked at)."""
    if action not in Action.values:
        raise ValidationError(
            _("Tindakan tidak dikenal: {action}.").format(action=action), code="unknown_action"
        )
    user = _signed_in(by)
    _AUTHORIZE[action](user, version)


def _authorize_submit(by: AnyUser, version: SopVersion) -> None:
    _require_state(version, Action.SUBMIT, {S.KONSEP})
    if not user_has_role(by, DRAFTING_ROLES, version.sop.unit):
        raise _deny(_("Hanya penyusun unit ini yang dapat mengirim konsep untuk reviu."))


def _authorize_return(by: AnyUser, version: SopVersion) -> None:
    _require_state(version, Action.RETURN, {S.DALAM_REVIU, S.MENUNGGU_PENGESAHAN})
    if _fully_approved(version):
        raise ValidationError(
            _("Versi ini sudah disahkan sehingga tidak dapat dikembalikan."),
            code="already_approved",
        )
    if not _may_review(by, version):
        raise _deny(_("Anda tidak berwenang memeriksa SOP unit ini."))
    _check_not_editor(by, version, _("memeriksanya"))


def _authorize_pilot(by: AnyUser, version: SopVersion, action: str) -> None:
    _require_state(
        version, action, {S.DALAM_REVIU} if action == Action.START_PILOT else {S.UJI_COBA}
    )
    unit = version.sop.unit
    if user_has_role(by, MANAGING_ROLES, unit):
        return
    if not _may_review(by, version):
        raise _deny(_("Anda tidak berwenang mengatur uji coba SOP unit ini."))
    _check_not_editor(by, version, _("memeriksanya"))


def _authorize_approve(by: AnyUser, version: SopVersion) -> None:
    _require_state(version, Action.APPROVE, {S.DALAM_REVIU, S.MENUNGGU_PENGESAHAN})
    step = next_step(version)
    if step is None:
        raise ValidationError(
            _("Semua tahap pengesahan versi ini sudah disetujui."), code="already_approved"
        )
    if not may_approve_step(by, version, step):
        raise _deny(
            _("Tahap ini ({step}) disetujui oleh {who}; Anda tidak berwenang.").format(
                step=step.nama, who=step.approver_label(version.sop.unit)
            )
        )
    _check_not_editor(by, version, _("menyetujuinya"))
    if any(approval.user_id == by.pk for approval in valid_approvals(version)):
        raise _deny(_("Anda sudah menyetujui tahap sebelumnya; tahap ini oleh orang lain."))


def _authorize_publish(by: AnyUser, version: SopVersion) -> None:
    _require_state(version, Action.PUBLISH, {S.MENUNGGU_PENGESAHAN})
    publication = publication_of(version)
    if publication is None or publication.approved_at is None:
        raise ValidationError(
            _("Versi ini belum disetujui oleh semua tahap pengesahan."), code="not_approved"
        )
    if publication.published_at is not None:
        raise ValidationError(
            _("Versi ini sudah diterbitkan dan berlaku mulai {date}.").format(
                date=publication.efektif
            ),
            code="already_published",
        )
    if not user_has_role(by, PUBLISHING_ROLES, version.sop.unit) and not any(
        approval.user_id == by.pk for approval in valid_approvals(version)
    ):
        raise _deny(_("Anda tidak berwenang menerbitkan SOP unit ini."))


def _authorize_retire(by: AnyUser, version: SopVersion) -> None:
    _require_state(version, Action.RETIRE, {S.BERLAKU})
    if not user_has_role(by, PUBLISHING_ROLES, version.sop.unit):
        raise _deny(_("Anda tidak berwenang mencabut SOP unit ini."))


_AUTHORIZE: dict[str, Callable[[AnyUser, SopVersion], None]] = {
    Action.SUBMIT: _authorize_submit,
    Action.RETURN: _authorize_return,
    Action.START_PILOT: lambda by, v: _authorize_pilot(by, v, Action.START_PILOT),
    Action.END_PILOT: lambda by, v: _authorize_pilot(by, v, Action.END_PILOT),
    Action.APPROVE: _authorize_approve,
    Action.PUBLISH: _authorize_publish,
    Action.RETIRE: _authorize_retire,
}


def allowed_actions(user: AnyUser | None, version: SopVersion) -> list[str]:
    """The actions ``user`` may take on ``version`` now (for buttons and the API)."""
    allowed = []
    for action in Action.values:
        try:
            _authorize(action, user, version)
        except (PermissionDenied, ValidationError):
            continue
        allowed.append(action)
    return allowed


# --- the transition service ---------------------------------------------------------------


def version_transition(
    *, version: SopVersion, action: str, by: AnyUser | None, note: str = "", **params: Any
) -> SopVersion:
    """Do ``action`` on ``version`` as ``by``.

    ``params``: ``start_pilot`` takes ``units`` (list of Unit), ``mulai`` and ``selesai``
    (dates); ``publish`` takes ``efektif`` (a date, today or later). ``return`` and
    ``retire`` need ``note`` (the reason).
    """
    # Approvals that no longer bind the document are marked first, in their own
    # transaction: that repair stands even when the action itself is then refused.
    approvals_refresh(version=version)
    with transaction.atomic():
        current = (
            SopVersion.objects.select_for_update().select_related("sop__unit").get(pk=version.pk)
        )
        _authorize(action, by, current)
        note = (note or "").strip()
        _PERFORM[action](current, by, note, params)
    _copy_state(current, into=version)
    return version


def _move(version: SopVersion, to_status: str, by: AnyUser | None, action: str, note: str) -> None:
    """Record a transition (also from a status to the same one) and its audit event."""
    before = version_snapshot(version)
    VersionTransition.objects.create(
        version=version,
        from_status=version.status,
        to_status=to_status,
        actor=by if by is not None and by.is_authenticated else None,
        note=note,
    )
    if version.status != to_status:
        version.status = to_status
        version.save(update_fields=["status"])
    audit_record(
        actor=by,
        action=f"sop.{action}",
        obj=version,
        before=before,
        after=version_snapshot(version),
        note=note,
    )


def _perform_submit(version: SopVersion, by: AnyUser | None, note: str, params: Any) -> None:
    from sopan.sops.quality import blocking_findings

    findings = blocking_findings(version)
    if findings:
        listed = "; ".join(f"{f.code}: {f.message('id')}" for f in findings[:3])
        raise ValidationError(
            _(
                "Konsep belum dapat dikirim: {count} kesalahan harus diperbaiki dahulu ({list})."
            ).format(count=len(findings), list=listed),
            code="blocking_findings",
        )
    to = S.MENUNGGU_PENGESAHAN if valid_approvals(version) else S.DALAM_REVIU
    _move(version, to, by, Action.SUBMIT, note or _("Dikirim untuk reviu."))


def _require_reason(note: str, what: str) -> None:
    if not note:
        raise ValidationError(
            _("Alasan {what} wajib diisi.").format(what=what), code="reason_required"
        )


def _perform_return(version: SopVersion, by: AnyUser | None, note: str, params: Any) -> None:
    _require_reason(note, _("pengembalian"))
    _move(version, S.KONSEP, by, Action.RETURN, note)


def _perform_start_pilot(version: SopVersion, by: AnyUser | None, note: str, params: Any) -> None:
    units = list(params.get("units") or [])
    mulai, selesai = params.get("mulai"), params.get("selesai")
    if not units:
        raise ValidationError(_("Pilih sedikitnya satu unit uji coba."), code="pilot_units")
    if any(unit.instansi_id != version.sop.instansi_id for unit in units):
        raise ValidationError(
            _("Unit uji coba harus berasal dari instansi yang sama."), code="pilot_units"
        )
    if not isinstance(mulai, dt.date) or not isinstance(selesai, dt.date):
        raise ValidationError(_("Isi tanggal mulai dan selesai uji coba."), code="pilot_period")
    if selesai < mulai:
        raise ValidationError(
            _("Tanggal selesai uji coba tidak boleh sebelum tanggal mulai."), code="pilot_period"
        )
    pilot = PilotRun.objects.create(
        version=version, mulai=mulai, selesai=selesai, started_by=_user(by)
    )
    pilot.units.set(units)
    names = ", ".join(unit.nama for unit in units)
    text = _("Uji coba di {units}, {mulai} s.d. {selesai}.").format(
        units=names, mulai=mulai.isoformat(), selesai=selesai.isoformat()
    )
    _move(version, S.UJI_COBA, by, Action.START_PILOT, f"{text} {note}".strip())


def _perform_end_pilot(version: SopVersion, by: AnyUser | None, note: str, params: Any) -> None:
    PilotRun.objects.filter(version=version, ended_at=None).update(ended_at=timezone.now())
    _move(version, S.DALAM_REVIU, by, Action.END_PILOT, note or _("Uji coba diakhiri."))


def _perform_approve(version: SopVersion, by: AnyUser | None, note: str, params: Any) -> None:
    step = next_step(version)
    assert step is not None and by is not None  # _authorize_approve checked both
    person, position = acting_position(by)
    approval = Approval.objects.create(
        version=version,
        urutan=step.urutan,
        step_nama=step.nama,
        step_id=step.step_id,
        user=_user(by),
        person=person,
        position=position,
        person_nama=person.nama if person else by.get_username(),
        position_nama=position.nama if position else "",
        document_hash=version.document_hash,
        note=note,
    )
    text = _("Disetujui: tahap {urutan} ({step}) oleh {who}.").format(
        urutan=step.urutan, step=step.nama, who=approval.person_nama
    )
    if next_step(version) is None:
        _finalise(version, approval)
        text += " " + _("Pengesahan lengkap; nomor {nomor}.").format(nomor=version.nomor)
    _move(version, S.MENUNGGU_PENGESAHAN, by, Action.APPROVE, f"{text} {note}".strip())


def _finalise(version: SopVersion, approval: Approval) -> None:
    """After the last approval: Disahkan oleh and the nomor go into the document.

    The approvals bind the document as approved (``approved_hash``); the document with these
    system-written fields has ``final_hash``; :func:`~sopan.sops.lifecycle_chain.binds`
    accepts both, and only that pair, so any other change still invalidates them.
    """
    publication, _created = Publication.objects.get_or_create(version=version)
    publication.approved_at = approval.at
    publication.approved_hash = version.document_hash
    document = version.document_model()
    signer = DisahkanOleh(
        jabatan=approval.position_nama or None,
        nama=approval.person_nama or None,
        nip=approval.person.nip if approval.person and approval.person.nip else None,
    )
    nomor = document.nomor or assign_number(version, when=timezone.localdate())
    _system_write(version, document.model_copy(update={"disahkan_oleh": signer, "nomor": nomor}))
    publication.final_hash = version.document_hash
    publication.save()


def _system_write(version: SopVersion, document: SopDocument) -> None:
    """Write fields the system owns into a version that is no longer a draft.

    Unlike :func:`~sopan.sops.services.version_update_document` this does not check the
    status and does not count as an edit (the approvers do not become its editors).
    """
    before = version_snapshot(version)
    document = SopDocument.model_validate(document.model_dump(mode="json"))
    version.lock_version += 1
    _store_document(version, document)
    audit_record(
        actor=None,
        action="sop.version_system_write",
        obj=version,
        before=before,
        after=version_snapshot(version),
    )


def _perform_publish(version: SopVersion, by: AnyUser | None, note: str, params: Any) -> None:
    efektif = params.get("efektif")
    today = params.get("today") or timezone.localdate()
    if not isinstance(efektif, dt.date):
        raise ValidationError(_("Isi tanggal berlaku."), code="efektif_required")
    if efektif < today:
        raise ValidationError(
            _("Tanggal berlaku tidak boleh sebelum hari ini ({today}).").format(
                today=today.isoformat()
            ),
            code="efektif_past",
        )
    publication = Publication.objects.select_for_update().get(version=version)
    document = version.document_model()
    from sopan.reviews.services import tanggal_on_publication

    # efektif, and the next review date as Tanggal Revisi where the instansi prints it
    tanggal = tanggal_on_publication(sop=version.sop, tanggal=document.tanggal, efektif=efektif)
    _system_write(version, document.model_copy(update={"tanggal": tanggal}))
    publication.final_hash = version.document_hash
    publication.efektif = efektif
    publication.published_at = timezone.now()
    publication.published_by = _user(by)
    publication.save()
    if efektif <= today:
        _take_effect(version, by, note)
    else:
        text = _("Diterbitkan; berlaku mulai {date}.").format(date=efektif.isoformat())
        _move(version, S.MENUNGGU_PENGESAHAN, by, Action.PUBLISH, f"{text} {note}".strip())


def _take_effect(version: SopVersion, by: AnyUser | None, note: str) -> None:
    previous = SopVersion.objects.select_for_update().filter(
        sop_id=version.sop_id, status__in=S.IN_FORCE
    )
    for old in previous.exclude(pk=version.pk):
        text = _("Digantikan oleh versi {number}.").format(number=version.number)
        _move(old, S.DIGANTIKAN, by, "version_superseded", text)
    text = _("Berlaku.")
    _move(version, S.BERLAKU, by, Action.PUBLISH, f"{text} {note}".strip())
    from sopan.reviews.services import review_schedule_for_new_version

    review_schedule_for_new_version(version)  # next review date, flags, notices to actors


def _perform_retire(version: SopVersion, by: AnyUser | None, note: str, params: Any) -> None:
    _require_reason(note, _("pencabutan"))
    _move(version, S.DICABUT, by, Action.RETIRE, note)


_PERFORM: dict[str, Callable[[SopVersion, AnyUser | None, str, Any], None]] = {
    Action.SUBMIT: _perform_submit,
    Action.RETURN: _perform_return,
    Action.START_PILOT: _perform_start_pilot,
    Action.END_PILOT: _perform_end_pilot,
    Action.APPROVE: _perform_approve,
    Action.PUBLISH: _perform_publish,
    Action.RETIRE: _perform_retire,
}


@transaction.atomic
def approvals_refresh(*, version: SopVersion) -> list[Approval]:
    """Invalidate approvals whose document changed since; restart the chain.

    Returns the approvals it invalidated. A version waiting for approval goes back to
    *dalam reviu* (the chain starts again from its first step); a draft stays a draft.
    """
    current = SopVersion.objects.select_for_update().get(pk=version.pk)
    publication = publication_of(current)
    stale = [
        approval
        for approval in Approval.objects.filter(version=current, invalidated_at=None)
        if not binds(approval, current, publication)
    ]
    if not stale:
        return []
    now = timezone.now()
    reason = _("Dokumen berubah setelah disetujui; pengesahan diulang.")
    for approval in stale:
        approval.invalidated_at = now
        approval.invalidated_reason = reason
        approval.save(update_fields=["invalidated_at", "invalidated_reason"])
    # Everything after the first stale step must be approved again too (sequential chain).
    first = min(approval.urutan for approval in stale)
    Approval.objects.filter(version=current, invalidated_at=None, urutan__gt=first).update(
        invalidated_at=now, invalidated_reason=reason
    )
    if publication is not None and publication.published_at is None:
        publication.delete()
    if current.status == S.MENUNGGU_PENGESAHAN:
        _move(current, S.DALAM_REVIU, None, "approvals_invalidated", reason)
    else:
        audit_record(actor=None, action="sop.approvals_invalidated", obj=current, note=reason)
    _copy_state(current, into=version)
    return stale


# --- revision -----------------------------------------------------------------------------


@transaction.atomic
def revision_start(*, sop: Sop, by: AnyUser | None, reason: str) -> SopVersion:
    """A new draft copied from the version in force of ``sop``; ``reason`` is required.

    The copy keeps the nomor (the number of an SOP stays; the final approval only fills an
    empty one) and gets a new *riwayat* line with the next version number and the reason,
    whose summary the drafter writes.
    """
    user = _signed_in(by)
    reason = (reason or "").strip()
    if not user_has_role(user, DRAFTING_ROLES, sop.unit):
        raise _deny(_("Anda tidak berwenang menyusun SOP untuk unit {unit}.").format(unit=sop.unit))
    Sop.objects.select_for_update().filter(pk=sop.pk).first()
    in_force = sop.versions.filter(status__in=S.IN_FORCE).order_by("-number").first()
    if in_force is None:
        raise ValidationError(
            _("SOP ini tidak memiliki versi yang berlaku untuk direvisi."),
            code="no_version_in_force",
        )
    if sop.versions.filter(status__in=S.DRAFTS).exists():
        raise ValidationError(
            _("SOP ini sudah memiliki konsep atau versi yang sedang diproses."),
            code="draft_exists",
        )
    _require_reason(reason, _("revisi"))
    number = (sop.versions.aggregate(n=models.Max("number"))["n"] or 0) + 1
    document = in_force.document_model()
    riwayat = [*document.riwayat, Riwayat(versi=str(number), alasan=reason)]
    version = sop_version_create(
        sop=sop, document=document.model_copy(update={"riwayat": riwayat}), by=user, note=reason
    )
    audit_record(
        actor=user,
        action="sop.revision_start",
        obj=version,
        after={**version_snapshot(version), "from_version": in_force.number},
        note=reason,
    )
    return version


# --- review comments ----------------------------------------------------------------------


@transaction.atomic
def comment_add(
    *,
    version: SopVersion,
    by: AnyUser | None,
    text: str,
    step_id: str | None = None,
    field: str | None = None,
    parent: Comment | None = None,
) -> Comment:
    """A reviewer's comment, or a reply (``parent``) such as the drafter's answer."""
    user = _signed_in(by)
    unit = version.sop.unit
    if not (user_has_role(user, COMMENTING_ROLES, unit) or _may_review(user, version)):
        raise _deny(_("Anda tidak berwenang mengomentari SOP unit ini."))
    if version.status not in S.DRAFTS:
        raise ValidationError(
            _("Komentar hanya untuk versi yang belum disahkan."), code="invalid_state"
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Isi komentar wajib diisi."), code="text_required")
    if parent is not None:
        if parent.version_id != version.pk:
            raise ValidationError(_("Komentar yang dibalas bukan milik versi ini."), code="parent")
        step_id, field = parent.step_id, parent.field
    step_id, field = (step_id or "").strip(), (field or "").strip()
    _check_target(version, step_id, field)
    comment = Comment.objects.create(
        version=version, author=user, step_id=step_id, field=field, text=text, parent=parent
    )
    audit_record(
        actor=user,
        action="sop.comment_add",
        obj=comment,
        after={"version": version.pk, "step_id": step_id, "field": field, "text": text},
    )
    return comment


def _check_target(version: SopVersion, step_id: str, field: str) -> None:
    if step_id and step_id not in version.document_model().step_ids():
        raise ValidationError(
            _("Langkah {step} tidak ada dalam SOP ini.").format(step=step_id), code="step_id"
        )
    if field and field.split(".")[0] not in SopDocument.model_fields:
        raise ValidationError(
            _("Bidang isian {field} tidak dikenal.").format(field=field), code="field"
        )


@transaction.atomic
def comment_resolve(*, comment: Comment, by: AnyUser | None) -> Comment:
    """Mark a comment as dealt with (the drafter, or the comment's author)."""
    user = _signed_in(by)
    comment = (
        Comment.objects.select_for_update().select_related("version__sop__unit").get(pk=comment.pk)
    )
    unit = comment.version.sop.unit
    if comment.author_id != user.pk and not user_has_role(user, DRAFTING_ROLES, unit):
        raise _deny(_("Hanya penyusun atau penulis komentar yang dapat menyelesaikannya."))
    if comment.resolved_at is not None:
        raise ValidationError(_("Komentar ini sudah diselesaikan."), code="already_resolved")
    comment.resolved_at = timezone.now()
    comment.resolved_by = _user(user)
    comment.save(update_fields=["resolved_at", "resolved_by"])
    audit_record(actor=user, action="sop.comment_resolve", obj=comment)
    return comment


# --- pilot --------------------------------------------------------------------------------


def _open_pilot(version: SopVersion) -> PilotRun | None:
    return PilotRun.objects.filter(version=version, ended_at=None).order_by("-started_at").first()


def _in_pilot_units(user: User, pilot: PilotRun) -> bool:
    """A role on a pilot unit (or above it, or below it), or a position in its subtree."""
    units = list(pilot.units.all())
    for unit in units:
        if user_has_role(user, Role.values, unit):
            return True
        if Membership.objects.filter(user_id=user.pk, unit__path__startswith=unit.path).exists():
            return True
    person = person_for_user(user)
    position = current_position(person) if person is not None else None
    return position is not None and any(position.unit.path.startswith(unit.path) for unit in units)


@transaction.atomic
def pilot_feedback_add(
    *, version: SopVersion, by: AnyUser | None, step_id: str, kind: str, text: str
) -> PilotFeedback:
    """Feedback from someone working in a pilot unit, on one step (or on the whole SOP)."""
    user = _signed_in(by)
    pilot = _open_pilot(version) if version.status == S.UJI_COBA else None
    if pilot is None:
        raise ValidationError(_("Versi ini tidak sedang diuji coba."), code="invalid_state")
    if not _in_pilot_units(user, pilot):
        raise _deny(_("Masukan uji coba hanya dari pegawai unit uji coba."))
    if kind not in FeedbackKind.values:
        raise ValidationError(_("Pilih jenis masukan."), code="kind")
    step_id, text = (step_id or "").strip(), (text or "").strip()
    _check_target(version, step_id, "")
    if kind == FeedbackKind.LAINNYA and not text:
        raise ValidationError(_("Jelaskan masukan Anda."), code="text_required")
    feedback = PilotFeedback.objects.create(
        version=version, pilot=pilot, author=user, step_id=step_id, kind=kind, text=text
    )
    audit_record(
        actor=user,
        action="sop.pilot_feedback_add",
        obj=feedback,
        after={"version": version.pk, "step_id": step_id, "kind": kind, "text": text},
    )
    return feedback


def pilot_summary(version: SopVersion) -> list[StepFeedbackSummary]:
    """Pilot feedback per step in step order (steps without feedback included), then the
    feedback on the SOP as a whole and on steps that no longer exist."""
    feedback = list(PilotFeedback.objects.filter(version=version).order_by("created_at", "id"))
    by_step: dict[str, list[PilotFeedback]] = {}
    for item in feedback:
        by_step.setdefault(item.step_id, []).append(item)
    rows = []
    for step in version.document_model().langkah:
        items = by_step.pop(step.step_id, [])
        rows.append(
            _summary(
                step.step_id, "" if step.no is None else str(step.no), step.kegiatan or "", items
            )
        )
    for step_id, items in by_step.items():
        rows.append(_summary(step_id, "", "", items))
    return rows


def _summary(
    step_id: str, no: str, kegiatan: str, items: Sequence[PilotFeedback]
) -> StepFeedbackSummary:
    counts = Counter(item.kind for item in items)
    return StepFeedbackSummary(
        step_id=step_id,
        no=no,
        kegiatan=kegiatan,
        counts={kind: counts.get(kind, 0) for kind in FeedbackKind.values},
        texts=[(item.kind, item.text) for item in items if item.text],
    )


# --- approvals as shown -------------------------------------------------------------------


def approvals_for(version: SopVersion) -> list[ApprovalState]:
    """The chain of ``version`` with each step's valid approval and earlier invalid ones.

    A read: an approval whose document changed but that is not yet marked invalid is shown
    as invalid already (the next action marks it).
    """
    publication = publication_of(version)
    approvals = list(Approval.objects.filter(version=version).select_related("user"))
    chain: list[ChainStep] = chain_for(version)
    unit = version.sop.unit
    states: list[ApprovalState] = []
    waiting = True
    for step in chain:
        of_step = [a for a in approvals if a.urutan == step.urutan]
        valid = [a for a in of_step if binds(a, version, publication)]
        current = valid[-1] if valid else None
        is_next = bool(waiting and current is None and version.status in S.DRAFTS)
        waiting = waiting and current is not None
        states.append(
            ApprovalState(
                urutan=step.urutan,
                nama=step.nama,
                approver=step.approver_label(unit),
                approval=current,
                invalidated=[a for a in of_step if a is not current],
                is_next=is_next,
            )
        )
    return states


# --- the daily switch ---------------------------------------------------------------------


def versions_take_effect(*, today: dt.date) -> list[SopVersion]:
    """Make every published version whose date has come (``efektif <= today``) *berlaku*,
    and the version it replaces *digantikan* at that moment. Idempotent; after days without
    a run, it catches up (oldest date first)."""
    switched: list[SopVersion] = []
    due = (
        Publication.objects.filter(
            efektif__lte=today,
            published_at__isnull=False,
            version__status=S.MENUNGGU_PENGESAHAN,
        )
        .order_by("efektif", "version__number", "pk")
        .values_list("version_id", flat=True)
    )
    for version_id in list(due):
        with transaction.atomic():
            version = SopVersion.objects.select_for_update().get(pk=version_id)
            if version.status != S.MENUNGGU_PENGESAHAN:
                continue  # switched by a concurrent run
            _take_effect(version, None, _("Tanggal berlaku tiba."))
        switched.append(version)
    return switched


def _user(by: AnyUser | None) -> Any:
    return by if by is not None and by.is_authenticated else None


def pilot_units(version: SopVersion) -> list[Unit]:
    """The units of the open (or last) pilot of ``version``."""
    pilot = PilotRun.objects.filter(version=version).order_by("-started_at").first()
    return list(pilot.units.all()) if pilot is not None else []

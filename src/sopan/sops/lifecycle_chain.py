"""Reads for the lifecycle: which approval chain applies, who may approve a step, who edited
a draft, and whether an approval still binds the document.

Kept apart from :mod:`sopan.sops.lifecycle` (the writes) so that pages can ask the same
questions without importing the services.
"""

from __future__ import annotations

import dataclasses

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q
from django.utils.translation import gettext as _

from sopan.audit.models import AuditEvent
from sopan.organisations.choices import Role
from sopan.organisations.models import Person, Position, Unit
from sopan.organisations.selectors import current_position, person_for_user, user_has_role
from sopan.sops.lifecycle_models import Approval, ApprovalChain, ApproverKind, Publication
from sopan.sops.models import SopVersion

AnyUser = User | AnonymousUser

# Audit actions that mean "this user wrote the document of this version".
EDIT_ACTIONS = (
    "sop.create",
    "sop.version_create",
    "sop.version_update",
    "sop.import",
    "sop.revision_start",
)


@dataclasses.dataclass(frozen=True)
class ChainStep:
    """One step of the chain a version goes through (a configured or a default step)."""

    urutan: int
    nama: str
    kind: str
    role: str = ""
    position_id: int | None = None
    kedalaman: int | None = None
    step_id: int | None = None  # the ApprovalStep row, None for the default chain

    def approver_label(self, unit: Unit) -> str:
        """Who may approve, in words (for pages and messages)."""
        if self.kind == ApproverKind.PERAN:
            return _("{role} {unit}").format(role=Role(self.role).label, unit=unit.nama)
        if self.kind == ApproverKind.JABATAN:
            position = Position.objects.filter(pk=self.position_id or 0).first()
            return position.nama if position is not None else _("(jabatan dihapus)")
        target = head_unit(unit, self.kedalaman)
        return _("Kepala {unit}").format(unit=target.nama)


def default_chain() -> list[ChainStep]:
    """Pemeriksa of the unit, then pengesah of the unit."""
    return [
        ChainStep(1, _("Pemeriksaan"), ApproverKind.PERAN, role=Role.PEMERIKSA),
        ChainStep(2, _("Pengesahan"), ApproverKind.PERAN, role=Role.PENGESAH),
    ]


def chain_for(version: SopVersion) -> list[ChainStep]:
    """The approval steps of ``version``, in order."""
    sop = version.sop
    unit = sop.unit
    chains = ApprovalChain.objects.filter(instansi_id=sop.instansi_id, aktif=True).filter(
        Q(unit__isnull=True) | Q(unit_id__in=unit.path_ids())
    )
    chains = chains.filter(Q(jenis="") | Q(jenis=version.jenis or "-"))
    best = sorted(
        chains.select_related("unit"),
        key=lambda c: (c.unit.depth if c.unit else -1, bool(c.jenis), -c.pk),
        reverse=True,
    )
    for chain in best:
        steps = [
            ChainStep(
                urutan=step.urutan,
                nama=step.nama,
                kind=step.kind,
                role=step.role,
                position_id=step.position_id,
                kedalaman=step.kedalaman,
                step_id=step.pk,
            )
            for step in chain.steps.order_by("urutan")
        ]
        if steps:
            return steps
    return default_chain()


def head_unit(unit: Unit, kedalaman: int | None) -> Unit:
    """The owning unit itself, or its ancestor at depth ``kedalaman`` (0 = the root)."""
    if kedalaman is None or kedalaman >= unit.depth:
        return unit
    return Unit.objects.get(pk=unit.path_ids()[kedalaman])


def acting_position(user: AnyUser | None) -> tuple[Person | None, Position | None]:
    person = person_for_user(user)
    if person is None or not person.active:
        return person, None
    return person, current_position(person)


def may_approve_step(user: AnyUser | None, version: SopVersion, step: ChainStep) -> bool:
    """Whether ``user`` holds what ``step`` asks for, for the SOP of ``version``.

    Role steps need the role on the SOP's unit or above it (so someone of another unit never
    qualifies); position and head steps need the position on the day, and a position belongs
    to one instansi.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    unit = version.sop.unit
    if step.kind == ApproverKind.PERAN:
        return user_has_role(user, step.role, unit)
    _person, position = acting_position(user)
    if position is None or position.instansi_id != version.sop.instansi_id:
        return False
    if step.kind == ApproverKind.JABATAN:
        return position.pk == step.position_id
    target = head_unit(unit, step.kedalaman)
    return position.unit_id == target.pk and position.kepala_unit


def editor_ids(version: SopVersion) -> set[int]:
    """Users who wrote the document of ``version``: its creator and everyone who saved it."""
    ids: set[int] = {
        actor_id
        for actor_id in AuditEvent.objects.filter(
            object_type="sops.sopversion", object_id=str(version.pk), action__in=EDIT_ACTIONS
        )
        .exclude(actor_id=None)
        .values_list("actor_id", flat=True)
        if actor_id is not None
    }
    if version.created_by_id is not None:
        ids.add(version.created_by_id)
    return ids


def is_editor(user: AnyUser | None, version: SopVersion) -> bool:
    return bool(user is not None and user.is_authenticated and user.pk in editor_ids(version))


def publication_of(version: SopVersion) -> Publication | None:
    return Publication.objects.filter(version_id=version.pk).first()


def binds(approval: Approval, version: SopVersion, publication: Publication | None) -> bool:
    """Whether ``approval`` still binds the document of ``version``.

    True when the document is the one approved, or when it is the document the system wrote
    after the final approval (Disahkan oleh, nomor, tanggal efektif) from the one approved.
    """
    if approval.invalidated_at is not None:
        return False
    if approval.document_hash == version.document_hash:
        return True
    return bool(
        publication is not None
        and publication.approved_hash == approval.document_hash
        and publication.final_hash == version.document_hash
    )


def valid_approvals(version: SopVersion) -> list[Approval]:
    publication = publication_of(version)
    return [
        approval
        for approval in Approval.objects.filter(version=version, invalidated_at=None)
        if binds(approval, version, publication)
    ]


def next_step(version: SopVersion) -> ChainStep | None:
    """The first step of the chain without a valid approval (None: fully approved)."""
    done = {approval.urutan for approval in valid_approvals(version)}
    for step in chain_for(version):
        if step.urutan not in done:
            return step
    return None

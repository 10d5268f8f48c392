"""What one user may do on many versions in review, in a fixed number of queries.

:func:`sopan.sops.lifecycle.allowed_actions` answers for one version and costs a dozen
queries (roles, chain, approvals, editors, publication). Tugas Saya asks for every version
in review the user might act on, so this module loads the same facts once for all candidate
versions and applies the same rules in Python. The rules mirror ``lifecycle._authorize_*``;
``tests/tasks/test_actions.py`` checks both give the same answer for every persona and state.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from sopan.audit.models import AuditEvent
from sopan.organisations.models import Membership, Position
from sopan.sops.choices import VersionStatus as S
from sopan.sops.lifecycle import MANAGING_ROLES, PUBLISHING_ROLES, REVIEW_ROLES, Action
from sopan.sops.lifecycle_chain import EDIT_ACTIONS, ChainStep, acting_position, default_chain
from sopan.sops.lifecycle_models import (
    Approval,
    ApprovalChain,
    ApprovalStep,
    ApproverKind,
    Publication,
)
from sopan.sops.models import SopVersion

IN_REVIEW = (S.DALAM_REVIU, S.UJI_COBA, S.MENUNGGU_PENGESAHAN)


@dataclasses.dataclass
class _Facts:
    """Everything the rules need, loaded once."""

    user: User
    memberships: list[tuple[str, str]]  # (role, unit path)
    position: Position | None
    chains: dict[int, list[ApprovalChain]]  # instansi id → active chains with steps
    approvals: dict[int, list[Approval]]
    publications: dict[int, Publication]
    editors: dict[int, set[int]]

    def has_role(self, roles: Iterable[str], path: str) -> bool:
        if self.user.is_superuser:
            return True
        wanted = set(roles)
        return any(role in wanted and path.startswith(p) for role, p in self.memberships)


@dataclasses.dataclass(frozen=True)
class VersionActions:
    version: SopVersion
    actions: list[str]
    step: ChainStep | None  # the next approval step (None: fully approved)


def candidate_versions(user: User, position: Position | None) -> QuerySet[SopVersion]:
    """Versions in review of the units where ``user`` holds a role, and of the instansi where
    a chain step names their position (or any unit head, when they head a unit)."""
    versions = SopVersion.objects.filter(status__in=IN_REVIEW)
    if user.is_superuser:
        return versions
    paths = Membership.objects.filter(user_id=user.pk).values_list("unit__path", flat=True)
    where = [Q(sop__unit__path__startswith=path) for path in set(paths)]
    if position is not None and _position_may_be_named(position):
        where.append(Q(sop__instansi_id=position.instansi_id))
    if not where:
        return versions.none()
    return versions.filter(reduce(or_, where))


def _position_may_be_named(position: Position) -> bool:
    steps = Q(kind=ApproverKind.JABATAN, position_id=position.pk)
    if position.kepala_unit:
        steps |= Q(kind=ApproverKind.KEPALA_UNIT)
    return ApprovalStep.objects.filter(
        steps, chain__instansi_id=position.instansi_id, chain__aktif=True
    ).exists()


def actions_for(user: User, versions: Iterable[SopVersion] | None = None) -> list[VersionActions]:
    """The versions in review where ``user`` may act, with the actions (newest change first).

    ``versions`` defaults to :func:`candidate_versions`; they need ``sop__unit`` joined.
    """
    if not user.is_authenticated or not user.is_active:
        return []
    _person, position = acting_position(user)
    if versions is None:
        versions = (
            candidate_versions(user, position)
            .select_related("sop__unit")
            .defer("document", "search_text")
        )
    versions = list(versions)
    facts = _load(user, position, versions)
    result = []
    for version in versions:
        step = _next_step(facts, version)
        actions = [a for a in Action.values if _allowed(facts, version, a, step)]
        if actions:
            result.append(VersionActions(version, actions, step))
    result.sort(key=lambda item: (item.version.updated_at, item.version.pk), reverse=True)
    return result


def _load(user: User, position: Position | None, versions: list[SopVersion]) -> _Facts:
    ids = [v.pk for v in versions]
    memberships = list(Membership.objects.filter(user_id=user.pk).values_list("role", "unit__path"))
    chains: dict[int, list[ApprovalChain]] = defaultdict(list)
    instansi_ids = {v.sop.instansi_id for v in versions}
    for chain in (
        ApprovalChain.objects.filter(instansi_id__in=instansi_ids, aktif=True)
        .select_related("unit")
        .prefetch_related("steps")
    ):
        chains[chain.instansi_id].append(chain)
    approvals: dict[int, list[Approval]] = defaultdict(list)
    for approval in Approval.objects.filter(version_id__in=ids, invalidated_at=None):
        approvals[approval.version_id].append(approval)
    publications = {p.version_id: p for p in Publication.objects.filter(version_id__in=ids)}
    editors: dict[int, set[int]] = defaultdict(set)
    events = AuditEvent.objects.filter(
        object_type="sops.sopversion",
        object_id__in=[str(i) for i in ids],
        action__in=EDIT_ACTIONS,
    ).exclude(actor_id=None)
    for object_id, actor_id in events.values_list("object_id", "actor_id"):
        if actor_id is not None:
            editors[int(object_id)].add(actor_id)
    for version in versions:
        if version.created_by_id is not None:
            editors[version.pk].add(version.created_by_id)
    return _Facts(user, memberships, position, chains, approvals, publications, editors)


def _chain(facts: _Facts, version: SopVersion) -> list[ChainStep]:
    """:func:`sopan.sops.lifecycle_chain.chain_for` on the loaded chains."""
    unit = version.sop.unit
    path_ids = set(unit.path_ids())
    matching = [
        c
        for c in facts.chains.get(version.sop.instansi_id, [])
        if (c.unit_id is None or c.unit_id in path_ids) and c.jenis in ("", version.jenis or "-")
    ]
    matching.sort(
        key=lambda c: (c.unit.depth if c.unit else -1, bool(c.jenis), -c.pk), reverse=True
    )
    for chain in matching:
        steps = sorted(chain.steps.all(), key=lambda s: s.urutan)
        if steps:
            return [
                ChainStep(
                    urutan=s.urutan,
                    nama=s.nama,
                    kind=s.kind,
                    role=s.role,
                    position_id=s.position_id,
                    kedalaman=s.kedalaman,
                    step_id=s.pk,
                )
                for s in steps
            ]
    return default_chain()


def _valid_approvals(facts: _Facts, version: SopVersion) -> list[Approval]:
    publication = facts.publications.get(version.pk)
    return [
        a
        for a in facts.approvals.get(version.pk, [])
        if a.document_hash == version.document_hash
        or (
            publication is not None
            and publication.approved_hash == a.document_hash
            and publication.final_hash == version.document_hash
        )
    ]


def _next_step(facts: _Facts, version: SopVersion) -> ChainStep | None:
    done = {a.urutan for a in _valid_approvals(facts, version)}
    return next((s for s in _chain(facts, version) if s.urutan not in done), None)


def _may_approve_step(facts: _Facts, version: SopVersion, step: ChainStep) -> bool:
    unit = version.sop.unit
    if step.kind == ApproverKind.PERAN:
        return facts.has_role([step.role], unit.path)
    position = facts.position
    if position is None or position.instansi_id != version.sop.instansi_id:
        return False
    if step.kind == ApproverKind.JABATAN:
        return position.pk == step.position_id
    ids = unit.path_ids()
    target = (
        unit.pk if step.kedalaman is None or step.kedalaman >= unit.depth else ids[step.kedalaman]
    )
    return position.unit_id == target and position.kepala_unit


def _allowed(facts: _Facts, version: SopVersion, action: str, step: ChainStep | None) -> bool:
    path = version.sop.unit.path
    status = version.status
    editor = facts.user.pk in facts.editors.get(version.pk, set())
    publication = facts.publications.get(version.pk)
    approved = publication is not None and publication.approved_at is not None
    may_review = facts.has_role(REVIEW_ROLES, path) or (
        step is not None and _may_approve_step(facts, version, step)
    )
    if action == Action.RETURN:
        return (
            status in (S.DALAM_REVIU, S.MENUNGGU_PENGESAHAN)
            and not approved
            and may_review
            and not editor
        )
    if action in (Action.START_PILOT, Action.END_PILOT):
        wanted = S.DALAM_REVIU if action == Action.START_PILOT else S.UJI_COBA
        managing = facts.has_role(MANAGING_ROLES, path)
        return status == wanted and (managing or (may_review and not editor))
    if action == Action.APPROVE:
        return (
            status in (S.DALAM_REVIU, S.MENUNGGU_PENGESAHAN)
            and step is not None
            and _may_approve_step(facts, version, step)
            and not editor
            and not any(a.user_id == facts.user.pk for a in _valid_approvals(facts, version))
        )
    if action == Action.PUBLISH:
        return (
            status == S.MENUNGGU_PENGESAHAN
            and publication is not None
            and publication.approved_at is not None
            and publication.published_at is None
            and (
                facts.has_role(PUBLISHING_ROLES, path)
                or any(a.user_id == facts.user.pk for a in _valid_approvals(facts, version))
            )
        )
    return False  # submit (drafts) and retire (in force) are not review work

"""Reads of drafting teams: who may see and manage them, and their derived progress.

A team is seen by the people with any role on its unit or above (the same rule as the SOPs
of that unit) and by its members; it is created and changed by an admin or koordinator of its
unit or above. Progress is computed from the latest version of each SOP, never stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Prefetch, Q, QuerySet

from sopan.inventory.models import Process
from sopan.organisations.choices import Role
from sopan.organisations.models import Unit
from sopan.organisations.selectors import units_with_role, user_has_role
from sopan.sops.choices import VersionStatus
from sopan.sops.models import Sop, SopVersion
from sopan.teams.choices import Stage
from sopan.teams.models import Team, TeamMember

AnyUser = User | AnonymousUser

MANAGE_ROLES = (Role.ADMIN, Role.KOORDINATOR)
ALL_ROLES = tuple(Role.values)

_STAGE_OF_STATUS = {
    VersionStatus.KONSEP: Stage.PENYUSUNAN,
    VersionStatus.DALAM_REVIU: Stage.REVIU,
    VersionStatus.UJI_COBA: Stage.UJI_COBA,
    VersionStatus.MENUNGGU_PENGESAHAN: Stage.PENGESAHAN,
    VersionStatus.BERLAKU: Stage.SELESAI,
    VersionStatus.DIGANTIKAN: Stage.SELESAI,
    VersionStatus.DICABUT: Stage.SELESAI,
}


def units_managed(user: AnyUser | None) -> QuerySet[Unit]:
    """Units where ``user`` may create and change teams."""
    return units_with_role(user, MANAGE_ROLES)


def can_manage(user: AnyUser | None, unit: Unit) -> bool:
    return user_has_role(user, MANAGE_ROLES, unit)


def _member_q(user: AnyUser | None) -> Q:
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    return Q(members__person__user_id=user.pk)


def teams_visible_to(user: AnyUser | None) -> QuerySet[Team]:
    if user is None or not user.is_authenticated or not user.is_active:
        return Team.objects.none()
    if getattr(user, "is_superuser", False):
        return Team.objects.all()
    visible = Q(unit__in=units_with_role(user, ALL_ROLES)) | _member_q(user)
    ids = Team.objects.filter(visible).values("pk")
    return Team.objects.filter(pk__in=ids)


def teams_of_user(user: AnyUser | None) -> QuerySet[Team]:
    """The teams ``user`` (through their Person) is a member of."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Team.objects.none()
    return Team.objects.filter(
        pk__in=TeamMember.objects.filter(person__user_id=user.pk).values("team_id")
    )


def with_details(teams: QuerySet[Team]) -> QuerySet[Team]:
    """Teams with what the pages and progress need, in a fixed number of queries."""
    return teams.select_related("unit", "instansi").prefetch_related(
        Prefetch(
            "members",
            queryset=TeamMember.objects.select_related("person__user").order_by(
                "peran", "person__nama"
            ),
        ),
        Prefetch("sops", queryset=Sop.objects.order_by("kode")),
        Prefetch("processes", queryset=Process.objects.order_by("unit__path", "urutan", "id")),
    )


@dataclasses.dataclass(frozen=True)
class ProgressItem:
    title: str
    stage: str
    sop: Sop | None
    process: Process | None
    version_number: int | None = None

    @property
    def stage_label(self) -> str:
        return str(Stage(self.stage).label)


@dataclasses.dataclass(frozen=True)
class Progress:
    items: list[ProgressItem]

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def done(self) -> int:
        return sum(1 for item in self.items if item.stage in Stage.DONE)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        """Every SOP of the team is approved and published (an empty team is not complete)."""
        return bool(self.items) and self.done == self.total

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """(stage, label, count) for every stage, in lifecycle order."""
        counter = Counter(item.stage for item in self.items)
        return [(stage.value, str(stage.label), counter[stage.value]) for stage in Stage]


def _latest_versions(sop_ids: Iterable[int]) -> dict[int, SopVersion]:
    latest: dict[int, SopVersion] = {}
    versions = (
        SopVersion.objects.filter(sop_id__in=set(sop_ids))
        .only("id", "sop_id", "number", "status", "nama")
        .order_by("sop_id", "-number")
    )
    for version in versions:
        latest.setdefault(version.sop_id, version)
    return latest


def progress_of(teams: Sequence[Team]) -> dict[int, Progress]:
    """The progress of each team (teams from :func:`with_details`; one more query)."""
    sop_ids: set[int] = set()
    for team in teams:
        sop_ids.update(sop.pk for sop in team.sops.all())
        sop_ids.update(p.sop_id for p in team.processes.all() if p.sop_id is not None)
    latest = _latest_versions(sop_ids)
    return {team.pk: Progress(_items(team, latest)) for team in teams}


def _items(team: Team, latest: dict[int, SopVersion]) -> list[ProgressItem]:
    items: list[ProgressItem] = []
    seen: set[int] = set()

    def add_sop(sop_id: int, sop: Sop | None, process: Process | None, fallback: str) -> None:
        seen.add(sop_id)
        version = latest.get(sop_id)
        if version is None:
            items.append(ProgressItem(fallback, Stage.BELUM_ADA_SOP, sop, process))
            return
        stage = _STAGE_OF_STATUS.get(VersionStatus(version.status), Stage.PENYUSUNAN)
        items.append(ProgressItem(version.nama, stage, sop, process, version.number))

    for sop in team.sops.all():
        add_sop(sop.pk, sop, None, sop.kode)
    for process in team.processes.all():
        if process.sop_id is None:
            items.append(ProgressItem(process.judul_sop, Stage.BELUM_ADA_SOP, None, process))
        elif process.sop_id not in seen:
            add_sop(process.sop_id, None, process, process.judul_sop)
    return items


def is_overdue(team: Team, progress: Progress, today: dt.date) -> bool:
    return today > team.tenggat and not progress.complete


def member_users(team: Team, *, peran: str | None = None) -> list[User]:
    """The active accounts of the team's members (people without an account get no mail)."""
    return [
        member.person.user
        for member in team.members.all()
        if member.person.user is not None
        and member.person.active
        and (peran is None or member.peran == peran)
    ]

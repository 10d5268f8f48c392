"""Reads of the inventory: who sees which processes, the ranked list and the coverage figures.

Visibility: a role in :data:`VIEW_ROLES` on a unit shows the processes of that unit and its
whole subtree (a koordinator on the root unit sees the whole instansi; a penyusun of a dinas
sees that dinas). Writing needs a role in :data:`EDIT_ROLES`; the weights of the score need
admin or koordinator on a top unit of the instansi. Superusers see and do everything.

The score is computed when read (inventories hold hundreds, not millions, of rows), so it can
never be stale after a weight changes or an SOP comes into force.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, OuterRef, QuerySet

from sopan.inventory.choices import Kategori, SopState
from sopan.inventory.models import PrioritySettings, Process
from sopan.inventory.scoring import DEFAULT_WEIGHTS, Score, Weights, score
from sopan.organisations.choices import Role
from sopan.organisations.models import Instansi, Unit
from sopan.organisations.selectors import units_with_role, user_has_role
from sopan.sops.choices import VersionStatus
from sopan.sops.models import SopVersion

AnyUser = User | AnonymousUser

VIEW_ROLES = (
    Role.ADMIN,
    Role.KOORDINATOR,
    Role.PENYUSUN,
    Role.PEMERIKSA,
    Role.PENGESAH,
    Role.AUDITOR,
)
EDIT_ROLES = (Role.ADMIN, Role.KOORDINATOR, Role.PENYUSUN)
SETTINGS_ROLES = (Role.ADMIN, Role.KOORDINATOR)


def units_visible(user: AnyUser | None) -> QuerySet[Unit]:
    return units_with_role(user, VIEW_ROLES)


def units_editable(user: AnyUser | None, instansi: Instansi | None = None) -> QuerySet[Unit]:
    units = units_with_role(user, EDIT_ROLES)
    return units.filter(instansi=instansi) if instansi is not None else units


def instansi_visible(user: AnyUser | None) -> QuerySet[Instansi]:
    return Instansi.objects.filter(units__in=units_visible(user)).distinct().order_by("nama")


def can_edit(user: AnyUser | None, unit: Unit) -> bool:
    return user_has_role(user, EDIT_ROLES, unit)


def can_set_weights(user: AnyUser | None, instansi: Instansi) -> bool:
    roots = Unit.objects.filter(instansi=instansi, parent__isnull=True)
    return any(user_has_role(user, SETTINGS_ROLES, root) for root in roots)


def _in_force() -> Exists:
    return Exists(
        SopVersion.objects.filter(sop_id=OuterRef("sop_id"), status__in=VersionStatus.IN_FORCE)
    )


def processes_visible_to(
    user: AnyUser | None, *, instansi: Instansi | None = None, unit: Unit | None = None
) -> QuerySet[Process]:
    """The processes ``user`` may see, annotated with ``sop_berlaku`` (an SOP in force)."""
    processes = Process.objects.filter(unit__in=units_visible(user))
    if instansi is not None:
        processes = processes.filter(instansi=instansi)
    if unit is not None:
        processes = processes.filter(unit__path__startswith=unit.path)
    return (
        processes.annotate(sop_berlaku=_in_force())
        .select_related("unit", "sop", "instansi")
        .order_by("unit__path", "urutan", "id")
    )


def weights_for(instansi: Instansi) -> Weights:
    found = PrioritySettings.objects.filter(instansi=instansi).first()
    return found.weights() if found is not None else DEFAULT_WEIGHTS


def state_of(process: Process) -> str:
    if getattr(process, "sop_berlaku", False):
        return SopState.BERLAKU
    return SopState.DISUSUN if process.sop_id is not None else SopState.BELUM


def unit_label(unit: Unit) -> str:
    """The unit's name with its short name, so two "Sekretariat" can be told apart."""
    return f"{unit.nama} ({unit.singkatan})" if unit.singkatan else unit.nama


@dataclass(frozen=True)
class RankedProcess:
    rank: int
    process: Process
    score: Score
    state: str

    @property
    def state_label(self) -> str:
        return str(SopState(self.state).label)


def rank(processes: Iterable[Process], weights: Weights) -> list[RankedProcess]:
    """Highest score first; ties by title so the order is stable."""
    scored = [
        (
            process,
            score(process.factors(sop_berlaku=state_of(process) == SopState.BERLAKU), weights),
        )
        for process in processes
    ]
    scored.sort(key=lambda item: (-item[1].skor, item[0].judul_sop.lower(), item[0].pk))
    return [
        RankedProcess(rank=index, process=process, score=value, state=state_of(process))
        for index, (process, value) in enumerate(scored, start=1)
    ]


def ranked_processes(
    user: AnyUser | None,
    *,
    instansi: Instansi,
    unit: Unit | None = None,
    kategori: str | None = None,
    tanpa_sop: bool = False,
) -> list[RankedProcess]:
    """The ranked list of what ``user`` may see (``tanpa_sop``: no SOP in force only)."""
    processes = processes_visible_to(user, instansi=instansi, unit=unit)
    if kategori:
        processes = processes.filter(kategori=kategori)
    if tanpa_sop:
        processes = processes.exclude(_in_force())
    return rank(processes, weights_for(instansi))


@dataclass
class CoverageRow:
    label: str
    total: int = 0
    berlaku: int = 0
    disusun: int = 0

    @property
    def belum(self) -> int:
        return self.total - self.berlaku - self.disusun

    @property
    def persen(self) -> float:
        """Share of processes with an SOP in force, in percent (one decimal)."""
        return round(100 * self.berlaku / self.total, 1) if self.total else 0.0

    def add(self, state: str) -> None:
        self.total += 1
        if state == SopState.BERLAKU:
            self.berlaku += 1
        elif state == SopState.DISUSUN:
            self.disusun += 1


@dataclass
class Coverage:
    total: CoverageRow
    by_unit: list[CoverageRow]
    by_kategori: list[CoverageRow]


def coverage(processes: Iterable[Process]) -> Coverage:
    """Processes with an SOP in force, by unit (tree order) and by category (choice order)."""
    from django.utils.translation import gettext as _

    total = CoverageRow(label=_("Seluruhnya"))
    units: dict[int, CoverageRow] = {}
    kategori = {value: CoverageRow(label=str(label)) for value, label in Kategori.choices}
    for process in processes:
        state = state_of(process)
        total.add(state)
        units.setdefault(process.unit_id, CoverageRow(label=unit_label(process.unit))).add(state)
        kategori[process.kategori].add(state)
    return Coverage(
        total=total,
        by_unit=list(units.values()),
        by_kategori=[row for row in kategori.values() if row.total],
    )

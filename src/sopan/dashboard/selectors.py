"""The coordinator's figures, each from a few aggregate queries over the scope's subtrees.

Definitions (the same in docs/dashboard.md, on the page and in the API):

* **SOP per status** — versions in each status, without the superseded ones (*Digantikan*).
  An SOP in force that is being revised counts once as *Berlaku* and once in its draft's
  status, so *Berlaku* is the number of SOPs in force and the draft statuses are the drafts
  in progress (new SOPs and revisions).
* **SOP per unit** — the same counts grouped by the unit that owns the SOP, rolled up to the
  level below the scope's top unit (the whole dinas, not each bidang); a unit's own SOPs form
  a row of their own.
* **Cakupan per kategori** — processes of the inventory (Tabel 6) with an SOP in force, with
  an SOP being drafted, and without an SOP, per category.
* **Prioritas tanpa SOP** — the processes without an SOP in force, highest priority score first
  (the inventory's formula and weights, :mod:`sopan.inventory.scoring`).
* **Waktu penyusunan sampai pengesahan** — :mod:`sopan.dashboard.approvals`.
* Reviews due and overdue, regulation flags, drafts past their team deadline —
  :mod:`sopan.dashboard.attention`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    Value,
)
from django.utils.translation import gettext as _

from sopan.dashboard.approvals import ApprovalTimes, approval_times
from sopan.dashboard.attention import (
    FlagRow,
    LateRow,
    Listing,
    ReviewRow,
    overdue_reviews,
    regulation_flags,
    team_deadlines_passed,
    upcoming_reviews,
)
from sopan.dashboard.scope import AnyUser, DashboardScope
from sopan.inventory.choices import Kategori, SopState
from sopan.inventory.models import Process
from sopan.inventory.selectors import rank, unit_label, weights_for
from sopan.organisations.models import Unit
from sopan.sops.choices import VersionStatus
from sopan.sops.models import SopVersion

# The statuses the dashboard counts, in the order of the lifecycle.
STATUSES = (
    VersionStatus.KONSEP,
    VersionStatus.DALAM_REVIU,
    VersionStatus.UJI_COBA,
    VersionStatus.MENUNGGU_PENGESAHAN,
    VersionStatus.BERLAKU,
    VersionStatus.DICABUT,
)
TOP_PRIORITIES = 10
# What the score and the row need (the process's free text stays unread).
PRIORITY_FIELDS = (
    *("id", "sop_id", "unit__nama", "unit__singkatan", "judul", "output", "aspek", "kategori"),
    *("melayani_publik", "volume_per_bulan", "risiko_kemungkinan", "risiko_dampak"),
    *("pengaduan_12_bulan", "temuan_audit_12_bulan"),
)


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass
class UnitStatusRow:
    unit: Unit
    label: str
    own: bool = False  # the top unit's own SOPs (not those of the units below it)
    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in STATUSES})

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def ordered(self) -> list[int]:
        return [self.counts[s.value] for s in STATUSES]


@dataclass(frozen=True)
class CoverageRow:
    kategori: str
    label: str
    total: int
    berlaku: int
    disusun: int

    @property
    def belum(self) -> int:
        return self.total - self.berlaku - self.disusun

    @property
    def persen(self) -> float:
        """Share with an SOP in force, in percent (one decimal)."""
        return round(100 * self.berlaku / self.total, 1) if self.total else 0.0


@dataclass(frozen=True)
class PriorityRow:
    rank: int
    process_id: int
    judul: str
    unit: str
    kategori: str
    kategori_label: str
    skor: float
    state: str
    state_label: str


# ---- SOPs by status and by unit -------------------------------------------------------------


def status_figures(scope: DashboardScope) -> tuple[list[StatusCount], list[UnitStatusRow]]:
    """Counts per status and per (rolled-up) unit, from one GROUP BY (unit, status) query."""
    grouped = (
        SopVersion.objects.filter(scope.q("sop__unit__"), status__in=[s.value for s in STATUSES])
        .values("sop__unit_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = _unit_rows(scope)
    row_of = _row_of_unit(scope)
    totals = {s.value: 0 for s in STATUSES}
    for item in grouped:
        totals[item["status"]] += item["n"]
        row = rows.get(row_of.get(item["sop__unit_id"], -1))
        if row is not None:
            row.counts[item["status"]] += item["n"]
    statuses = [StatusCount(s.value, str(s.label), totals[s.value]) for s in STATUSES]
    # The top unit's own row first, then by name: people look a unit up by its name.
    own = [row for row in rows.values() if row.total and row.own]
    others = sorted((r for r in rows.values() if r.total and not r.own), key=_by_label)
    return statuses, own + others


def _by_label(row: UnitStatusRow) -> str:
    return row.label.casefold()


def _unit_rows(scope: DashboardScope) -> dict[int, UnitStatusRow]:
    """One row per root when there are several, else the root itself and its children."""
    if len(scope.roots) > 1:
        units = list(scope.roots)
    else:
        root = scope.roots[0]
        units = [root, *(u for u in scope.units if u.parent_id == root.pk)]
    rows = {}
    for unit in units:
        label = unit_label(unit)
        own = len(scope.roots) == 1 and unit.pk == scope.roots[0].pk
        if own:
            label = _("{unit} (langsung)").format(unit=label)
        rows[unit.pk] = UnitStatusRow(unit=unit, label=label, own=own)
    return rows


def _row_of_unit(scope: DashboardScope) -> dict[int, int]:
    """Each covered unit's id → the id of the row it is counted in."""
    if len(scope.roots) > 1:
        return {u.pk: r.pk for u in scope.units for r in scope.roots if u.path.startswith(r.path)}
    level = scope.roots[0].depth + 1
    found = {}
    for unit in scope.units:
        ids = unit.path_ids()
        found[unit.pk] = ids[level] if len(ids) > level else scope.roots[0].pk
    return found


# ---- inventory: coverage and priorities -----------------------------------------------------


def _in_force() -> Exists:
    return Exists(
        SopVersion.objects.filter(sop_id=OuterRef("sop_id"), status__in=VersionStatus.IN_FORCE)
    )


def coverage_by_kategori(scope: DashboardScope) -> list[CoverageRow]:
    """Processes per category with an SOP in force / being drafted (one GROUP BY query)."""
    in_force = _in_force()
    grouped = (
        Process.objects.filter(scope.q("unit__"))
        .values("kategori")
        .annotate(
            total=Count("id"),
            berlaku=Count("id", filter=Q(in_force)),
            disusun=Count("id", filter=Q(sop__isnull=False) & ~Q(in_force)),
        )
        .order_by()
    )
    found = {item["kategori"]: item for item in grouped}
    return [
        CoverageRow(
            kategori=value,
            label=str(label),
            total=found[value]["total"],
            berlaku=found[value]["berlaku"],
            disusun=found[value]["disusun"],
        )
        for value, label in Kategori.choices
        if value in found
    ]


def coverage_total(rows: list[CoverageRow]) -> CoverageRow:
    return CoverageRow(
        kategori="",
        label=_("Seluruhnya"),
        total=sum(r.total for r in rows),
        berlaku=sum(r.berlaku for r in rows),
        disusun=sum(r.disusun for r in rows),
    )


def priorities_without_sop(scope: DashboardScope, top: int = TOP_PRIORITIES) -> list[PriorityRow]:
    """The ``top`` processes without an SOP in force, highest score first.

    The score is computed in Python (log-scaled volume), over the processes without an SOP in
    force only: an inventory holds hundreds of processes, not the 10,000 SOPs.
    """
    processes = (
        Process.objects.filter(scope.q("unit__"))
        .exclude(_in_force())
        .annotate(sop_berlaku=Value(False))
        .select_related("unit")
        .only(*PRIORITY_FIELDS)
    )
    ranked = rank(processes, weights_for(scope.instansi))[:top]
    return [
        PriorityRow(
            rank=item.rank,
            process_id=item.process.pk,
            judul=item.process.judul_sop,
            unit=unit_label(item.process.unit),
            kategori=item.process.kategori,
            kategori_label=item.process.get_kategori_display(),
            skor=item.score.skor,
            state=item.state,
            state_label=str(SopState(item.state).label),
        )
        for item in ranked
    ]


# ---- everything at once ---------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    scope: DashboardScope
    statuses: list[StatusCount]
    by_unit: list[UnitStatusRow]
    coverage: list[CoverageRow]
    coverage_total: CoverageRow
    priorities: list[PriorityRow]
    approval: ApprovalTimes
    reviews_upcoming: Listing[ReviewRow]
    reviews_overdue: Listing[ReviewRow]
    flags: Listing[FlagRow]
    late_drafts: Listing[LateRow]

    def status_count(self, status: str) -> int:
        return next((s.count for s in self.statuses if s.status == status), 0)

    @property
    def in_force(self) -> int:
        return self.status_count(VersionStatus.BERLAKU)

    @property
    def drafts_in_progress(self) -> int:
        return sum(s.count for s in self.statuses if s.status in VersionStatus.DRAFTS)


def dashboard_figures(scope: DashboardScope, user: AnyUser) -> Figures:
    """Every figure of ``scope`` (``user`` is the one ``scope`` was made for)."""
    statuses, by_unit = status_figures(scope)
    coverage = coverage_by_kategori(scope)
    return Figures(
        scope=scope,
        statuses=statuses,
        by_unit=by_unit,
        coverage=coverage,
        coverage_total=coverage_total(coverage),
        priorities=priorities_without_sop(scope),
        approval=approval_times(scope),
        reviews_upcoming=upcoming_reviews(user, scope, scope.today),
        reviews_overdue=overdue_reviews(user, scope, scope.today),
        flags=regulation_flags(user, scope),
        late_drafts=team_deadlines_passed(scope),
    )

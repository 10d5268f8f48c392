"""The figures as tables (the page's accessible tables and the XLSX sheets are the same
:class:`Table` objects, so they never disagree) and as chart data for ``dashboard.js``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sopan.dashboard.attention import FlagRow, LateRow, Listing, ReviewRow
from sopan.dashboard.selectors import STATUSES, Figures


@dataclass(frozen=True)
class Link:
    """A cell that links to a page (the XLSX sheet keeps the text)."""

    text: str
    url: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Table:
    key: str  # the HTML id, and what the chart data names
    title: str  # the caption and the sheet's first row
    sheet: str  # the sheet name (31 characters at most)
    columns: list[str]
    rows: list[list[Any]]  # the first cell of a row is its header (th scope="row")
    footer: list[Any] | None = None  # a total row
    empty: str = ""  # said instead of an empty table
    note: str = ""  # what the figure counts, under the caption
    more: int = 0  # rows left out of a long list
    chart: dict[str, Any] | None = field(default=None, compare=False)
    row_header: int = 0  # the column that names the row

    @property
    def chart_id(self) -> str:
        return f"data-{self.key}"


def _sop_link(sop_id: int, nama: str) -> Link:
    return Link(nama, reverse("sops:latest", args=[sop_id]))


def _date(value: Any) -> str:
    return date_format(value, "j F Y")


def status_table(figures: Figures) -> Table:
    return Table(
        key="status",
        title=_("SOP per status"),
        sheet=_("Status"),
        columns=[_("Status"), _("Jumlah")],
        rows=[[s.label, s.count] for s in figures.statuses],
        footer=[_("Jumlah"), sum(s.count for s in figures.statuses)],
        note=_(
            "Versi dalam tiap status, tanpa yang sudah digantikan. SOP berlaku yang sedang "
            "direvisi dihitung sekali sebagai Berlaku dan sekali dalam status konsepnya."
        ),
    )


def by_unit_table(figures: Figures) -> Table:
    labels = [s.label for s in figures.statuses]
    return Table(
        key="per-unit",
        title=_("SOP per unit kerja dan status"),
        sheet=_("Per unit kerja"),
        columns=[_("Unit Kerja"), *labels, _("Jumlah")],
        rows=[[row.label, *row.ordered(), row.total] for row in figures.by_unit],
        empty=_("Belum ada SOP di unit kerja ini."),
        note=_("SOP unit di bawahnya dijumlahkan ke unit satu tingkat di bawah unit teratas."),
        chart={
            "type": "bar",
            "horizontal": True,
            "stacked": True,
            "axis": _("Jumlah SOP"),
            "labels": [row.label for row in figures.by_unit],
            "datasets": [
                {
                    "key": status.value,
                    "label": str(status.label),
                    "data": [row.counts[status.value] for row in figures.by_unit],
                }
                for status in STATUSES
            ],
        },
    )


def coverage_table(figures: Figures) -> Table:
    rows = figures.coverage
    total = figures.coverage_total
    return Table(
        key="cakupan",
        title=_("Cakupan SOP per kategori proses"),
        sheet=_("Cakupan per kategori"),
        columns=[
            _("Kategori"),
            _("Proses"),
            _("SOP berlaku"),
            _("SOP sedang disusun"),
            _("Belum ada SOP"),
            _("% berlaku"),
        ],
        rows=[[r.label, r.total, r.berlaku, r.disusun, r.belum, r.persen] for r in rows],
        footer=[total.label, total.total, total.berlaku, total.disusun, total.belum, total.persen],
        empty=_("Inventaris proses masih kosong."),
        note=_("Proses dalam inventaris (Tabel 6) menurut keadaan SOP-nya."),
        chart={
            "type": "bar",
            "horizontal": True,
            "stacked": True,
            "axis": _("Jumlah proses"),
            "labels": [r.label for r in rows],
            "datasets": [
                {"key": "berlaku", "label": _("SOP berlaku"), "data": [r.berlaku for r in rows]},
                {
                    "key": "disusun",
                    "label": _("SOP sedang disusun"),
                    "data": [r.disusun for r in rows],
                },
                {"key": "belum", "label": _("Belum ada SOP"), "data": [r.belum for r in rows]},
            ],
        },
    )


def priorities_table(figures: Figures) -> Table:
    return Table(
        key="prioritas",
        title=_("Proses prioritas tanpa SOP berlaku"),
        sheet=_("Prioritas tanpa SOP"),
        columns=[
            _("Peringkat"),
            _("Judul SOP"),
            _("Unit Kerja"),
            _("Kategori"),
            _("Skor"),
            _("Status SOP"),
        ],
        rows=[
            [
                p.rank,
                Link(p.judul, reverse("inventory:process", args=[p.process_id])),
                p.unit,
                p.kategori_label,
                p.skor,
                p.state_label,
            ]
            for p in figures.priorities
        ],
        empty=_("Semua proses dalam inventaris sudah punya SOP berlaku."),
        row_header=1,
        note=_("Skor prioritas inventaris (risiko, layanan publik, volume, pengaduan, temuan)."),
    )


def approvals_table(figures: Figures) -> Table:
    months = figures.approval.by_month
    return Table(
        key="pengesahan",
        title=_("Pengesahan per bulan"),
        sheet=_("Pengesahan per bulan"),
        columns=[_("Bulan"), _("Versi disahkan"), _("Rata-rata hari sejak konsep dibuat")],
        rows=[[m.label, m.count, m.average_days] for m in months],
        footer=[_("Seluruh periode"), figures.approval.count, figures.approval.average_days],
        note=_(
            "Dari versi dibuat (mulai disusun) sampai pengesahan terakhir dalam rantai "
            "(atau masuk status Berlaku tanpa rantai); SOP yang diimpor langsung berlaku tidak "
            "dihitung."
        ),
        chart={
            "type": "bar",
            "horizontal": False,
            "stacked": False,
            "axis": _("Versi disahkan"),
            "labels": [m.label for m in months],
            "datasets": [
                {"key": "disahkan", "label": _("Versi disahkan"), "data": [m.count for m in months]}
            ],
        },
    )


def _review_table(key: str, title: str, sheet: str, listing: Listing[ReviewRow]) -> Table:
    overdue = key == "reviu-terlambat"
    return Table(
        key=key,
        title=title,
        sheet=sheet,
        columns=[
            _("SOP"),
            _("Unit Kerja"),
            _("Tanggal tinjauan"),
            _("Terlambat (hari)") if overdue else _("Sisa hari"),
        ],
        rows=[
            [_sop_link(r.sop_id, r.nama), r.unit, _date(r.due), -r.days if overdue else r.days]
            for r in listing.rows
        ],
        empty=_("Tidak ada."),
        more=listing.more,
    )


def reviews_upcoming_table(figures: Figures) -> Table:
    return _review_table(
        "reviu-jatuh-tempo",
        _("Tinjauan jatuh tempo dalam 30 hari"),
        _("Tinjauan jatuh tempo"),
        figures.reviews_upcoming,
    )


def reviews_overdue_table(figures: Figures) -> Table:
    return _review_table(
        "reviu-terlambat",
        _("Tinjauan terlambat"),
        _("Tinjauan terlambat"),
        figures.reviews_overdue,
    )


def flags_table(figures: Figures) -> Table:
    listing: Listing[FlagRow] = figures.flags
    return Table(
        key="tanda-peraturan",
        title=_("SOP ditandai karena perubahan peraturan"),
        sheet=_("Perubahan peraturan"),
        columns=[
            _("SOP"),
            _("Unit Kerja"),
            _("Peraturan"),
            _("Perubahan"),
            _("Diganti oleh"),
            _("Ditandai"),
        ],
        rows=[
            [
                _sop_link(f.sop_id, f.nama),
                f.unit,
                f.regulation,
                f.change_label,
                f.replaced_by or "—",
                _date(f.flagged_on),
            ]
            for f in listing.rows
        ],
        empty=_("Tidak ada."),
        more=listing.more,
    )


def _late_link(row: LateRow) -> Link | str:
    if row.sop_id is not None:
        return _sop_link(row.sop_id, row.judul)
    if row.process_id is not None:
        return Link(row.judul, reverse("inventory:process", args=[row.process_id]))
    return row.judul


def late_drafts_table(figures: Figures) -> Table:
    listing: Listing[LateRow] = figures.late_drafts
    return Table(
        key="tenggat-terlewat",
        title=_("Konsep melewati tenggat tim penyusun"),
        sheet=_("Tenggat tim terlewat"),
        columns=[
            _("SOP atau proses"),
            _("Tim penyusun"),
            _("Unit Kerja"),
            _("Tenggat"),
            _("Terlambat (hari)"),
            _("Tahap"),
        ],
        rows=[
            [_late_link(r), r.team, r.unit, _date(r.tenggat), r.days_late, r.stage_label]
            for r in listing.rows
        ],
        empty=_("Tidak ada."),
        note=_("SOP dan proses tim yang tenggatnya sudah lewat dan belum disahkan serta terbit."),
        more=listing.more,
    )


def tables(figures: Figures) -> dict[str, Table]:
    """Every table, keyed for the template; their order is the workbook's sheet order."""
    made = [
        status_table(figures),
        by_unit_table(figures),
        coverage_table(figures),
        priorities_table(figures),
        approvals_table(figures),
        reviews_overdue_table(figures),
        reviews_upcoming_table(figures),
        flags_table(figures),
        late_drafts_table(figures),
    ]
    return {table.key.replace("-", "_"): table for table in made}

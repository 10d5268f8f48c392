"""The figures on the known world (tests/dashboard/conftest.py), for two personas."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from sopan.dashboard.scope import dashboard_scope, period_from
from sopan.dashboard.selectors import Figures, dashboard_figures
from tests.conftest import World
from tests.dashboard.conftest import TODAY, Known

pytestmark = pytest.mark.django_db


def figures_for(user: User, **filters: str) -> Figures:
    return dashboard_figures(dashboard_scope(user, today=TODAY, **filters), user)


def statuses(figures: Figures) -> dict[str, int]:
    return {s.status: s.count for s in figures.statuses}


def test_status_counts_for_the_whole_instansi(known: Known, koordinator: User) -> None:
    figures = figures_for(koordinator)
    assert statuses(figures) == {
        "konsep": 3,
        "dalam_reviu": 1,
        "uji_coba": 0,
        "menunggu_pengesahan": 1,
        "berlaku": 5,
        "dicabut": 1,
    }
    assert figures.drafts_in_progress == 5


def test_status_by_unit_rolls_up_to_the_level_below_the_top(
    known: Known, koordinator: User
) -> None:
    rows = {r.label: r.counts for r in figures_for(koordinator).by_unit}
    zero = dict.fromkeys(
        ["konsep", "dalam_reviu", "uji_coba", "menunggu_pengesahan", "berlaku", "dicabut"], 0
    )
    assert rows == {
        "Pemerintah Kabupaten A (langsung)": {**zero, "konsep": 1},
        "Sekretariat Daerah (Setda)": {**zero, "konsep": 1, "berlaku": 1},
        "Dinas X": {**zero, "konsep": 1, "berlaku": 4},
        "Dinas Z": {**zero, "dalam_reviu": 1, "menunggu_pengesahan": 1, "dicabut": 1},
    }
    labels = [r.label for r in figures_for(koordinator).by_unit]
    assert labels[0] == "Pemerintah Kabupaten A (langsung)"
    assert labels[1:] == sorted(labels[1:])


def test_unit_head_sees_only_the_subtree(known: Known, pengesah: User) -> None:
    figures = figures_for(pengesah)
    assert statuses(figures)["berlaku"] == 4
    assert statuses(figures)["konsep"] == 1
    assert sum(statuses(figures).values()) == 5
    rows = {r.label: r.total for r in figures.by_unit}
    assert rows == {"Dinas X (langsung)": 4, "Bidang Y": 1}


def test_unit_filter_narrows_the_koordinator(known: Known, koordinator: User, world: World) -> None:
    figures = figures_for(koordinator, unit=str(world.dinas_z.pk))
    assert sum(statuses(figures).values()) == 3
    assert figures.approval.count == 1


def test_coverage_by_category(known: Known, koordinator: User, pengesah: User) -> None:
    figures = figures_for(koordinator)
    rows = [
        (r.kategori, r.total, r.berlaku, r.disusun, r.belum, r.persen) for r in figures.coverage
    ]
    assert rows == [("layanan_publik", 3, 2, 0, 1, 66.7), ("keuangan", 2, 0, 1, 1, 0.0)]
    total = figures.coverage_total
    assert (total.total, total.berlaku, total.disusun, total.belum, total.persen) == (
        5,
        2,
        1,
        2,
        40.0,
    )
    own = figures_for(pengesah).coverage
    assert [(r.kategori, r.total, r.berlaku) for r in own] == [("layanan_publik", 3, 2)]


def test_priorities_without_an_sop(known: Known, koordinator: User) -> None:
    rows = [(p.rank, p.judul, p.unit, p.skor, p.state) for p in figures_for(koordinator).priorities]
    assert rows == [
        (1, "SOP Pelaksanaan KTP-el", "Dinas X", 150.0, "belum"),
        (2, "SOP Pelaksanaan Daftar Gaji", "Dinas Z", 12.6, "disusun"),
        (3, "SOP Pelaksanaan Renstra", "Bagian Organisasi", 2.1, "belum"),
    ]


def test_average_days_from_drafting_to_approval(known: Known, koordinator: User) -> None:
    approval = figures_for(koordinator).approval
    # Surat Masuk 10 days (Publication), Arsip 5 days (into force), Kepegawaian 21 days.
    assert (approval.count, approval.average_days) == (3, 12.0)
    months = {m.key: (m.count, m.average_days) for m in approval.by_month}
    assert len(months) == 12
    assert min(months) == "2024-07" and max(months) == "2025-06"
    assert months["2025-01"] == (1, 10.0)
    assert months["2025-03"] == (2, 13.0)
    assert months["2025-02"] == (0, None)  # Kabupaten B's approval is not counted


def test_average_days_for_the_unit_head(known: Known, pengesah: User) -> None:
    approval = figures_for(pengesah).approval
    assert (approval.count, approval.average_days) == (2, 7.5)


def test_period_filter(known: Known, koordinator: User) -> None:
    approval = figures_for(koordinator, dari="2024-01", sampai="2024-12").approval
    assert (approval.count, approval.average_days) == (1, 30.0)  # Tata Naskah Lama


def test_periods() -> None:
    assert period_from(today=dt.date(2025, 6, 15)).start == dt.date(2024, 7, 1)
    assert period_from(today=dt.date(2025, 6, 15)).end == dt.date(2025, 6, 30)
    assert period_from("2024-02", today=TODAY).end == dt.date(2025, 1, 31)
    assert period_from(sampai="2024-02", today=TODAY).start == dt.date(2023, 3, 1)
    for dari, sampai in (("2025-13", None), ("x", None), ("2025-06", "2025-01")):
        with pytest.raises(ValidationError):
            period_from(dari, sampai, today=TODAY)
    with pytest.raises(ValidationError):
        period_from("2015-01", "2025-01", today=TODAY)


def test_who_may_see(
    known: Known,
    world: World,
    penyusun: User,
    pemeriksa: User,
    pelaksana: User,
    outsider_instansi: User,
    pengesah: User,
    anonymous: object,
) -> None:
    for user in (penyusun, pemeriksa, pelaksana, outsider_instansi, anonymous):
        with pytest.raises(PermissionDenied):
            dashboard_scope(user, today=TODAY)  # type: ignore[arg-type]
    with pytest.raises(Http404):
        dashboard_scope(pengesah, unit=str(world.dinas_z.pk), today=TODAY)
    with pytest.raises(Http404):
        dashboard_scope(pengesah, instansi="kab-b", today=TODAY)


def test_reviews_due_and_overdue(known: Known, koordinator: User, pengesah: User) -> None:
    figures = figures_for(koordinator)
    upcoming = [(r.nama, r.due.isoformat(), r.days) for r in figures.reviews_upcoming.rows]
    assert upcoming == [("Tata Naskah Lama", "2025-06-15", 0), ("Surat Masuk", "2025-07-01", 16)]
    overdue = [(r.nama, r.unit, r.days) for r in figures.reviews_overdue.rows]
    assert overdue == [("Pelayanan Legalisir", "Dinas X", -14)]
    assert (figures.reviews_upcoming.count, figures.reviews_overdue.count) == (2, 1)
    own = figures_for(pengesah)
    assert [r.nama for r in own.reviews_upcoming.rows] == ["Surat Masuk"]
    assert [r.nama for r in own.reviews_overdue.rows] == ["Pelayanan Legalisir"]


def test_regulation_flags(known: Known, koordinator: User, pengesah: User) -> None:
    flags = [
        (f.nama, f.regulation, f.change, f.replaced_by, f.flagged_on.isoformat())
        for f in figures_for(koordinator).flags.rows
    ]
    assert flags == [
        (
            "Tata Naskah Lama",
            "Peraturan Daerah Nomor 3 Tahun 2010",
            "dicabut",
            None,
            "2025-06-03",
        ),
        (
            "Pelayanan Legalisir",
            "Undang-Undang Nomor 25 Tahun 2009",
            "diubah",
            "Undang-Undang Nomor 1 Tahun 2025",
            "2025-06-02",
        ),
    ]
    assert [f.nama for f in figures_for(pengesah).flags.rows] == ["Pelayanan Legalisir"]


def test_drafts_past_their_team_deadline(known: Known, koordinator: User, pengesah: User) -> None:
    late = figures_for(koordinator).late_drafts
    rows = [(r.team, r.judul, r.tenggat.isoformat(), r.days_late, r.stage) for r in late.rows]
    assert rows == [
        ("Tim Dinas X", "Surat Masuk", "2025-06-01", 14, "penyusunan"),
        ("Tim Dinas X", "SOP Pelaksanaan KTP-el", "2025-06-01", 14, "belum_ada_sop"),
    ]
    assert late.rows[0].sop_id == known.versions["surat"].sop_id
    assert late.rows[1].process_id == known.processes["ktp"].pk
    assert figures_for(pengesah).late_drafts.count == 2
    assert figures_for(koordinator, unit="DZ").late_drafts.count == 0

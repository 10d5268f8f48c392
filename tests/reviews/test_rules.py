"""The pure rules: month arithmetic, the next review date, the reminder stage, names."""

from __future__ import annotations

import datetime as dt

from sopan.reviews import rules
from sopan.reviews.rules import Basis, Stage

D = dt.date


def test_add_months_clamps_to_month_end() -> None:
    assert rules.add_months(D(2025, 6, 2), 24) == D(2027, 6, 2)
    assert rules.add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)
    assert rules.add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert rules.add_months(D(2025, 11, 30), 3) == D(2026, 2, 28)


def test_next_review_order_of_rules() -> None:
    efektif = D(2025, 6, 2)
    assert rules.next_review(efektif=efektif, revisi=None, interval=24) == (
        D(2027, 6, 2),
        Basis.EFEKTIF,
    )
    # A Tanggal Revisi after efektif is the planned review date ...
    assert rules.next_review(efektif=efektif, revisi=D(2026, 1, 15), interval=24) == (
        D(2026, 1, 15),
        Basis.TANGGAL_REVISI,
    )
    # ... one on or before efektif is the date of a revision, not a plan.
    assert rules.next_review(efektif=efektif, revisi=D(2025, 6, 2), interval=12)[1] == Basis.EFEKTIF
    # A decision wins over both.
    assert rules.next_review(
        efektif=efektif, revisi=D(2026, 1, 15), interval=12, decided_on=D(2026, 1, 10)
    ) == (D(2027, 1, 10), Basis.KEPUTUSAN)


def test_interval_override_then_setting_then_default() -> None:
    assert rules.interval_months(6, 12) == 6
    assert rules.interval_months(None, 12) == 12
    assert rules.interval_months(None, None) == 24


def test_reminder_stage() -> None:
    due = D(2027, 6, 2)
    assert rules.reminder_stage(due, D(2027, 5, 2)) is None
    assert rules.reminder_stage(due, D(2027, 5, 3)) == Stage.SEGERA
    assert rules.reminder_stage(due, D(2027, 6, 1)) == Stage.SEGERA
    assert rules.reminder_stage(due, due) == Stage.JATUH_TEMPO
    assert rules.reminder_stage(due, D(2027, 9, 1)) == Stage.JATUH_TEMPO  # missed: still due


def test_planned_revisi_keeps_a_planned_date() -> None:
    efektif = D(2025, 6, 2)
    assert rules.planned_revisi(efektif=efektif, revisi=None, interval=24) == D(2027, 6, 2)
    assert rules.planned_revisi(efektif=efektif, revisi=D(2020, 1, 1), interval=12) == D(2026, 6, 2)
    assert rules.planned_revisi(efektif=efektif, revisi=D(2026, 3, 1), interval=24) == D(2026, 3, 1)


def test_names_compare_without_case_or_spaces() -> None:
    assert rules.normalise_name("  Kepala   DINAS x ") == rules.normalise_name("kepala dinas X")

"""Every demo SOP in examples/ passes `sopan check` with no error and no warning (advice,
severity info, is allowed: e.g. a review date that has passed, or mixed time units)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopan.checks import Severity, run_checks
from sopan.cli import main
from sopan.document import StepGraph, load_path, parse_waktu

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.sop.yaml"))


def test_there_are_at_least_ten_examples() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_is_clean(path: Path) -> None:
    loaded = load_path(path)
    assert [f.code for f in run_checks(loaded) if f.severity is not Severity.INFO] == []
    assert main(["check", str(path)]) == 0


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_is_complete_and_within_its_service_standard(path: Path) -> None:
    doc = load_path(path).document
    assert doc.tujuan and doc.dasar_hukum and doc.indikator and doc.eskalasi and doc.riwayat
    assert all(step.waktu and parse_waktu(step.waktu).kind == "stated" for step in doc.langkah)
    assert any(step.simbol == "keputusan" for step in doc.langkah)
    if doc.standar_waktu:
        standard = parse_waktu(doc.standar_waktu)
        longest = StepGraph.from_document(doc).longest_path()
        assert standard.high is not None
        assert longest.minutes <= standard.high, (longest.minutes, standard)

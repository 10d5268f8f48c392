"""Family waktu: each rule fires at an exact place and stays quiet on the complete SOP."""

from __future__ import annotations

import pytest

from sopan.checks import Severity
from tests.checks.documents import COMPLETE, check, found, line_of, replace


def test_wkt001_process_without_time() -> None:
    text = replace(COMPLETE, "    waktu: 60 menit\n", "    waktu: '-'\n")
    assert found(text, "WKT001") == [("tanda", "waktu", line_of(text, "    waktu: '-'"))]
    text = replace(COMPLETE, "    waktu: 10 menit\n", "")
    assert found(text, "WKT001") == [("periksa", "waktu", line_of(text, "  - id: periksa"))]
    assert found(COMPLETE, "WKT001") == []


def test_wkt001_capsules_may_go_without_time() -> None:
    text = replace(
        COMPLETE, "    waktu: 5 menit\n    output: Permohonan\n", "    output: Permohonan\n"
    )
    text = replace(text, "    waktu: 5 menit\n    output: Dokumen", "    output: Dokumen")
    assert found(text, "WKT001") == []


@pytest.mark.parametrize("vague", ["secepatnya", "segera", "sesuai kebutuhan", "2 jam atau lebih"])
def test_wkt002_time_not_measurable(vague: str) -> None:
    text = replace(COMPLETE, "    waktu: 60 menit\n", f"    waktu: {vague}\n")
    assert found(text, "WKT002") == [("tanda", "waktu", line_of(text, f"    waktu: {vague}"))]
    assert vague in next(f for f in check(text) if f.code == "WKT002").message()
    assert found(COMPLETE, "WKT002") == []


def test_wkt003_zero_time() -> None:
    text = replace(COMPLETE, "    waktu: 60 menit\n", "    waktu: 0 menit\n")
    assert found(text, "WKT003") == [("tanda", "waktu", line_of(text, "    waktu: 0 menit"))]
    assert found(COMPLETE, "WKT003") == []


def test_wkt004_longest_path_over_the_standard() -> None:
    text = replace(COMPLETE, "    waktu: 60 menit\n", "    waktu: 2 jam\n")
    [finding] = [f for f in check(text) if f.code == "WKT004"]
    assert finding.severity is Severity.ERROR
    assert (finding.location.field, finding.location.line) == (
        "standar_waktu",
        line_of(text, "standar_waktu:"),
    )
    # ajukan 5 + periksa 10 + tanda 120 + serah 5 = 2 jam 20 menit > 2 jam
    assert finding.message() == (
        "Jalur terpanjang alur (2 jam 20 menit, langkah ajukan sampai serah) melebihi "
        "standar waktu 2 jam."
    )
    assert "2 hours 20 minutes" in finding.message("en") and "2 hours." in finding.message("en")
    assert found(COMPLETE, "WKT004") == []  # 1 jam 20 menit <= 2 jam


def test_wkt005_standard_not_measurable() -> None:
    text = replace(COMPLETE, "standar_waktu: 2 jam", "standar_waktu: secepatnya")
    assert found(text, "WKT005") == [(None, "standar_waktu", line_of(text, "standar_waktu:"))]
    assert found(text, "WKT004") == []
    assert found(COMPLETE, "WKT005") == []


def test_wkt006_mixed_units_show_the_total() -> None:
    text = replace(COMPLETE, "    waktu: 60 menit\n", "    waktu: 1 hari kerja\n")
    text = replace(text, "standar_waktu: 2 jam", "standar_waktu: 2 hari kerja")
    assert found(text, "WKT006") == [(None, "langkah", line_of(text, "langkah:\n"))]
    [finding] = [f for f in check(text) if f.code == "WKT006"]
    assert finding.severity is Severity.INFO
    assert "(menit, hari kerja)" in finding.message()
    assert "1 hari kerja 20 menit" in finding.message()
    assert "1 working day 20 minutes" in finding.message("en")
    assert found(COMPLETE, "WKT006") == []  # only minutes

from __future__ import annotations

import pytest

from sopan.document import format_minutes_id, parse_waktu


@pytest.mark.parametrize(
    ("text", "minutes", "unit"),
    [
        ("30 detik", 0.5, "detik"),
        ("2 menit", 2, "menit"),
        ("5 mnt.", 5, "menit"),
        ("10 Menit", 10, "menit"),
        ("1 jam", 60, "jam"),
        ("2 jam kerja", 120, "jam"),
        ("1,5 jam", 90, "jam"),
        ("1.5 jam", 90, "jam"),
        ("1 hari", 450, "hari"),
        ("10 hari kerja", 4500, "hari kerja"),
        ("1 minggu", 2250, "minggu"),
        ("1 bulan", 9900, "bulan"),
    ],
)
def test_units_and_decimals(text: str, minutes: float, unit: str) -> None:
    waktu = parse_waktu(text)
    assert waktu.kind == "stated"
    assert (waktu.low, waktu.high, waktu.unit, waktu.text) == (minutes, minutes, unit, text)


@pytest.mark.parametrize(
    "text",
    [
        "1-3 hari",
        "1 - 3 hari",
        "1 – 3 hari",
        "1 s.d. 3 hari",
        "1 s/d 3 hari",
        "1 sampai 3 hari",
        "1 sampai dengan 3 hari",
    ],
)
def test_ranges_keep_both_ends_and_the_upper_is_the_standard(text: str) -> None:
    waktu = parse_waktu(text)
    assert (waktu.low, waktu.high, waktu.minutes) == (450, 1350, 1350)


@pytest.mark.parametrize("text", [None, "", "-", "  "])
def test_not_stated(text: str | None) -> None:
    waktu = parse_waktu(text)
    assert waktu.kind == "not_stated" and waktu.minutes == 0


@pytest.mark.parametrize("text", ["secepatnya", "sesuai kebutuhan", "2 jam atau lebih", "3-1 hari"])
def test_not_measurable_is_kept_never_guessed(text: str) -> None:
    waktu = parse_waktu(text)
    assert waktu.kind == "not_measurable" and waktu.text == text and waktu.high is None


def test_phrases() -> None:
    assert format_minutes_id(45) == "45 menit"
    assert format_minutes_id(2 * 450 + 195) == "2 hari kerja 3 jam 15 menit"
    assert format_minutes_id(0) == "0 menit"
    assert format_minutes_id(0.5) == "kurang dari 1 menit"
    assert format_minutes_id(450 + 60, "en") == "1 working day 1 hour"
    assert format_minutes_id(2 * 450 + 2, "en") == "2 working days 2 minutes"

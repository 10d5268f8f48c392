from __future__ import annotations

from datetime import date, datetime, time

from sopan.document import WorkingCalendar

NATIONAL = WorkingCalendar.indonesia()


def test_weekends_are_not_working_days() -> None:
    plain = WorkingCalendar()
    assert plain.is_working_day(date(2025, 6, 6))  # Friday
    assert not plain.is_working_day(date(2025, 6, 7))  # Saturday
    assert plain.add_working_days(date(2025, 6, 6), 1) == date(2025, 6, 9)
    assert plain.add_working_days(date(2025, 6, 9), -1) == date(2025, 6, 6)
    assert plain.add_working_days(date(2025, 6, 9), 0) == date(2025, 6, 9)


def test_holidays_and_cuti_bersama_are_skipped() -> None:
    assert not NATIONAL.is_working_day(date(2025, 3, 31))  # Idul Fitri
    assert not NATIONAL.is_working_day(date(2025, 4, 2))  # cuti bersama
    # Thursday 27 March 2025 + 1: 28 cuti, 29-30 weekend, 31 & 1 libur, 2-4 cuti, 5-6, 7 cuti
    assert NATIONAL.add_working_days(date(2025, 3, 27), 1) == date(2025, 4, 8)


def test_counting_across_the_year_end() -> None:
    # (24 Dec 2025, 5 Jan 2026]: 29, 30, 31 Dec, 2 and 5 Jan
    assert NATIONAL.working_days_between(date(2025, 12, 24), date(2026, 1, 5)) == 5
    assert NATIONAL.working_days_between(date(2026, 1, 5), date(2025, 12, 24)) == -5
    assert NATIONAL.add_working_days(date(2025, 12, 24), 5) == date(2026, 1, 5)


def test_from_mapping_and_file(tmp_path) -> None:
    calendar = WorkingCalendar.from_mapping(
        {2027: {"libur": ["2027-01-01"], "cuti_bersama": [date(2027, 1, 4)]}}
    )
    assert not calendar.is_working_day(date(2027, 1, 4))
    path = tmp_path / "libur.yaml"
    path.write_text("2027:\n  libur: [2027-01-05]\n", encoding="utf-8")
    assert not WorkingCalendar.from_file(path).is_working_day(date(2027, 1, 5))


def test_add_working_minutes_over_a_weekend() -> None:
    calendar = WorkingCalendar()
    friday = datetime(2025, 1, 3, 15, 0)  # the day ends 15:30 (08:00 + 7.5 h)
    assert calendar.add_working_minutes(friday, 60) == datetime(2025, 1, 6, 8, 30)
    saturday = datetime(2025, 1, 4, 10, 0)
    assert calendar.add_working_minutes(saturday, 450) == datetime(2025, 1, 6, 15, 30)
    early = datetime(2025, 1, 6, 6, 0)
    assert calendar.add_working_minutes(early, 30, day_start=time(7, 30)) == datetime(
        2025, 1, 6, 8, 0
    )

"""Mutu baku ``waktu``: parse the text people write, convert it to working minutes.

Accepted (case does not matter, a trailing dot is ignored):

- a number with a decimal comma or point: ``2``, ``1,5``, ``1.5``;
- or a range, whose upper end is the standard: ``1-3``, ``1 – 3``, ``1 s.d. 3``, ``1 s/d 3``,
  ``1 sampai 3``, ``1 sampai dengan 3``;
- then a unit: ``detik`` (``dtk``), ``menit`` (``mnt``), ``jam`` (``jam kerja``), ``hari``
  (``hr``), ``hari kerja`` (``hk``), ``minggu`` (``pekan``), ``bulan`` (``bln``).

``-``, empty text and ``None`` are *not stated*. Anything else ("secepatnya", "sesuai
kebutuhan", "2 jam atau lebih") is kept as text and marked *not measurable*: never guessed.

Conversion convention (module constants, all in working minutes):

- 1 hari kerja = 7,5 jam kerja = 450 minutes (37,5 working hours a week over 5 days, the
  PermenPANRB working-hours rule for civil servants);
- 1 hari (calendar day) counts as 1 hari kerja when times are added up;
- 1 minggu = 5 hari kerja, 1 bulan = 22 hari kerja.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

MINUTES_PER_WORKING_DAY = 450
WORKING_DAYS_PER_WEEK = 5
WORKING_DAYS_PER_MONTH = 22

UNIT_MINUTES: dict[str, float] = {
    "detik": 1 / 60,
    "menit": 1,
    "jam": 60,
    "hari": MINUTES_PER_WORKING_DAY,
    "hari kerja": MINUTES_PER_WORKING_DAY,
    "minggu": WORKING_DAYS_PER_WEEK * MINUTES_PER_WORKING_DAY,
    "bulan": WORKING_DAYS_PER_MONTH * MINUTES_PER_WORKING_DAY,
}
_ALIASES = {
    "dtk": "detik",
    "mnt": "menit",
    "jam kerja": "jam",
    "hr": "hari",
    "hk": "hari kerja",
    "pekan": "minggu",
    "bln": "bulan",
}
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_RANGE = r"\s*(?:-|–|—|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?)\s*"
_UNIT = r"(hari\s+kerja|jam\s+kerja|detik|dtk|menit|mnt|jam|hari|hr|hk|minggu|pekan|bulan|bln)"
_PATTERN = re.compile(rf"{_NUMBER}(?:{_RANGE}{_NUMBER})?\s*{_UNIT}\.?", re.IGNORECASE)

Kind = Literal["stated", "not_stated", "not_measurable"]


@dataclass(frozen=True)
class Waktu:
    """A parsed waktu: ``low``/``high`` in working minutes (equal unless a range)."""

    kind: Kind
    text: str
    low: float | None = None
    high: float | None = None
    unit: str | None = None

    @property
    def minutes(self) -> float:
        """The standard (upper end) in working minutes; 0 when not stated or not measurable."""
        return self.high if self.high is not None else 0.0

    @property
    def measurable(self) -> bool:
        return self.kind == "stated"


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def parse_waktu(text: str | None) -> Waktu:
    """Parse a waktu text; see the module docstring for what is accepted."""
    raw = "" if text is None else str(text)
    cleaned = " ".join(raw.split())
    if cleaned in ("", "-", "–", "—"):
        return Waktu("not_stated", raw)
    match = _PATTERN.fullmatch(cleaned)
    if match is None:
        return Waktu("not_measurable", raw)
    low_text, high_text, unit_text = match.groups()
    unit = " ".join(unit_text.lower().split())
    unit = _ALIASES.get(unit, unit)
    low, high = _number(low_text), _number(high_text or low_text)
    if high < low:
        return Waktu("not_measurable", raw)
    factor = UNIT_MINUTES[unit]
    return Waktu("stated", raw, low * factor, high * factor, unit)


_WORDS = {
    "id": ("hari kerja", "jam", "menit", "kurang dari 1 menit"),
    "en": ("working day", "hour", "minute", "less than 1 minute"),
}


def format_minutes_id(minutes: float, lang: str = "id") -> str:
    """Working minutes as a phrase: ``2 hari kerja 3 jam 15 menit`` / ``45 menit``.

    Whole working days (450 minutes), then hours, then minutes, rounded to the minute.
    ``lang="en"`` gives ``2 working days 3 hours 15 minutes``.
    """
    words = _WORDS["en" if lang.startswith("en") else "id"]
    if 0 < minutes < 1:
        return words[3]
    total = int(minutes + 0.5)
    days, rest = divmod(total, MINUTES_PER_WORKING_DAY)
    hours, mins = divmod(rest, 60)
    parts = []
    for value, word in ((days, words[0]), (hours, words[1]), (mins, words[2])):
        if value:
            plural = "s" if words is _WORDS["en"] and value != 1 else ""
            parts.append(f"{value} {word}{plural}")
    return " ".join(parts) or f"0 {words[2]}{'s' if words is _WORDS['en'] else ''}"

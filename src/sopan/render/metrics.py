"""Text measurement with the metrics of the bundled Noto Sans (the font the PDF embeds).

The advance widths come from ``fonts/notosans-metrics.json`` (made by ``bench/fontmetrics.py``
from the TTF files); nothing else is read at run time. Widths ignore kerning: Noto Sans kerning
pairs are almost all negative, so a line measured here is never narrower than the set line.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

_FILE = Path(__file__).resolve().parent / "fonts" / "notosans-metrics.json"
FONT_FAMILY = "Noto Sans"


class _Style:
    def __init__(self, data: dict[str, object], units_per_em: int) -> None:
        self.units = float(units_per_em)
        self.ascender = float(data["ascender"]) / self.units  # type: ignore[arg-type]
        self.descender = float(data["descender"]) / self.units  # type: ignore[arg-type]
        self.notdef = float(data["notdef"]) / self.units  # type: ignore[arg-type]
        self.advance: dict[int, float] = {}
        for run in data["advances"]:  # type: ignore[attr-defined]
            first = run[0]
            for k, value in enumerate(run[1:]):
                self.advance[first + k] = value / self.units
        self._cache: dict[str, float] = {}

    def width(self, text: str) -> float:
        """Width of ``text`` at 1 pt."""
        cached = self._cache.get(text)
        if cached is None:
            get, notdef = self.advance.get, self.notdef
            cached = sum(get(ord(ch), notdef) for ch in text)
            if len(self._cache) < 50_000:
                self._cache[text] = cached
        return cached


@lru_cache(maxsize=1)
def _styles() -> tuple[_Style, _Style]:
    data = json.loads(_FILE.read_text(encoding="utf-8"))
    units = int(data["units_per_em"])
    return _Style(data["regular"], units), _Style(data["bold"], units)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Advance width in points of ``text`` set in Noto Sans at ``size`` points."""
    return _styles()[1 if bold else 0].width(text) * size


def ascent(size: float) -> float:
    """Height above the baseline of the font's ascender at ``size`` points."""
    return _styles()[0].ascender * size


def descent(size: float) -> float:
    """Depth below the baseline (positive) of the font's descender at ``size`` points."""
    return -_styles()[0].descender * size


_BREAK_AFTER = re.compile(r"(?<=[/\-_.?&=,;])")


def _break_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    """Cut a word wider than ``width``: after slashes/hyphens when possible, else by characters."""
    pieces: list[str] = []
    parts = [p for p in _BREAK_AFTER.split(word) if p]
    current = ""
    for part in parts:
        if text_width(current + part, size, bold) <= width:
            current += part
            continue
        if current:
            pieces.append(current)
            current = ""
        if text_width(part, size, bold) <= width:
            current = part
            continue
        for ch in part:  # by characters
            if current and text_width(current + ch, size, bold) > width:
                pieces.append(current)
                current = ""
            current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy line breaking at spaces; line breaks in ``text`` are kept; overlong words cut.

    Every returned line measures at most ``width`` (a single character wider than ``width``
    stays on its own line: nothing narrower exists).
    """
    lines: list[str] = []
    space = text_width(" ", size, bold)
    for paragraph in text.split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        current, current_width = "", 0.0
        for word in words:
            word_width = text_width(word, size, bold)
            if current and current_width + space + word_width <= width:
                current += " " + word
                current_width += space + word_width
                continue
            if current:
                lines.append(current)
            if word_width <= width:
                current, current_width = word, word_width
                continue
            pieces = _break_word(word, width, size, bold)
            lines.extend(pieces[:-1])
            current = pieces[-1]
            current_width = text_width(current, size, bold)
        lines.append(current)
    while len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines

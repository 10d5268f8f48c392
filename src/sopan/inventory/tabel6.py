"""The printed Tabel 6 (Formulir Identifikasi SOP AP), numbered as PermenPANRB 35/2012 asks.

Rows are stored one per process (see ``docs/inventory.md``); this module groups them back into
the form's hierarchy, in the order each value first appears::

    (1) No            A, B, C …        one letter per unit
    (2) Tugas         1, 2, 3          restarting in every unit
    (3) Fungsi        a, b, c          restarting under every tugas
    (4) Uraian Tugas  1), 2)           restarting under every fungsi
    (5) Kegiatan      a), b)           restarting under every uraian tugas
    (6) Output        (1), (2)         restarting under every kegiatan
    (7) Aspek Kegiatan                 not numbered
    (8) Judul SOP     1 … n            running through the whole table (easy to count)

A label is printed on the first row of its group only, like the paper form. An empty fungsi or
uraian tugas is a group of its own without a label. No Django import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Tabel6Input:
    unit: str
    tugas: str
    fungsi: str
    uraian_tugas: str
    kegiatan: str
    output: str
    aspek: str
    judul: str
    ref: Any = None  # what the caller wants back (a process id)


@dataclass(frozen=True)
class Cell:
    label: str  # the number as printed ("A", "1", "a", "1)", "a)", "(1)"), "" when not first
    text: str  # "" when not the first row of the group


@dataclass(frozen=True)
class Tabel6Row:
    no: Cell
    tugas: Cell
    fungsi: Cell
    uraian_tugas: Cell
    kegiatan: Cell
    output: Cell
    aspek: str
    judul_no: int
    judul: str
    ref: Any = None


def letters(n: int, *, upper: bool) -> str:
    """1 → a, 26 → z, 27 → aa (spreadsheet-style), upper or lower case."""
    text = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        text = chr(ord("a") + rest) + text
    return text.upper() if upper else text


LEVELS = ("unit", "tugas", "fungsi", "uraian_tugas", "kegiatan", "output")


def _label(level: str, n: int) -> str:
    return {
        "unit": letters(n, upper=True),
        "tugas": str(n),
        "fungsi": letters(n, upper=False),
        "uraian_tugas": f"{n})",
        "kegiatan": f"{letters(n, upper=False)})",
        "output": f"({n})",
    }[level]


def _tree(rows: list[Tabel6Input]) -> dict[str, Any]:
    """Nested dicts keyed by each level's text (dicts keep first-appearance order)."""
    root: dict[str, Any] = {}
    for row in rows:
        node = root
        for level in LEVELS:
            node = node.setdefault(getattr(row, level), {})
        node.setdefault("", []).append(row)
    return root


def number_rows(rows: list[Tabel6Input]) -> list[Tabel6Row]:
    """The rows of Tabel 6, grouped and numbered."""
    out: list[Tabel6Row] = []
    counter = {"judul": 0}

    def walk(node: dict[str, Any], depth: int, cells: list[Cell]) -> None:
        if depth == len(LEVELS):
            for row in node[""]:
                counter["judul"] += 1
                no, tugas, fungsi, uraian, kegiatan, output = cells
                out.append(
                    Tabel6Row(
                        no=no,
                        tugas=tugas,
                        fungsi=fungsi,
                        uraian_tugas=uraian,
                        kegiatan=kegiatan,
                        output=output,
                        aspek=row.aspek,
                        judul_no=counter["judul"],
                        judul=row.judul,
                        ref=row.ref,
                    )
                )
                cells = [Cell("", "")] * len(LEVELS)
            return
        numbered = 0
        for text, child in node.items():
            label = ""
            if text or LEVELS[depth] in ("unit", "tugas", "kegiatan", "output"):
                numbered += 1
                label = _label(LEVELS[depth], numbered)
            walk(child, depth + 1, [*cells, Cell(label, text)])
            cells = [Cell("", "")] * depth  # later siblings: the levels above are printed

    walk(_tree(rows), 0, [])
    return out

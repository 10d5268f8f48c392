"""Place the flowchart symbols of one page and route the arrows between them.

Input: the page's rows (their text height and, per actor column, the symbol they hold) and
the links between symbols. Output: row heights and positions, symbol boxes and orthogonal
polylines. Pure geometry; the table and pagination live in ``layout``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sopan.render.geometry import SymbolKind, bottom_point, top_point

Point = tuple[float, float]


@dataclass
class Slot:
    """One symbol to place: in the row that holds it, in actor column ``col``."""

    kind: SymbolKind
    node: str  # the id arrows use: a step id, or a connector id
    step_id: str | None
    actor_id: str | None
    label: str = ""


@dataclass
class GridRow:
    text_height: float
    slots: dict[int, Slot] = field(default_factory=dict)  # actor column index -> symbol


@dataclass
class Link:
    source: tuple[int, int]  # (row, actor column) in the page
    target: tuple[int, int]
    label: str | None = None
    kind: Literal["flow", "joint"] = "flow"


@dataclass
class PlacedSymbol:
    slot: Slot
    x: float
    y: float
    width: float
    height: float


@dataclass
class PlacedArrow:
    link: Link
    points: list[Point]
    label_at: Point | None = None


@dataclass
class PageGeometry:
    row_y: list[float]
    row_height: list[float]
    symbols: list[PlacedSymbol]
    arrows: list[PlacedArrow]


def symbol_size(kind: SymbolKind, column_width: float, scale: float) -> tuple[float, float]:
    """Width and height of a symbol in an actor column ``column_width`` points wide."""
    core = central_width(column_width, scale)
    if kind == "connector":
        w = min(core * 0.55, 18.0 * scale)
        return w, w * 1.1
    if kind == "decision":
        return core, min(core * 0.72, 34.0 * scale)
    if kind == "terminator":
        return core, min(core * 0.42, 18.0 * scale)
    return core, min(core * 0.5, 22.0 * scale)


def central_width(column_width: float, scale: float) -> float:
    """Width of the middle of an actor column where symbols sit (channels on both sides)."""
    channel = max(8.0 * scale, column_width * 0.17)
    return min(56.0 * scale, column_width - 2 * channel)


def route_page(
    rows: list[GridRow],
    links: list[Link],
    columns: list[tuple[float, float]],
    top: float,
    scale: float,
) -> PageGeometry:
    """Naive placement: symbols centred in their cells, arrows down-across-down."""
    gap = 10.0 * scale
    heights = []
    for row in rows:
        tallest = max(
            (symbol_size(s.kind, columns[c][1], scale)[1] for c, s in row.slots.items()),
            default=0.0,
        )
        heights.append(max(row.text_height, tallest + 2 * gap))
    ys = []
    y = top
    for h in heights:
        ys.append(y)
        y += h
    placed: dict[tuple[int, int], PlacedSymbol] = {}
    for r, row in enumerate(rows):
        for c, slot in row.slots.items():
            w, h = symbol_size(slot.kind, columns[c][1], scale)
            x0 = columns[c][0] + (columns[c][1] - w) / 2
            y0 = ys[r] + (heights[r] - h) / 2
            placed[(r, c)] = PlacedSymbol(slot, x0, y0, w, h)
    arrows = []
    for link in links:
        a, b = placed[link.source], placed[link.target]
        start = bottom_point(a.slot.kind, a.x, a.y, a.width, a.height, 0.0)
        end = top_point(b.slot.kind, b.x, b.y, b.width, b.height, 0.0)
        mid = start[1] + gap / 2
        pts = [start, (start[0], mid), (end[0], mid), end]
        arrows.append(PlacedArrow(link, pts, (start[0] + 2, start[1] + gap / 2)))
    return PageGeometry(ys, heights, list(placed.values()), arrows)

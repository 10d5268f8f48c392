"""The procedure table and its flowchart as plain geometry (points), computed once.

Every format draws from this: the PDF (Typst) and DOCX place each line, shape and text at
these coordinates; SVG/HTML/BPMN-DI reuse them. Coordinates are in points (1/72 inch), origin
at the top-left corner of the PAGE, y downwards. ``TextLine.x``/``y`` are the start of the
line and its baseline; every line was wrapped with the Noto Sans metrics (``metrics``) to fit
its cell minus ``PAD_X`` on each side, so it can be placed verbatim.

Decisions worth knowing when drawing:

- Header cells: ``no``, ``kegiatan``, ``keterangan`` span both header rows; ``pelaksana``
  (over the actor columns) and ``mutu_baku`` (over kelengkapan, waktu, output) sit in the first
  row; ``actor:<id>``, ``kelengkapan``, ``waktu``, ``output`` in the second. Header lines are
  bold. The grid (``Page.grid``) holds every line of header and body; outer border 0.8 pt.
- Rows: one per step in printed order. A step whose text is taller than ``MAX_ROW_SHARE`` of
  the page body continues on further rows (same ``step_id``, ``number`` "" and no symbol).
  Rows with ``step_id`` None and no cells hold off-page connectors (top and bottom of a page).
- Joint steps: a box in each actor column; the flow enters and leaves the box of the first
  actor named in ``pelaksana``; the boxes are joined left to right by ``Arrow(kind="joint")``
  lines (no arrowhead, ``source == target == step_id``).
- Off-page connectors (``Symbol.kind == "connector"``, a pentagon pointing down, label inside
  at its centre): a link down to a later page ends in ``conn:<L>:out`` at the bottom of its
  page and continues from ``conn:<L>:in`` at the top of the target's page, one pair per
  (source page, target). Links back up to an earlier page share one ``in`` per target; each
  page they leave from has one ``out`` with that label. Labels A…Z, AA, AB, … in order of
  first appearance.
- Steps without a (known) actor have no symbol, so links from or to them are not drawn.
- Scale: with many actors the columns cannot all reach their minimum widths; then fonts,
  paddings, symbols and minimum widths all shrink by one factor (``Layout.font_size`` < 8;
  e.g. 12 actors on A4 portrait: about 5.1 pt).
- Branch labels: ``Arrow.label`` at ``Arrow.label_at`` (baseline start), regular weight,
  ``LABEL_FACTOR × Layout.font_size``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

from sopan.document.model import SopDocument, Step
from sopan.render import metrics
from sopan.render.geometry import outline
from sopan.render.labels import TABLE_LABELS, label
from sopan.render.options import RenderOptions
from sopan.render.routing import GridRow, Link, PageGeometry, Slot, route_page, symbol_size

SymbolKind = Literal["terminator", "process", "decision", "connector"]


@dataclass(frozen=True)
class Column:
    key: str  # "no" | "kegiatan" | "actor:<id>" | "kelengkapan" | "waktu" | "output" | "keterangan"
    title: str
    x: float
    width: float


@dataclass(frozen=True)
class TextLine:
    text: str
    x: float  # start of the line
    y: float  # baseline
    bold: bool = False
    size: float = 8.0


@dataclass(frozen=True)
class Cell:
    column: str
    lines: tuple[TextLine, ...]


@dataclass(frozen=True)
class Row:
    step_id: str | None
    number: str
    y: float
    height: float
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Symbol:
    kind: SymbolKind
    step_id: str | None
    actor_id: str | None
    x: float
    y: float
    width: float
    height: float
    label: str = ""
    points: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class Arrow:
    source: str
    target: str
    points: tuple[tuple[float, float], ...]
    label: str | None = None
    label_at: tuple[float, float] | None = None
    # "flow": an arrow with an arrowhead at its last point; "joint": a plain line (no
    # arrowhead) joining the boxes of one joint step, left to right.
    kind: Literal["flow", "joint"] = "flow"


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5


@dataclass(frozen=True)
class Page:
    number: int
    header: tuple[Cell, ...]
    rows: tuple[Row, ...]
    grid: tuple[Line, ...]
    symbols: tuple[Symbol, ...]
    arrows: tuple[Arrow, ...]
    top: float
    bottom: float


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    margin: tuple[float, float, float, float]  # top, right, bottom, left
    font: str
    font_size: float
    line_height: float
    columns: tuple[Column, ...]
    pages: tuple[Page, ...]


# ---------------------------------------------------------------------------------------------
# Implementation
# ---------------------------------------------------------------------------------------------

MARGIN = (28.0, 28.0, 48.0, 28.0)  # top, right, bottom (≥ 40 pt for the PDF footer), left
FONT_SIZE = 8.0
# Branch labels (``Arrow.label``) are set at this share of ``Layout.font_size``, regular weight.
LABEL_FACTOR = 0.875
LINE_FACTOR = 1.2  # baseline-to-baseline distance / font size
PAD_X = 3.0  # text padding inside a cell, at scale 1
PAD_Y = 3.0
MIN_ACTOR = 48.0  # narrowest actor column at scale 1
IDEAL_ACTOR = 84.0
# Text columns: (key, minimum width, preferred width, share of extra width), at scale 1
TEXT_COLUMNS = (
    ("no", 20.0, 20.0, 0.0),
    ("kegiatan", 80.0, 170.0, 0.40),
    ("kelengkapan", 48.0, 90.0, 0.18),
    ("waktu", 38.0, 52.0, 0.07),
    ("output", 46.0, 80.0, 0.15),
    ("keterangan", 48.0, 100.0, 0.20),
)

MAX_ROW_SHARE = 0.55  # a row taller than this share of the table body is split (continued)
SYMBOL_KIND = {"mulai": "terminator", "selesai": "terminator", "keputusan": "decision"}


@dataclass
class _Plan:
    """One table row before placement: a step (or the continuation of a long one)."""

    step_index: int | None
    step_id: str | None
    number: str
    cells: list[tuple[str, list[tuple[str, float, float, bool]]]]  # key, (text, dx, dy, bold)
    text_height: float
    slots: dict[int, Slot]


class _Style:
    def __init__(self, scale: float) -> None:
        self.scale = scale
        self.size = FONT_SIZE * scale
        self.lh = self.size * LINE_FACTOR
        self.pad_x = PAD_X * scale
        self.pad_y = PAD_Y * scale
        self.first = self.size * 1.0  # first baseline below the text top

    def height(self, lines: int) -> float:
        return 2 * self.pad_y + self.first + max(lines - 1, 0) * self.lh + 0.3 * self.size


def _column_widths(n_actors: int, available: float) -> tuple[list[float], float, float]:
    """Text column widths, actor column width and the scale (≤ 1) of fonts and symbols."""
    mins = [c[1] for c in TEXT_COLUMNS]
    prefs = [c[2] for c in TEXT_COLUMNS]
    need = sum(mins) + n_actors * MIN_ACTOR
    if need > available:
        scale = available / need
        return [m * scale for m in mins], MIN_ACTOR * scale, scale
    actor = 0.0
    if n_actors:
        actor = min(max((available - sum(prefs)) / n_actors, MIN_ACTOR), IDEAL_ACTOR)
    rest = available - n_actors * actor
    if rest >= sum(prefs):
        extra = rest - sum(prefs)
        widths = [p + c[3] * extra for p, c in zip(prefs, TEXT_COLUMNS, strict=True)]
    else:
        t = (rest - sum(mins)) / (sum(prefs) - sum(mins))
        widths = [m + t * (p - m) for m, p in zip(mins, prefs, strict=True)]
    return widths, actor, 1.0


def _columns(
    doc: SopDocument, available: float, left: float, lang: str
) -> tuple[list[Column], float]:
    actors = []
    seen: set[str] = set()
    for actor in doc.pelaksana:
        if actor.id not in seen:
            seen.add(actor.id)
            actors.append(actor)
    widths, actor_width, scale = _column_widths(len(actors), available)
    specs: list[tuple[str, str, float]] = []
    keys = [c[0] for c in TEXT_COLUMNS]
    for key, width in zip(keys[:2], widths[:2], strict=True):
        specs.append((key, label(TABLE_LABELS[key], lang), width))
    for actor in actors:
        specs.append((f"actor:{actor.id}", actor.nama or actor.id, actor_width))
    for key, width in zip(keys[2:], widths[2:], strict=True):
        specs.append((key, label(TABLE_LABELS[key], lang), width))
    columns = []
    x = left
    for key, title, width in specs:
        columns.append(Column(key, title, x, width))
        x += width
    return columns, scale


def _text_lines(
    text: str, width: float, style: _Style, *, bold: bool = False, align: str = "left"
) -> list[tuple[str, float, float, bool]]:
    """Wrapped lines as (text, dx from the cell's left, dy baseline from the cell's top, bold)."""
    inner = width - 2 * style.pad_x
    out = []
    for k, line in enumerate(metrics.wrap(text, inner, style.size, bold)):
        dx = style.pad_x
        if align == "center":
            dx = (width - metrics.text_width(line, style.size, bold)) / 2
        out.append((line, dx, style.pad_y + style.first + k * style.lh, bold))
    return out


def _list_lines(
    items: list[str], width: float, style: _Style
) -> list[tuple[str, float, float, bool]]:
    """A list: one item a paragraph; several items with bullets and a hanging indent."""
    if len(items) == 1:
        return _text_lines(items[0], width, style)
    bullet = "\u2022 "
    indent = metrics.text_width(bullet, style.size)
    inner = width - 2 * style.pad_x - indent
    out = []
    k = 0
    for item in items:
        for j, line in enumerate(metrics.wrap(item, inner, style.size)):
            y = style.pad_y + style.first + k * style.lh
            if j == 0:
                out.append((bullet + line, style.pad_x, y, False))
            else:
                out.append((line, style.pad_x + indent, y, False))
            k += 1
    return out


def _cell_texts(step: Step) -> dict[str, list[str]]:
    number = "" if step.no is None else str(step.no)
    kelengkapan = step.kelengkapan
    items = (
        []
        if kelengkapan is None
        else [kelengkapan]
        if isinstance(kelengkapan, str)
        else [k for k in kelengkapan if k]
    )
    texts = {
        "no": [number],
        "kegiatan": [step.kegiatan or ""],
        "kelengkapan": items,
        "waktu": [step.waktu or ""],
        "output": [step.output or ""],
        "keterangan": [step.keterangan or ""],
    }
    return {k: v for k, v in texts.items() if any(t.strip() for t in v)}


def _header(
    columns: list[Column], style: _Style, top: float
) -> tuple[list[Cell], list[Line], float, float]:
    """Header cells, grid lines, and the heights of the header's two rows."""
    by_key = {c.key: c for c in columns}
    actors = [c for c in columns if c.key.startswith("actor:")]
    mutu = [by_key["kelengkapan"], by_key["waktu"], by_key["output"]]
    groups: list[tuple[str, str, float, float]] = []  # key, title, x, width (first header row)
    if actors:
        groups.append(
            (
                "pelaksana",
                label(TABLE_LABELS["pelaksana"]),
                actors[0].x,
                sum(a.width for a in actors),
            )
        )
    groups.append(
        ("mutu_baku", label(TABLE_LABELS["mutu_baku"]), mutu[0].x, sum(m.width for m in mutu))
    )
    row1 = {k: _text_lines(t, w, style, bold=True, align="center") for k, t, _, w in groups}
    h1 = max(style.height(len(v)) for v in row1.values())
    lower = [*actors, *mutu]
    row2 = {c.key: _text_lines(c.title, c.width, style, bold=True, align="center") for c in lower}
    h2 = max(style.height(len(v)) for v in row2.values())
    spans = [by_key["no"], by_key["kegiatan"], by_key["keterangan"]]
    whole = {c.key: _text_lines(c.title, c.width, style, bold=True, align="center") for c in spans}
    total = max(h1 + h2, *(style.height(len(v)) for v in whole.values()))
    h2 = total - h1
    cells: list[Cell] = []

    def place(
        key: str, x: float, y: float, height: float, lines: list[tuple[str, float, float, bool]]
    ) -> None:
        block = style.height(len(lines))
        shift = (height - block) / 2
        cells.append(
            Cell(
                key,
                tuple(TextLine(t, x + dx, y + shift + dy, b, style.size) for t, dx, dy, b in lines),
            )
        )

    for c in columns:
        if c.key in whole:
            place(c.key, c.x, top, total, whole[c.key])
    for key, _, x, _ in groups:
        place(key, x, top, h1, row1[key])
    for c in lower:
        place(c.key, c.x, top + h1, h2, row2[c.key])
    grid: list[Line] = []
    for _key, _, x, w in groups:
        grid.append(Line(x, top + h1, x + w, top + h1))
    for i, c in enumerate(columns[1:], start=1):
        inside_group = any(x < c.x < x + w - 0.01 for _, _, x, w in groups)
        grid.append(Line(c.x, top + (h1 if inside_group else 0.0), c.x, top + total))
        del i
    return cells, grid, h1, h2


def _plans(doc: SopDocument, columns: list[Column], style: _Style, body: float) -> list[_Plan]:
    by_key = {c.key: c for c in columns}
    actor_index = {
        c.key[6:]: i for i, c in enumerate(c for c in columns if c.key.startswith("actor:"))
    }
    plans: list[_Plan] = []
    for index, step in enumerate(doc.langkah):
        cells = []
        for key, texts in _cell_texts(step).items():
            col = by_key[key]
            if key == "kelengkapan":
                lines = _list_lines(texts, col.width, style)
            else:
                lines = _text_lines(
                    texts[0], col.width, style, align="center" if key == "no" else "left"
                )
            cells.append((key, lines))
        n = max((len(lines) for _, lines in cells), default=1)
        kind = SYMBOL_KIND.get(step.simbol, "process")
        slots: dict[int, Slot] = {}
        for actor_id in step.pelaksana:
            col_index = actor_index.get(actor_id)
            if col_index is not None and col_index not in slots:
                slots[col_index] = Slot(kind, step.step_id, step.step_id, actor_id)  # type: ignore[arg-type]
        number = "" if step.no is None else str(step.no)
        limit = max(int((body * MAX_ROW_SHARE - style.height(1)) / style.lh) + 1, 1)
        if n <= limit:
            plans.append(_Plan(index, step.step_id, number, cells, style.height(n), slots))
            continue
        for chunk in range(0, n, limit):  # a very long row continues on further rows
            part = []
            for key, lines in cells:
                piece = lines[chunk : chunk + limit]
                if piece:
                    part.append(
                        (key, [(t, dx, dy - chunk * style.lh, b) for t, dx, dy, b in piece])
                    )
            count = max((len(lines) for _, lines in part), default=1)
            plans.append(
                _Plan(
                    index if chunk == 0 else None,
                    step.step_id,
                    number if chunk == 0 else "",
                    part,
                    style.height(count),
                    slots if chunk == 0 else {},
                )
            )
    return plans


def _targets(doc: SopDocument) -> list[list[tuple[int, str | None]]]:
    """Links per row index, by the rules of ``StepGraph`` (row indices, duplicates tolerated)."""
    first: dict[str, int] = {}
    for i, step in enumerate(doc.langkah):
        first.setdefault(step.step_id, i)
    out: list[list[tuple[int, str | None]]] = []
    for i, step in enumerate(doc.langkah):
        if step.simbol == "selesai":
            links: list[tuple[int, str | None]] = []
        elif step.simbol == "keputusan":
            links = [(first[b.ke], b.label) for b in step.cabang if b.ke in first]
        elif step.ke is not None:
            links = [(first[t], None) for t in step.targets() if t in first]
        else:
            links = [(i + 1, None)] if i + 1 < len(doc.langkah) else []
        out.append(links)
    return out


def _connector_label(n: int) -> str:
    """A, B, …, Z, AA, AB, …"""
    text = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def layout_procedure(doc: SopDocument, options: RenderOptions | None = None) -> Layout:
    """Lay out the procedure table of ``doc`` on pages of ``options``' paper and orientation."""
    options = options or RenderOptions()
    width, height = options.page_size_pt()
    m_top, m_right, m_bottom, m_left = MARGIN
    columns, scale = _columns(doc, width - m_left - m_right, m_left, options.lang)
    style = _Style(scale)
    header_cells, header_grid, h1, h2 = _header(columns, style, m_top)
    table_top = m_top + h1 + h2
    limit = height - m_bottom
    body = limit - table_top
    plans = _plans(doc, columns, style, body)
    actor_cols = [(c.x, c.width) for c in columns if c.key.startswith("actor:")]
    targets = _targets(doc)
    plan_of_step = {p.step_index: k for k, p in enumerate(plans) if p.step_index is not None}
    # every flow link between two steps that have symbols: (source plan, target plan, label)
    edges: list[tuple[int, int, str | None]] = []
    for k, plan in enumerate(plans):
        if plan.step_index is None or not plan.slots:
            continue
        for target, branch in targets[plan.step_index]:
            j = plan_of_step[target]
            if plans[j].slots:
                edges.append((k, j, branch))

    pages_raw: list[tuple[PageGeometry, dict[tuple[int, int], str], list[_Plan | None]]] = []
    start = 0
    page_of = [0] * len(plans)  # page index of each row, known for the pages already made
    floor = [max(p.text_height, _least_height(p, actor_cols, scale)) for p in plans]
    while start < len(plans) or not pages_raw:
        # as many rows as could fit, then fewer until the routed page fits
        end, total = start, 0.0
        while end < len(plans) and (end == start or total + floor[end] <= body):
            total += floor[end]
            end += 1
        while True:
            grid_rows, links, kinds, page_plans = _page_grid(
                plans, edges, start, end, len(pages_raw), page_of
            )
            geometry = route_page(grid_rows, links, actor_cols, table_top, scale)
            if sum(geometry.row_height) <= body + 0.01 or end - start <= 1:
                break
            # drop the rows that overflow (at least one), keeping room for the bottom connectors
            used, fit = 0.0, 0
            bottom_rows = sum(1 for _ in itertools.takewhile(lambda p: p is None, page_plans[::-1]))
            reserve = sum(geometry.row_height[len(geometry.row_height) - bottom_rows :])
            for r, maybe in enumerate(page_plans):
                used += geometry.row_height[r]
                if maybe is not None:
                    if used > body - reserve:
                        break
                    fit += 1
            end = max(start + 1, min(end - 1, start + fit))
        pages_raw.append((geometry, kinds, page_plans))
        page_of[start:end] = [len(pages_raw) - 1] * (end - start)
        start = end
        if start >= len(plans):
            break

    # connector labels in order of first appearance
    labels: dict[str, str] = {}
    for geometry, _, _ in pages_raw:
        for placed in geometry.symbols:
            if placed.slot.kind == "connector":
                key = placed.slot.node.split(":")[1]
                if key not in labels:
                    labels[key] = _connector_label(len(labels))

    def rename(node: str) -> str:
        if node.startswith("conn:#"):
            _, key, side = node.split(":")
            return f"conn:{labels[key]}:{side}"
        return node

    pages = []
    right = columns[-1].x + columns[-1].width
    for number, (geometry, kinds, page_plans) in enumerate(pages_raw, start=1):
        rows: list[Row] = []
        grid = list(header_grid)
        grid.append(Line(m_left, m_top, right, m_top, 0.8))
        grid.append(Line(m_left, table_top, right, table_top, 0.8))
        for r, row_plan in enumerate(page_plans):
            y, h = geometry.row_y[r], geometry.row_height[r]
            grid.append(Line(m_left, y + h, right, y + h))
            if row_plan is None:  # connector row
                rows.append(Row(None, "", y, h, ()))
                continue
            by_key = {c.key: c for c in columns}
            cells = tuple(
                Cell(
                    key,
                    tuple(
                        TextLine(t, by_key[key].x + dx, y + dy, b, style.size)
                        for t, dx, dy, b in lines
                    ),
                )
                for key, lines in row_plan.cells
            )
            rows.append(Row(row_plan.step_id, row_plan.number, y, h, cells))
        bottom = rows[-1].y + rows[-1].height if rows else table_top
        for c in columns[1:]:
            grid.append(Line(c.x, table_top, c.x, bottom))
        grid.append(Line(m_left, m_top, m_left, bottom, 0.8))
        grid.append(Line(right, m_top, right, bottom, 0.8))
        grid.append(Line(m_left, bottom, right, bottom, 0.8))
        symbols = []
        for placed in geometry.symbols:
            slot = placed.slot
            lbl = labels[slot.node.split(":")[1]] if slot.kind == "connector" else ""
            symbols.append(
                Symbol(
                    slot.kind,
                    slot.step_id,
                    slot.actor_id,
                    placed.x,
                    placed.y,
                    placed.width,
                    placed.height,
                    lbl,
                    outline(slot.kind, placed.x, placed.y, placed.width, placed.height),
                )
            )
        arrows = []
        for pa in geometry.arrows:
            src = geometry_node(grid_rows_nodes=kinds, at=pa.link.source)
            dst = geometry_node(grid_rows_nodes=kinds, at=pa.link.target)
            arrows.append(
                Arrow(
                    rename(src),
                    rename(dst),
                    tuple(pa.points),
                    pa.link.label,
                    pa.label_at if pa.link.label else None,
                    pa.link.kind,
                )
            )
        pages.append(
            Page(
                number,
                tuple(header_cells),
                tuple(rows),
                tuple(grid),
                tuple(symbols),
                tuple(arrows),
                m_top,
                bottom,
            )
        )
    return Layout(
        width,
        height,
        MARGIN,
        metrics.FONT_FAMILY,
        style.size,
        style.lh,
        tuple(columns),
        tuple(pages),
    )


def _least_height(plan: _Plan, columns: list[tuple[float, float]], scale: float) -> float:
    """A lower bound of a row's height from its symbols (the bands only grow)."""
    tallest = max(
        (symbol_size(s.kind, columns[c][1], scale)[1] for c, s in plan.slots.items()), default=0.0
    )
    return tallest + 14.0 * scale


def geometry_node(grid_rows_nodes: dict[tuple[int, int], str], at: tuple[int, int]) -> str:
    return grid_rows_nodes[at]


def _page_grid(
    plans: list[_Plan],
    edges: list[tuple[int, int, str | None]],
    start: int,
    end: int,
    page: int,
    page_of: list[int],
) -> tuple[list[GridRow], list[Link], dict[tuple[int, int], str], list[_Plan | None]]:
    """The rows of one page (with connector rows) and its links, in page coordinates."""
    top_rows: list[dict[int, Slot]] = []
    bottom_rows: list[dict[int, Slot]] = []

    def primary(plan: _Plan) -> int:
        return next(iter(plan.slots))

    def add(rows: list[dict[int, Slot]], col: int, slot: Slot) -> int:
        for i, row in enumerate(rows):
            if col not in row:
                row[col] = slot
                return i
        rows.append({col: slot})
        return len(rows) - 1

    # Off-page connectors. A pair per (source page, target) for links down to a later page;
    # links back up to an earlier page share one "in" connector per target, matched by one
    # "out" connector with the same label on each page they leave from.
    pending: list[tuple[str, int, int, int, int, str | None]] = []  # kind, rows..., label
    placed_out: dict[str, tuple[int, int]] = {}
    placed_in: dict[str, tuple[int, int]] = {}
    for k, j, branch in edges:
        inside_k, inside_j = start <= k < end, start <= j < end
        if inside_k and inside_j:
            pending.append(("in", k, primary(plans[k]), j, primary(plans[j]), branch))
        elif inside_k:
            col = primary(plans[j])
            key = f"back|{j}" if j < start else f"fwd|{page}|{j}"
            if key not in placed_out:
                slot = Slot("connector", f"conn:#{key}:out", None, plans[j].slots[col].actor_id)
                placed_out[key] = (add(bottom_rows, col, slot), col)
            r, col = placed_out[key]
            pending.append(("out", k, primary(plans[k]), r, col, branch))
        elif inside_j:
            col = primary(plans[j])
            key = f"fwd|{page_of[k]}|{j}" if k < start else f"back|{j}"
            if key in placed_in:
                continue
            slot = Slot("connector", f"conn:#{key}:in", None, plans[j].slots[col].actor_id)
            placed_in[key] = (add(top_rows, col, slot), col)
            pending.append(("from", placed_in[key][0], col, j, col, None))
    n_top = len(top_rows)
    page_plans: list[_Plan | None] = [None] * n_top + plans[start:end] + [None] * len(bottom_rows)
    rows: list[GridRow] = [GridRow(0.0, dict(s)) for s in top_rows]
    rows += [GridRow(p.text_height, dict(p.slots)) for p in plans[start:end]]
    rows += [GridRow(0.0, dict(s)) for s in bottom_rows]
    nodes: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        for c, slot in row.slots.items():
            nodes[(r, c)] = slot.node
    links: list[Link] = []
    # joint steps: plain lines between their boxes, left to right
    for r, row in enumerate(rows):
        if len(row.slots) > 1 and page_plans[r] is not None:
            cols = sorted(row.slots)
            for a, b in itertools.pairwise(cols):
                links.append(Link((r, a), (r, b), None, "joint"))
    for kind, r1, c1, r2, c2, branch in pending:
        if kind == "in":
            links.append(Link((n_top + r1 - start, c1), (n_top + r2 - start, c2), branch))
        elif kind == "out":
            links.append(Link((n_top + r1 - start, c1), (n_top + (end - start) + r2, c2), branch))
        else:
            links.append(Link((r1, c1), (n_top + r2 - start, c2), None))
    return rows, links, nodes, page_plans

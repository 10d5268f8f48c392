"""SVG of a laid-out procedure page (``layout.Layout``): the table, its texts and the flowchart.

Pure string building; coordinates are the layout's points (1 SVG user unit = 1 pt).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from sopan.render.labels import DRAFT_MARK, label
from sopan.render.layout import LABEL_FACTOR, Arrow, Layout, Page, Symbol

FONT = "'Noto Sans', sans-serif"
STROKE = "#1f2937"
FILL = "#dbe7f5"
ARROW = "#1f2937"


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _points(points: tuple[tuple[float, float], ...]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _text(
    x: float, y: float, text: str, size: float, *, bold: bool = False, extra: str = ""
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}"{weight}{extra}>{escape(text)}</text>'
    )


def _symbol(symbol: Symbol, font_size: float) -> str:
    x, y, w, h = symbol.x, symbol.y, symbol.width, symbol.height
    common = f'fill="{FILL}" stroke="{STROKE}" stroke-width="0.8"'
    if symbol.kind == "terminator":
        r = h / 2
        shape = (
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" '
            f'rx="{_n(r)}" ry="{_n(r)}" {common}/>'
        )
    elif symbol.kind == "process":
        shape = f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" {common}/>'
    else:
        shape = f'<polygon points="{_points(symbol.points)}" {common}/>'
    data = f" data-step={quoteattr(symbol.step_id)}" if symbol.step_id is not None else ""
    out = f'<g class="symbol {symbol.kind}"{data}>{shape}'
    if symbol.label:
        size = min(font_size, h * 0.45)
        out += _text(
            x + w / 2,
            y + h * 0.42 + size * 0.35,
            symbol.label,
            size,
            bold=True,
            extra=' text-anchor="middle"',
        )
    return out + "</g>"


def _arrow(arrow: Arrow, font_size: float) -> str:
    marker = ' marker-end="url(#arrowhead)"' if arrow.kind == "flow" else ""
    out = (
        f'<polyline points="{_points(arrow.points)}" fill="none" stroke="{ARROW}" '
        f'stroke-width="0.7"{marker}/>'
    )
    if arrow.label and arrow.label_at:
        lx, ly = arrow.label_at
        out += _text(lx, ly, arrow.label, font_size * LABEL_FACTOR, extra=' class="branch"')
    return out


def _defs() -> str:
    return (
        "<defs>"
        '<marker id="arrowhead" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
        'markerHeight="6" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{ARROW}"/></marker>'
        "</defs>"
    )


def _open(layout: Layout) -> str:
    w, h = _n(layout.width), _n(layout.height)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" font-family="{FONT}">'
    )


def _flow(layout: Layout, page: Page) -> str:
    parts = [_symbol(s, layout.font_size) for s in page.symbols]
    parts += [_arrow(a, layout.font_size) for a in page.arrows]
    return "".join(parts)


def page_svg(layout: Layout, page: Page, *, draft: bool = False, lang: str = "id") -> str:
    """A standalone SVG of one procedure page: grid, header, cell texts, symbols and arrows."""
    parts = [_open(layout), _defs()]
    parts.append(f'<rect width="{_n(layout.width)}" height="{_n(layout.height)}" fill="white"/>')
    for cell in page.header:
        for line in cell.lines:
            parts.append(_text(line.x, line.y, line.text, line.size, bold=line.bold))
    for row in page.rows:
        for cell in row.cells:
            for line in cell.lines:
                parts.append(_text(line.x, line.y, line.text, line.size, bold=line.bold))
    for g in page.grid:
        parts.append(
            f'<line x1="{_n(g.x1)}" y1="{_n(g.y1)}" x2="{_n(g.x2)}" y2="{_n(g.y2)}" '
            f'stroke="black" stroke-width="{_n(g.width)}"/>'
        )
    parts.append(_flow(layout, page))
    if draft:
        cx, cy = layout.width / 2, layout.height / 2
        size = min(layout.width, layout.height) / 4
        parts.append(
            f'<text x="{_n(cx)}" y="{_n(cy)}" font-size="{_n(size)}" font-weight="bold" '
            f'fill="#9ca3af" fill-opacity="0.35" text-anchor="middle" dominant-baseline="middle" '
            f'transform="rotate(-35 {_n(cx)} {_n(cy)})">{escape(label(DRAFT_MARK, lang))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def flowchart_svg(layout: Layout, page: Page) -> str:
    """Only the flowchart of a page (symbols, arrows, branch labels), transparent background,
    in the page's coordinate system (for overlays and images)."""
    return _open(layout) + _defs() + _flow(layout, page) + "</svg>"

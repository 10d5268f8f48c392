"""Place the flowchart symbols of one page and route the arrows between them.

Input: the page's rows (their text height and, per actor column, the symbol they hold) and
the links between symbols. Output: row heights and positions, symbol boxes and orthogonal
polylines. Pure geometry; the table and pagination live in ``layout``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sopan.render import metrics
from sopan.render.geometry import SymbolKind, bottom_point, port_span, top_point

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


# Abstract vertical positions inside a row, for the channel interval colouring.
_UPPER, _MIDDLE, _LOWER = 0.25, 0.5, 0.75


@dataclass
class _Route:
    """The plan of one link before coordinates exist."""

    link: Link
    kind: Literal["straight", "drop", "channel", "joint"]
    exit: Literal["bottom", "left", "right"] = "bottom"
    channel: tuple[int, int] = (0, 0)  # (actor column, -1 left / +1 right)
    exit_offset: float = 0.0
    entry_offset: float = 0.0
    lower_track: int = -1  # track in the source row's lower band (bottom exits)
    upper_track: int = -1  # track in the target row's upper band (channel routes)
    channel_track: int = -1


def _colour(intervals: list[tuple[float, float, int]]) -> tuple[dict[int, int], int]:
    """Greedy interval colouring (touching intervals conflict): item -> track, track count."""
    tracks: list[float] = []  # end of the last interval on each track
    result: dict[int, int] = {}
    for lo, hi, item in sorted(intervals):
        for t, end in enumerate(tracks):
            if end < lo - 1e-6:
                tracks[t] = hi
                result[item] = t
                break
        else:
            result[item] = len(tracks)
            tracks.append(hi)
    return result, len(tracks)


def _offsets(count: int, centre_taken: bool, span: float, step: float) -> list[float]:
    """``count`` distinct offsets in [-span, span], symmetric, avoiding 0 if it is taken."""
    if count == 0:
        return []
    slots = count + (1 if centre_taken else 0)
    step = min(step, 2 * span / max(slots - 1, 1)) if slots > 1 else step
    values = [(k - (slots - 1) / 2) * step for k in range(slots)]
    if centre_taken:
        if slots % 2 == 0:  # even: no exact zero among the values; drop the one nearest 0
            values.remove(min(values, key=abs))
        else:
            values.remove(0.0)
    return values


def route_page(
    rows: list[GridRow],
    links: list[Link],
    columns: list[tuple[float, float]],
    top: float,
    scale: float,
) -> PageGeometry:
    """Place the symbols of a page and route its links (see the module notes on ``layout``).

    Every flow link leaves its source by the bottom (a decision also by its left and right
    corners) and enters its target from the top, at distinct points of the border. A link to
    the symbol straight below in the same column, with nothing between, is a straight line. A
    link to the next row in another column drops: along a track of the band under the source
    row, then down into the target. Any other link (loops back, jumps over rows, self links)
    runs along a track of the band under the source row, up or down a vertical channel beside
    the symbols (left or right part of an actor column), and along a track of the band above
    the target row. Tracks are assigned by interval colouring, so parallel segments never share
    a line; the bands grow with the number of tracks they carry.
    """
    n_rows = len(rows)
    size: dict[tuple[int, int], tuple[float, float]] = {}
    for r, row in enumerate(rows):
        for c, slot in row.slots.items():
            size[(r, c)] = symbol_size(slot.kind, columns[c][1], scale)
    tallest = [max((size[(r, c)][1] for c in row.slots), default=0.0) for r, row in enumerate(rows)]
    centre_x = [x + w / 2 for x, w in columns]
    half_core = [central_width(w, scale) / 2 for _, w in columns]

    def kind_at(at: tuple[int, int]) -> str:
        return rows[at[0]].slots[at[1]].kind

    # 1. classify the links
    routes: list[_Route] = []
    straight_used: set[tuple[int, int]] = set()
    sides_used: set[tuple[int, int, str]] = set()
    for link in links:
        (i, a), (j, b) = link.source, link.target
        if link.kind == "joint":
            routes.append(_Route(link, "joint"))
            continue
        between_empty = j > i and all(a not in rows[r].slots for r in range(i + 1, j))
        if b == a and between_empty and link.source not in straight_used:
            straight_used.add(link.source)
            routes.append(_Route(link, "straight"))
            continue
        exit: Literal["bottom", "left", "right"] = "bottom"
        if kind_at(link.source) == "decision" and len(rows[i].slots) == 1:
            # the side facing the target when free; the other side only for a target in that
            # direction or in the same column; otherwise the bottom
            facing: Literal["left", "right"] = "left" if b < a else "right"
            other: Literal["left", "right"] = "right" if facing == "left" else "left"
            if (i, a, facing) not in sides_used:
                exit = facing
            elif b == a and (i, a, other) not in sides_used:
                exit = other
            if exit != "bottom":
                sides_used.add((i, a, exit))
        drop = j == i + 1 and b != a and b not in rows[i].slots
        if (exit == "right" and b < a) or (exit == "left" and b > a):
            drop = False
        if drop:
            routes.append(_Route(link, "drop", exit))
            continue
        if exit != "bottom":
            channel = (a, 1 if exit == "right" else -1)
        elif b > a:
            channel = (a, 1)
        elif b < a:
            channel = (a, -1)
        else:
            channel = (a, 1)
        routes.append(_Route(link, "channel", exit, channel))

    # 2. ports: distinct offsets on the bottom of each source and the top of each target
    bottoms: dict[tuple[int, int], list[int]] = {}
    tops: dict[tuple[int, int], list[int]] = {}
    for k, route in enumerate(routes):
        if route.kind in ("joint", "straight"):
            continue
        if route.exit == "bottom":
            bottoms.setdefault(route.link.source, []).append(k)
        tops.setdefault(route.link.target, []).append(k)

    def toward(route: _Route) -> float:
        """Where a link heads for after leaving its source (to order the exits)."""
        if route.kind == "drop":
            return centre_x[route.link.target[1]]
        col, side = route.channel
        return centre_x[col] + side * (half_core[col] + 1)

    def origin(route: _Route) -> float:
        """Where a link comes from before entering its target (to order the entries)."""
        if route.kind == "drop":
            return centre_x[route.link.source[1]]
        col, side = route.channel
        return centre_x[col] + side * (half_core[col] + 1)

    step = 5.0 * scale
    for at, ks in bottoms.items():
        w, h = size[at]
        ks.sort(key=lambda k: toward(routes[k]))
        offs = _offsets(len(ks), at in straight_used, port_span(kind_at(at), w, h), step)
        for k, off in zip(ks, offs, strict=True):
            routes[k].exit_offset = off
    straight_targets = {r.link.target for r in routes if r.kind == "straight"}
    for at, ks in tops.items():
        w, h = size[at]
        ks.sort(key=lambda k: origin(routes[k]))
        offs = _offsets(len(ks), at in straight_targets, port_span(kind_at(at), w, h), step)
        for k, off in zip(ks, offs, strict=True):
            routes[k].entry_offset = off

    # 3. tracks: bands under source rows, bands above target rows, vertical channels
    lower: dict[int, list[tuple[float, float, int]]] = {}
    upper: dict[int, list[tuple[float, float, int]]] = {}
    chans: dict[tuple[int, int], list[tuple[float, float, int]]] = {}

    def channel_x_estimate(route: _Route) -> float:
        col, side = route.channel
        return centre_x[col] + side * (half_core[col] + columns[col][1] / 2) / 2

    for k, route in enumerate(routes):
        (i, a), (j, b) = route.link.source, route.link.target
        if route.kind == "drop" and route.exit == "bottom":
            xs = sorted((centre_x[a] + route.exit_offset, centre_x[b] + route.entry_offset))
            lower.setdefault(i, []).append((xs[0], xs[1], k))
        elif route.kind == "channel":
            cx = channel_x_estimate(route)
            begin = _LOWER
            if route.exit == "bottom":
                xs = sorted((centre_x[a] + route.exit_offset, cx))
                lower.setdefault(i, []).append((xs[0], xs[1], k))
            else:
                begin = _MIDDLE
            xs = sorted((cx, centre_x[b] + route.entry_offset))
            upper.setdefault(j, []).append((xs[0], xs[1], k))
            lo, hi = sorted((i + begin, j + _UPPER))
            chans.setdefault(route.channel, []).append((lo, hi, k))
    lower_count = [0] * n_rows
    upper_count = [0] * n_rows
    for r, items in lower.items():
        tracks, lower_count[r] = _colour(items)
        for k, t in tracks.items():
            routes[k].lower_track = t
    for r, items in upper.items():
        tracks, upper_count[r] = _colour(items)
        for k, t in tracks.items():
            routes[k].upper_track = t
    chan_count: dict[tuple[int, int], int] = {}
    for key, items in chans.items():
        tracks, chan_count[key] = _colour(items)
        for k, t in tracks.items():
            routes[k].channel_track = t

    # 4. rows: heights and positions
    lane = 4.0 * scale
    min_band = 7.0 * scale
    heights: list[float] = []
    row_y: list[float] = []
    centre_y: list[float] = []
    y = top
    for r, row in enumerate(rows):
        up = max(min_band, (upper_count[r] + 1) * lane)
        low = max(min_band, (lower_count[r] + 1) * lane)
        need = up + tallest[r] + low
        h = max(row.text_height, need)
        heights.append(h)
        row_y.append(y)
        centre_y.append(y + up + (h - need) / 2 + tallest[r] / 2)
        y += h

    def upper_lane(r: int, t: int) -> float:
        band_top, band_bottom = row_y[r], centre_y[r] - tallest[r] / 2
        gap = (band_bottom - band_top) / (upper_count[r] + 1)
        return band_top + (t + 1) * gap

    def lower_lane(r: int, t: int) -> float:
        band_top, band_bottom = centre_y[r] + tallest[r] / 2, row_y[r] + heights[r]
        gap = (band_bottom - band_top) / (lower_count[r] + 1)
        return band_top + (t + 1) * gap

    def channel_x(key: tuple[int, int], t: int) -> float:
        col, side = key
        x, w = columns[col]
        if side > 0:
            lo, hi = centre_x[col] + half_core[col], x + w
        else:
            lo, hi = x, centre_x[col] - half_core[col]
        count = chan_count[key]
        gap = min(lane, (hi - lo) / (count + 1))
        # tracks from the middle of the channel outwards, the first nearest the symbol
        first = (lo + hi) / 2 - side * (count - 1) * gap / 2
        return first + side * t * gap

    # 5. symbols
    placed: dict[tuple[int, int], PlacedSymbol] = {}
    for r, row in enumerate(rows):
        for c, slot in row.slots.items():
            w, h = size[(r, c)]
            placed[(r, c)] = PlacedSymbol(slot, centre_x[c] - w / 2, centre_y[r] - h / 2, w, h)

    def bottom_at(at: tuple[int, int], dx: float) -> Point:
        p = placed[at]
        return bottom_point(p.slot.kind, p.x, p.y, p.width, p.height, dx)

    def top_at(at: tuple[int, int], dx: float) -> Point:
        p = placed[at]
        return top_point(p.slot.kind, p.x, p.y, p.width, p.height, dx)

    # 6. polylines
    font = 8.0 * 0.875 * scale  # layout.FONT_SIZE * layout.LABEL_FACTOR
    left_edge = columns[0][0] if columns else 0.0
    right_edge = columns[-1][0] + columns[-1][1] if columns else 0.0
    arrows: list[PlacedArrow] = []
    for route in routes:
        link = route.link
        src, dst = placed[link.source], placed[link.target]
        i = link.source[0]
        cy = centre_y[i]
        label_at: Point | None = None
        if route.kind == "joint":
            pts = [(src.x + src.width, cy), (dst.x, cy)]
        elif route.kind == "straight":
            pts = [bottom_at(link.source, 0.0), top_at(link.target, 0.0)]
            label_at = (pts[0][0] + 2 * scale, pts[0][1] + font)
        else:
            end = top_at(link.target, route.entry_offset)
            if route.exit == "bottom":
                start = bottom_at(link.source, route.exit_offset)
                lane_y = lower_lane(i, route.lower_track)
                pts = [start, (start[0], lane_y)]
                # beside the stub, on the side the arrow does not turn to
                heading = (
                    centre_x[link.target[1]]
                    if route.kind == "drop"
                    else channel_x(route.channel, route.channel_track)
                )
                if heading > start[0] and link.label:
                    text = metrics.text_width(link.label, font)
                    label_at = (start[0] - 2 * scale - text, start[1] + font)
                else:
                    label_at = (start[0] + 2 * scale, start[1] + font)
            else:
                start = (src.x + src.width, cy) if route.exit == "right" else (src.x, cy)
                pts = [start]
                if link.label:
                    text = metrics.text_width(link.label, font)
                    lx = (
                        start[0] + 2 * scale
                        if route.exit == "right"
                        else start[0] - 2 * scale - text
                    )
                    label_at = (lx, cy - 2 * scale)
            if route.kind == "drop":
                pts.append((end[0], pts[-1][1]))
            else:
                xc = channel_x(route.channel, route.channel_track)
                y2 = upper_lane(link.target[0], route.upper_track)
                pts += [(xc, pts[-1][1]), (xc, y2), (end[0], y2)]
            pts.append(end)
        if label_at is not None and link.label:
            # keep branch labels over the actor columns (never over the text columns)
            text = metrics.text_width(link.label, font)
            lx = min(max(label_at[0], left_edge + scale), right_edge - scale - text)
            label_at = (max(lx, left_edge + scale), label_at[1])
        arrows.append(PlacedArrow(link, _simplify(pts), label_at))
    return PageGeometry(row_y, heights, list(placed.values()), arrows)


def _simplify(points: list[Point]) -> list[Point]:
    """Drop repeated points and the middle of three collinear points."""
    out: list[Point] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 1e-9 and abs(out[-1][1] - p[1]) < 1e-9:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (abs(a[0] - b[0]) < 1e-9 and abs(b[0] - p[0]) < 1e-9) or (
                abs(a[1] - b[1]) < 1e-9 and abs(b[1] - p[1]) < 1e-9
            ):
                out[-1] = p
                continue
        out.append(p)
    return out

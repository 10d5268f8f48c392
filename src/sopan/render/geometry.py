"""Symbol shapes and small geometry helpers for the flowchart layout (points, y downwards)."""

from __future__ import annotations

import math
from typing import Literal

SymbolKind = Literal["terminator", "process", "decision", "connector"]
Point = tuple[float, float]

# Part of a connector's height taken by its rectangular top (the rest is the pointed bottom).
CONNECTOR_SHOULDER = 0.6


def outline(kind: str, x: float, y: float, w: float, h: float) -> tuple[Point, ...]:
    """The outline polygon of a decision (4 points) or connector (5 points); () otherwise."""
    if kind == "decision":
        return ((x + w / 2, y), (x + w, y + h / 2), (x + w / 2, y + h), (x, y + h / 2))
    if kind == "connector":
        s = y + h * CONNECTOR_SHOULDER
        return ((x, y), (x + w, y), (x + w, s), (x + w / 2, y + h), (x, s))
    return ()


def top_point(kind: str, x: float, y: float, w: float, h: float, dx: float) -> Point:
    """The point of the upper border at horizontal offset ``dx`` from the centre."""
    cx = x + w / 2
    if kind == "decision":
        return (cx + dx, y + h / 2 * (abs(dx) / (w / 2)))
    if kind == "terminator":
        r = h / 2
        flat = w / 2 - r
        if abs(dx) <= flat:
            return (cx + dx, y)
        over = min(abs(dx) - flat, r)
        return (cx + dx, y + r - math.sqrt(max(r * r - over * over, 0.0)))
    return (cx + dx, y)


def bottom_point(kind: str, x: float, y: float, w: float, h: float, dx: float) -> Point:
    """The point of the lower border at horizontal offset ``dx`` from the centre."""
    cx = x + w / 2
    if kind == "decision":
        return (cx + dx, y + h - h / 2 * (abs(dx) / (w / 2)))
    if kind == "terminator":
        px, py = top_point(kind, x, y, w, h, dx)
        return (px, y + h - (py - y))
    if kind == "connector":
        s = y + h * CONNECTOR_SHOULDER
        return (cx + dx, y + h - (h - (s - y)) * (abs(dx) / (w / 2)))
    return (cx + dx, y + h)


def port_span(kind: str, w: float, h: float) -> float:
    """Half-width of the part of the top/bottom border where arrows may attach."""
    if kind == "terminator":
        return max(w / 2 - h / 2, w / 6)
    if kind == "decision":
        return w / 4
    if kind == "connector":
        return w / 4
    return w / 2 - 2.0


def on_border(kind: str, x: float, y: float, w: float, h: float, p: Point, tol: float) -> bool:
    """Is ``p`` on the border of the symbol (within ``tol`` points)?"""
    return distance_to_border(kind, x, y, w, h, p) <= tol


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    ax, ay = a
    bx, by = b
    px, py = p
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def polygon(kind: str, x: float, y: float, w: float, h: float) -> tuple[Point, ...]:
    """A polygon approximating the outline (capsule ends as arcs of 8 segments)."""
    if kind in ("decision", "connector"):
        return outline(kind, x, y, w, h)
    if kind == "terminator":
        r = h / 2
        pts: list[Point] = []
        for k in range(9):  # right end, top to bottom
            a = -math.pi / 2 + math.pi * k / 8
            pts.append((x + w - r + r * math.cos(a), y + r + r * math.sin(a)))
        for k in range(9):  # left end, bottom to top
            a = math.pi / 2 + math.pi * k / 8
            pts.append((x + r + r * math.cos(a), y + r + r * math.sin(a)))
        return tuple(pts)
    return ((x, y), (x + w, y), (x + w, y + h), (x, y + h))


def distance_to_border(kind: str, x: float, y: float, w: float, h: float, p: Point) -> float:
    if kind == "terminator":
        r = h / 2
        px, py = p
        cx = min(max(px, x + r), x + w - r)
        return (
            abs(math.hypot(px - cx, py - (y + r)) - r)
            if cx != px
            else min(abs(py - y), abs(py - y - h))
        )
    pts = polygon(kind, x, y, w, h)
    return min(_segment_distance(p, pts[i], pts[(i + 1) % len(pts)]) for i in range(len(pts)))


def segment_enters_box(
    a: Point, b: Point, box: tuple[float, float, float, float], eps: float = 0.01
) -> bool:
    """Does the axis-parallel segment ``a``-``b`` pass through the open interior of ``box``?

    ``box`` is (x, y, width, height); touching the border does not count.
    """
    x, y, w, h = box
    x1, x2 = sorted((a[0], b[0]))
    y1, y2 = sorted((a[1], b[1]))
    return x1 < x + w - eps and x2 > x + eps and y1 < y + h - eps and y2 > y + eps

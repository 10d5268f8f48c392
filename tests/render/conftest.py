"""Shared strategies and fixtures for the render tests (others may import from here).

``sop_documents()`` draws loadable-shaped SOP documents: random actors (some with long
names), steps with joint actors, decisions with one to four branches, jumps, loops, links to
the step itself, steps without actors, long texts (URLs, slashes) and lists.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from sopan.document import SopDocument, load_path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
EXAMPLES = sorted((REPO / "examples").glob("*.sop.yaml"))
REAL_SOPS = sorted((SHARED / "data" / "real-sops").glob("*.sop.yaml"))
ALL_SOP_FILES = EXAMPLES + REAL_SOPS

_TEXT = (
    "menerima surat masuk memeriksa kelengkapan berkas permohonan dan menyampaikan kepada "
    "Kepala Bidang untuk disposisi sesuai Peraturan/Keputusan Bupati Nomor 12 Tahun 2023 "
    "https://ppid.bps.go.id/layanan/pengaduan/formulir SP4N-LAPOR! e-mail"
)
WORDS = _TEXT.split()


@st.composite
def texts(draw: st.DrawFn, max_words: int = 40) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=max_words))
    return " ".join(words)


@st.composite
def sop_documents(
    draw: st.DrawFn, max_steps: int = 14, max_actors: int = 6, min_steps: int = 1
) -> SopDocument:
    n_actors = draw(st.integers(1, max_actors))
    actors = [
        {"id": f"a{k}", "nama": draw(st.one_of(st.just(f"Aktor {k}"), texts(max_words=6)))}
        for k in range(n_actors)
    ]
    n_steps = draw(st.integers(min_steps, max_steps))
    ids = [f"s{k}" for k in range(n_steps)]
    steps: list[dict[str, Any]] = []
    for k in range(n_steps):
        simbol = draw(
            st.sampled_from(["proses", "proses", "proses", "keputusan", "mulai", "selesai"])
        )
        if k == 0 and draw(st.booleans()):
            simbol = "mulai"
        if k == n_steps - 1 and draw(st.booleans()):
            simbol = "selesai"
        step: dict[str, Any] = {"id": ids[k], "simbol": simbol}
        if draw(st.integers(0, 9)) > 0:
            step["no"] = k + 1
        step["kegiatan"] = draw(texts(max_words=30))
        actor_count = draw(st.sampled_from([1, 1, 1, 1, 2, 3, 0]))
        step["pelaksana"] = draw(
            st.lists(
                st.sampled_from([a["id"] for a in actors]),
                min_size=min(actor_count, n_actors),
                max_size=min(actor_count, n_actors),
                unique=True,
            )
        )
        if draw(st.booleans()):
            step["kelengkapan"] = draw(st.one_of(texts(10), st.lists(texts(8), max_size=4)))
        if draw(st.booleans()):
            step["waktu"] = draw(st.sampled_from(["5 menit", "1 hari kerja", "1-3 jam", "-"]))
        if draw(st.booleans()):
            step["output"] = draw(texts(8))
        if draw(st.integers(0, 3)) == 0:
            step["keterangan"] = draw(texts(60))
        target = st.sampled_from(ids)
        if simbol == "keputusan":
            branches = draw(st.lists(target, min_size=1, max_size=4))
            labels = ["Ya", "Tidak", "Kotak Pengaduan", "Tatap muka"]
            step["cabang"] = [{"label": labels[b], "ke": t} for b, t in enumerate(branches)]
        elif simbol != "selesai" and draw(st.integers(0, 3)) == 0:
            step["ke"] = draw(st.one_of(target, st.lists(target, min_size=1, max_size=2)))
        steps.append(step)
    data = {"format": "sopan/1", "nama": "SOP uji", "pelaksana": actors, "langkah": steps}
    return SopDocument.model_validate(data)


@pytest.fixture(scope="session")
def example_documents() -> dict[str, SopDocument]:
    """Every example and real SOP, loaded, by file name."""
    return {path.name: load_path(path).document for path in ALL_SOP_FILES}


# ---------------------------------------------------------------------------------------------
# Geometry invariants of a layout (used by the layout tests; usable by any render test)
# ---------------------------------------------------------------------------------------------

TOL = 0.5


def _inside_shape(symbol: Any, p: tuple[float, float], margin: float) -> bool:
    """Is ``p`` inside the symbol's outline, farther than ``margin`` from its border?"""
    from sopan.render.geometry import distance_to_border, polygon

    pts = polygon(symbol.kind, symbol.x, symbol.y, symbol.width, symbol.height)
    x, y = p
    inside = False
    for k in range(len(pts)):
        (x1, y1), (x2, y2) = pts[k], pts[(k + 1) % len(pts)]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    if not inside:
        return False
    d = distance_to_border(symbol.kind, symbol.x, symbol.y, symbol.width, symbol.height, p)
    return d > margin


def _segments(arrow: Any) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    return list(zip(arrow.points, arrow.points[1:], strict=False))


def assert_layout_invariants(doc: SopDocument, layout: Any) -> None:
    from sopan.render import metrics
    from sopan.render.geometry import distance_to_border
    from sopan.render.layout import PAD_X

    top, right, bottom, left = layout.margin
    x_max, y_max = layout.width - right, layout.height - bottom
    assert bottom >= 40
    columns = {c.key: c for c in layout.columns}
    # columns tile the width between the margins
    xs = [c.x for c in layout.columns]
    assert xs == sorted(xs)
    for a, b in zip(layout.columns, layout.columns[1:], strict=False):
        assert abs(a.x + a.width - b.x) < 0.01
    assert layout.columns[0].x >= left - 0.01
    last = layout.columns[-1]
    assert last.x + last.width <= x_max + 0.01
    actor_cols = [c for c in layout.columns if c.key.startswith("actor:")]
    for c in actor_cols:
        assert c.width > 0

    def inside(x: float, y: float) -> None:
        assert left - 0.01 <= x <= x_max + 0.01, (x, left, x_max)
        assert top - 0.01 <= y <= y_max + 0.01, (y, top, y_max)

    seen: dict[tuple[str | None, str | None], int] = {}
    connectors: dict[str, list[tuple[int, str]]] = {}
    scale = layout.font_size / 8.0
    for page in layout.pages:
        # rows: consecutive, no overlap, summing to the table height
        assert page.top == top
        y = page.rows[0].y if page.rows else page.bottom
        header_bottom = y
        for row in page.rows:
            assert abs(row.y - y) < 0.01
            assert row.height > 0
            y += row.height
        assert abs(page.bottom - y) < 0.01
        assert page.bottom <= y_max + 0.01
        for cell in page.header:
            for line in cell.lines:
                inside(line.x, line.y)
                assert line.y <= header_bottom
        # texts fit their cells (same metrics) and stay inside their row
        for row in page.rows:
            for cell in row.cells:
                col = columns[cell.column]
                for line in cell.lines:
                    w = metrics.text_width(line.text, line.size, line.bold)
                    assert line.x >= col.x + PAD_X * scale - 0.01
                    assert line.x + w <= col.x + col.width - PAD_X * scale + 0.01 or (
                        len(line.text) == 1
                    ), (line.text, w, col.width)
                    assert line.y - line.size >= row.y - 0.01
                    assert line.y + 0.3 * line.size <= row.y + row.height + 0.01
                    inside(line.x, line.y)
        for g in page.grid:
            inside(g.x1, g.y1)
            inside(g.x2, g.y2)
        # symbols: in their row and actor column, not overlapping, inside the page
        rows_by_step: dict[str | None, Any] = {}
        for row in page.rows:
            if row.number or row.step_id not in rows_by_step:
                rows_by_step.setdefault(row.step_id, row)
        for s in page.symbols:
            inside(s.x, s.y)
            inside(s.x + s.width, s.y + s.height)
            col = columns[f"actor:{s.actor_id}"]
            assert col.x < s.x and s.x + s.width < col.x + col.width
            if s.kind == "connector":
                assert s.label and len(s.points) == 5
                connectors.setdefault(s.label, []).append((page.number, s.step_id or ""))
            else:
                seen[(s.step_id, s.actor_id)] = seen.get((s.step_id, s.actor_id), 0) + 1
                row = next(
                    r
                    for r in page.rows
                    if r.step_id == s.step_id and r.y <= s.y and s.y + s.height <= r.y + r.height
                )
                assert row is not None
                if s.kind == "decision":
                    assert len(s.points) == 4
        for k, a in enumerate(page.symbols):
            for b in page.symbols[k + 1 :]:
                assert (
                    a.x + a.width <= b.x
                    or b.x + b.width <= a.x
                    or a.y + a.height <= b.y
                    or b.y + b.height <= a.y
                ), (a, b)
        # arrows
        by_node: dict[str, list[Any]] = {}
        for s in page.symbols:
            if s.kind == "connector":
                by_node.setdefault(f"conn:{s.label}:out", []).append(s)
                by_node.setdefault(f"conn:{s.label}:in", []).append(s)
            else:
                by_node.setdefault(str(s.step_id), []).append(s)
        all_segments = []
        for n, arrow in enumerate(page.arrows):
            assert len(arrow.points) >= 2
            for p in arrow.points:
                inside(*p)
            if arrow.label_at is not None:
                inside(*arrow.label_at)
            for end, node in ((arrow.points[0], arrow.source), (arrow.points[-1], arrow.target)):
                assert any(
                    distance_to_border(s.kind, s.x, s.y, s.width, s.height, end) <= TOL
                    for s in by_node[node]
                ), (node, end)
            for (x1, y1), (x2, y2) in _segments(arrow):
                assert abs(x1 - x2) < 1e-6 or abs(y1 - y2) < 1e-6, arrow
                assert (x1, y1) != (x2, y2)
                all_segments.append((n, (x1, y1), (x2, y2)))
                # never through a symbol's interior
                length = abs(x2 - x1) + abs(y2 - y1)
                samples = max(2, int(length / 0.5))
                for s in page.symbols:
                    if not (
                        min(x1, x2) < s.x + s.width
                        and max(x1, x2) > s.x
                        and min(y1, y2) < s.y + s.height
                        and max(y1, y2) > s.y
                    ):
                        continue
                    for t in range(samples + 1):
                        q = (x1 + (x2 - x1) * t / samples, y1 + (y2 - y1) * t / samples)
                        assert not _inside_shape(s, q, 0.3), (arrow, s)
        # no two segments share a track
        for k, (n1, a1, b1) in enumerate(all_segments):
            for n2, a2, b2 in all_segments[k + 1 :]:
                horizontal = abs(a1[1] - b1[1]) < 1e-6 and abs(a2[1] - b2[1]) < 1e-6
                if horizontal and abs(a1[1] - a2[1]) < 0.01:
                    lo = max(min(a1[0], b1[0]), min(a2[0], b2[0]))
                    hi = min(max(a1[0], b1[0]), max(a2[0], b2[0]))
                    assert hi - lo <= 0.01, (page.arrows[n1], page.arrows[n2])
                vertical = abs(a1[0] - b1[0]) < 1e-6 and abs(a2[0] - b2[0]) < 1e-6
                if vertical and abs(a1[0] - a2[0]) < 0.01:
                    lo = max(min(a1[1], b1[1]), min(a2[1], b2[1]))
                    hi = min(max(a1[1], b1[1]), max(a2[1], b2[1]))
                    assert hi - lo <= 0.01, (page.arrows[n1], page.arrows[n2])
        for arrow in page.arrows:
            if arrow.source.startswith("conn:"):
                assert arrow.source.endswith(":in")
            if arrow.target.startswith("conn:"):
                assert arrow.target.endswith(":out")
    # every off-page connector has its pair: one "in" and, on other pages, its "out": one for
    # a link down to a later page; one per page left from for links back up to a target
    for lbl, where in connectors.items():
        outs = [
            p.number for p in layout.pages if any(a.target == f"conn:{lbl}:out" for a in p.arrows)
        ]
        ins = [
            p.number for p in layout.pages if any(a.source == f"conn:{lbl}:in" for a in p.arrows)
        ]
        assert len(ins) == 1 and outs and ins[0] not in outs, (lbl, outs, ins)
        assert len(set(outs)) == len(outs) == len(where) - 1, (lbl, outs, where)
        if outs[0] < ins[0]:
            assert outs == [ins[0] - 1] or len(outs) == 1, (lbl, outs, ins)
    # every step appears exactly once per (known) actor it names
    known = {a.id for a in doc.pelaksana}
    for step in doc.langkah:
        for actor in set(step.pelaksana) & known:
            assert seen.get((step.step_id, actor)) == 1, (step.step_id, actor)
    expected = sum(len(set(s.pelaksana) & known) for s in doc.langkah)
    assert sum(seen.values()) == expected

"""Layout of particular documents: sizes, degenerate SOPs, connectors, text measurement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sopan.document import SopDocument
from sopan.render import metrics
from sopan.render.layout import _connector_label, layout_procedure
from sopan.render.options import RenderOptions
from tests.render.conftest import assert_layout_invariants

FONTS = Path(metrics.__file__).parent / "fonts"


def _doc(steps: list[dict], actors: int = 2) -> SopDocument:
    return SopDocument.model_validate(
        {
            "format": "sopan/1",
            "nama": "Uji",
            "pelaksana": [{"id": f"a{k}", "nama": f"Aktor {k}"} for k in range(actors)],
            "langkah": steps,
        }
    )


def _chain(n: int, actors: int) -> SopDocument:
    steps = [
        {"id": f"s{k}", "no": k + 1, "kegiatan": f"Langkah {k}", "pelaksana": [f"a{k % actors}"]}
        for k in range(n)
    ]
    steps[0]["simbol"] = "mulai"
    steps[-1]["simbol"] = "selesai"
    return _doc(steps, actors)


def test_connector_labels() -> None:
    assert [_connector_label(n) for n in (0, 1, 25, 26, 27, 51, 52)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA"
    ]  # fmt: skip


@pytest.mark.parametrize("paper", ["a4", "f4"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_eighty_steps_twelve_actors(paper, orientation) -> None:
    doc = _chain(80, 12)
    layout = layout_procedure(doc, RenderOptions(paper=paper, orientation=orientation))
    assert len(layout.pages) > 1
    assert_layout_invariants(doc, layout)
    labels = {s.label for p in layout.pages for s in p.symbols if s.kind == "connector"}
    assert len(labels) == len(layout.pages) - 1  # one pair per page break of the chain


def test_twelve_actors_on_a4_portrait_use_a_smaller_font() -> None:
    layout = layout_procedure(_chain(5, 12), RenderOptions(orientation="portrait"))
    assert layout.font_size < 8.0
    actors = [c for c in layout.columns if c.key.startswith("actor:")]
    assert len({round(c.width, 6) for c in actors}) == 1


def test_few_actors_keep_the_full_font() -> None:
    layout = layout_procedure(_chain(5, 4))
    assert layout.font_size == 8.0
    widths = {c.key: c.width for c in layout.columns}
    assert widths["kegiatan"] > widths["no"]
    assert all(widths[f"actor:a{k}"] >= 48 for k in range(4))


@pytest.mark.parametrize(
    "steps",
    [
        [],  # no steps
        [{"id": "a", "kegiatan": "Tanpa pelaksana"}],  # no actor, no mulai/selesai
        [{"id": "a", "pelaksana": ["a0"], "ke": "a"}],  # ke to itself
        [  # a decision with one exit, an unreachable step, an unused actor
            {"id": "a", "simbol": "keputusan", "pelaksana": ["a0"], "cabang": [{"ke": "a"}]},
            {"id": "b", "pelaksana": ["a0"]},
        ],
        [  # joint steps, decisions with four exits in both directions
            {"id": "a", "simbol": "mulai", "pelaksana": ["a1", "a0"]},
            {
                "id": "b",
                "simbol": "keputusan",
                "pelaksana": ["a1"],
                "cabang": [
                    {"label": "Ya", "ke": "a"},
                    {"label": "Tidak", "ke": "c"},
                    {"label": "Lain", "ke": "b"},
                    {"label": "Lagi", "ke": "c"},
                ],
            },
            {"id": "c", "simbol": "selesai", "pelaksana": ["a0", "a1"]},
        ],
    ],
)
def test_problem_documents_still_lay_out(steps) -> None:
    doc = _doc(steps)
    for options in (RenderOptions(), RenderOptions(orientation="portrait")):
        layout = layout_procedure(doc, options)
        assert layout.pages
        assert_layout_invariants(doc, layout)


def test_no_actor_columns_at_all() -> None:
    doc = _doc([{"id": "a", "kegiatan": "Sesuatu"}], actors=0)
    layout = layout_procedure(doc)
    assert not [c for c in layout.columns if c.key.startswith("actor:")]
    assert layout.pages[0].rows[0].cells


def test_a_huge_row_continues_on_further_rows() -> None:
    long = " ".join(["keterangan panjang sekali"] * 900)
    doc = _doc(
        [{"id": "a", "pelaksana": ["a0"], "keterangan": long}, {"id": "b", "pelaksana": ["a1"]}]
    )
    layout = layout_procedure(doc)
    assert len(layout.pages) > 1
    assert_layout_invariants(doc, layout)
    rows = [r for p in layout.pages for r in p.rows if r.step_id == "a"]
    assert len(rows) > 1 and rows[0].number == "" and rows[1].number == ""


def test_straight_down_when_the_actor_is_the_same() -> None:
    layout = layout_procedure(_chain(3, 1))
    for arrow in layout.pages[0].arrows:
        assert len(arrow.points) == 2 and arrow.points[0][0] == arrow.points[1][0]


def test_wrap_breaks_long_words_and_fits() -> None:
    text = "Peraturan/Keputusan https://ppid.bps.go.id/layanan/pengaduan biasa"
    lines = metrics.wrap(text, 50, 8)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(metrics.text_width(line, 8) <= 50 for line in lines)
    assert lines[0] == "Peraturan/"


def test_metrics_json_matches_the_fonts() -> None:
    fontTools = pytest.importorskip("fontTools.ttLib")
    data = json.loads((FONTS / "notosans-metrics.json").read_text())
    for style, name in (("regular", "NotoSans-Regular.ttf"), ("bold", "NotoSans-Bold.ttf")):
        font = fontTools.TTFont(FONTS / name)
        cmap, hmtx = font.getBestCmap(), font["hmtx"]
        for ch in "Aa Wi/-.é":
            expected = hmtx[cmap[ord(ch)]][0] * 8 / data["units_per_em"]
            assert metrics.text_width(ch, 8, style == "bold") == pytest.approx(expected)

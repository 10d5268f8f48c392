"""SVG of a procedure page and of its flowchart."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from sopan.render.layout import layout_procedure
from sopan.render.options import RenderOptions
from sopan.render.svg import flowchart_svg, page_svg
from tests.render.conftest import ALL_SOP_FILES

NS = "{http://www.w3.org/2000/svg}"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("path", ALL_SOP_FILES, ids=lambda p: p.name)
def test_page_svg_parses_and_holds_every_kegiatan(path, example_documents) -> None:
    doc = example_documents[path.name]
    layout = layout_procedure(doc, RenderOptions(orientation="portrait"))
    texts = []
    for page in layout.pages:
        root = ET.fromstring(page_svg(layout, page, draft=True))
        assert root.tag == f"{NS}svg"
        assert root.find(f"{NS}defs/{NS}marker") is not None
        texts += [t.text or "" for t in root.iter(f"{NS}text")]
        assert "KONSEP" in texts
    joined = _squash("".join(texts))
    for step in doc.langkah:
        if step.kegiatan:
            assert _squash(step.kegiatan) in joined, step.kegiatan


def test_flowchart_svg_has_only_the_flow(example_documents) -> None:
    doc = example_documents["bps_bengkulu_layanan_pengaduan.sop.yaml"]
    layout = layout_procedure(doc)
    page = layout.pages[0]
    root = ET.fromstring(flowchart_svg(layout, page))
    assert root.find(f"{NS}line") is None  # no grid
    assert len(root.findall(f".//{NS}polyline")) == len(page.arrows)
    labels = {t.text for t in root.iter(f"{NS}text")}
    assert {"Ya", "tidak", "Kotak Pengaduan", "Tatap muka"} <= labels
    assert "KONSEP" not in page_svg(layout, page, draft=False)

"""HTML: the fragment (identity, elements, procedure pages as SVG, steps) and the printable page."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopan.document import SopDocument, load_path
from sopan.render.formats import FORMATS
from sopan.render.html import render_html, render_html_page
from sopan.render.options import RenderOptions

REPO = Path(__file__).resolve().parents[2]
ALL = sorted((REPO / "examples").glob("*.sop.yaml")) + sorted(
    (REPO.parent / "shared" / "data" / "real-sops").glob("*.sop.yaml")
)
AKTA = REPO / "examples" / "dukcapil-penerbitan-akta-kelahiran.sop.yaml"


def test_fragment_has_identity_elements_pages_and_steps() -> None:
    doc = load_path(AKTA).document
    html = render_html(doc, RenderOptions(draft=False))
    assert html.count('<figure class="sopan-page"><svg') >= 1
    for text in (
        "Nomor SOP",
        "400.12.3.1/021/SOP/DISDUKCAPIL/2025",
        "3 November 2025",
        "NIP 19750115 200012 1 001",
        "Dasar Hukum",
        "Pencatatan dan Pendataan",
        "Lengkap → rekam",
        "Halaman 1 dari",
    ):
        assert text in html, text
    assert "KONSEP" not in html
    assert not html.lstrip().startswith("<!doctype")


def test_user_text_is_escaped() -> None:
    doc = load_path(AKTA).document
    evil = doc.model_copy(
        update={"nama": "<script>alert(1)</script>", "tujuan": 'a "b" & <i>c</i>'}
    )
    html = render_html_page(evil)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "a &quot;b&quot; &amp; &lt;i&gt;c&lt;/i&gt;" in html


def test_page_is_standalone_with_print_css_and_konsep_for_drafts() -> None:
    doc = load_path(AKTA).document
    page = render_html_page(doc, RenderOptions(paper="f4", orientation="landscape", draft=True))
    assert page.startswith("<!doctype html>")
    assert "@page{size:330mm 215mm" in page
    assert "KONSEP" in page and "(KONSEP)</title>" in page
    portrait = render_html_page(doc, RenderOptions(paper="a4", orientation="portrait"))
    assert "@page{size:210mm 297mm" in portrait


def test_english_labels() -> None:
    html = render_html(load_path(AKTA).document, RenderOptions(lang="en", draft=True))
    assert "DRAFT" in html and "Legal basis" in html.replace("Legal Basis", "Legal basis")


def test_empty_document() -> None:
    doc = SopDocument.model_validate({"format": "sopan/1", "nama": "Kosong"})
    assert "Kosong" in render_html_page(doc)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
@pytest.mark.parametrize("name", ["html", "svg", "bpmn", "mermaid"])
def test_every_sop_renders_in_every_light_format(path: Path, name: str) -> None:
    doc = load_path(path).document
    fmt = FORMATS[name]
    for draft in (True, False):
        data = fmt.render(doc, RenderOptions(draft=draft))
        assert data and isinstance(data, bytes)
        data.decode("utf-8")
    if name == "svg":
        assert fmt.render_pages is not None
        pages = fmt.render_pages(doc, RenderOptions())
        assert all(p.startswith(b"<svg") for p in pages)

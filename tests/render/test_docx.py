"""The Word document: real tables with the identity labels, every kegiatan and actor names,
KONSEP in the header of drafts, valid enough for LibreOffice to convert, and every example
renders."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings

from sopan.document import SopDocument, load_path
from sopan.render.docx import render_docx
from sopan.render.labels import ELEMENT_LABELS, IDENTITY_LABELS
from sopan.render.options import RenderOptions
from tests.render.conftest import ALL_SOP_FILES, sop_documents

SURAT = Path(__file__).resolve().parents[2] / "examples" / "setda-pengelolaan-surat-masuk.sop.yaml"
URL = "https://sopan.example.go.id/v/7f3a-0001"


@pytest.fixture(scope="module")
def surat() -> SopDocument:
    return load_path(SURAT).document


@pytest.fixture(scope="module")
def draft_docx(surat: SopDocument) -> bytes:
    return render_docx(surat, RenderOptions(system_version=2))


def all_table_text(data: bytes) -> str:
    word = Document(io.BytesIO(data))
    parts: list[str] = []
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def test_identity_elements_and_procedure_are_word_tables(
    surat: SopDocument, draft_docx: bytes
) -> None:
    text = all_table_text(draft_docx)
    for label in [*IDENTITY_LABELS.values(), *ELEMENT_LABELS.values()]:
        assert label in text, label
    for step in surat.langkah:
        assert step.kegiatan and step.kegiatan in text, step.kegiatan
    for actor in surat.pelaksana:
        assert actor.nama and actor.nama in text, actor.nama
    assert "NIP 19680712 199403 1 005" in text
    assert "10 Maret 2025" in text
    assert "Kelengkapan" in text and "Mutu Baku" in text


def test_flowchart_pictures_and_landscape_sections(draft_docx: bytes) -> None:
    names = zipfile.ZipFile(io.BytesIO(draft_docx)).namelist()
    assert any(n.startswith("word/media/") and n.endswith(".png") for n in names)
    word = Document(io.BytesIO(draft_docx))
    assert all(s.page_width > s.page_height for s in word.sections)  # type: ignore[operator]


def test_konsep_in_headers_and_title_of_drafts_only(surat: SopDocument, draft_docx: bytes) -> None:
    word = Document(io.BytesIO(draft_docx))
    assert word.core_properties.title.startswith("KONSEP")
    assert all("KONSEP" in s.header.paragraphs[0].text for s in word.sections)
    final = Document(io.BytesIO(render_docx(surat, RenderOptions(draft=False, verify_url=URL))))
    assert not final.core_properties.title.startswith("KONSEP")
    assert all("KONSEP" not in s.header.paragraphs[0].text for s in final.sections)
    assert "Pindai untuk memeriksa keabsahan" in final.sections[0].footer.paragraphs[0].text


def test_other_elements(draft_docx: bytes) -> None:
    word = Document(io.BytesIO(draft_docx))
    headings = [
        p.text
        for p in word.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert "Tujuan" in headings and "Riwayat Revisi" in headings


@pytest.mark.parametrize("path", ALL_SOP_FILES, ids=lambda p: p.name)
def test_every_example_and_real_sop_renders(path: Path) -> None:
    doc = load_path(path).document
    for paper in ("a4", "f4"):
        data = render_docx(doc, RenderOptions(paper=paper))  # type: ignore[arg-type]
        assert Document(io.BytesIO(data)).tables


def test_empty_and_nasty_documents() -> None:
    empty = SopDocument.model_validate({"format": "sopan/1", "nama": "Kosong"})
    assert Document(io.BytesIO(render_docx(empty))).tables
    nasty = SopDocument.model_validate(
        {
            "format": "sopan/1",
            "nama": "Kontrol \x07 karakter <b>&amp; ꦗꦮ",
            "pelaksana": [{"id": "a"}],
            "langkah": [{"no": 1, "kegiatan": "x\x0by & <z>", "pelaksana": ["a"]}],
        }
    )
    assert "<z>" in all_table_text(render_docx(nasty))


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=sop_documents())
def test_generated_documents_render(doc: SopDocument) -> None:
    assert Document(io.BytesIO(render_docx(doc))).tables


def test_libreoffice_converts_it_and_finds_the_kegiatan(
    tmp_path: Path, surat: SopDocument, draft_docx: bytes
) -> None:
    source = tmp_path / "sop.docx"
    source.write_bytes(draft_docx)
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "sop.pdf"
    assert pdf.exists()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    flat = " ".join(text.decode().split())
    for step in surat.langkah:
        assert step.kegiatan
        assert " ".join(step.kegiatan.split()[:3]) in flat, step.kegiatan

"""The official PDF: identity labels, every kegiatan, KONSEP on drafts only, the verification
QR code, page count and footer, escaping of user text, and that every loadable document renders
(examples, real SOPs, A4 and F4, generated documents)."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from sopan.document import SopDocument, load_path
from sopan.render.labels import ELEMENT_LABELS, IDENTITY_LABELS
from sopan.render.options import RenderOptions
from sopan.render.pdf import render_pdf
from tests.render.conftest import ALL_SOP_FILES, EXAMPLES, sop_documents

URL = "https://sopan.example.go.id/v/7f3a-0001"
SURAT = Path(__file__).resolve().parents[2] / "examples" / "setda-pengelolaan-surat-masuk.sop.yaml"


def pdf_text(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def page_count(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run(["pdfinfo", f.name], capture_output=True, check=True).stdout
    return int(re.search(rb"Pages:\s+(\d+)", out).group(1))  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def surat() -> SopDocument:
    return load_path(SURAT).document


@pytest.fixture(scope="module")
def draft_pdf(surat: SopDocument) -> bytes:
    return render_pdf(surat, RenderOptions(system_version=2))


@pytest.fixture(scope="module")
def final_pdf(surat: SopDocument) -> bytes:
    return render_pdf(surat, RenderOptions(draft=False, verify_url=URL, status_label="BERLAKU"))


def test_is_a_pdf_with_the_bundled_font_embedded(draft_pdf: bytes) -> None:
    assert draft_pdf.startswith(b"%PDF-")
    assert b"NotoSans" in draft_pdf


def test_identity_and_element_labels_and_values(surat: SopDocument, draft_pdf: bytes) -> None:
    text = squash(pdf_text(draft_pdf))
    for label in [*IDENTITY_LABELS.values(), *ELEMENT_LABELS.values()]:
        assert label in text, label
    assert "PEMERINTAH KABUPATEN SUKAMAJU" in text
    assert "BAGIAN UMUM" in text
    assert "10 Maret 2025" in text  # tanggal pembuatan, the Indonesian way
    assert "NIP 19680712 199403 1 005" in text
    assert surat.nomor and surat.nomor in text


def test_every_kegiatan_is_real_text(surat: SopDocument, draft_pdf: bytes) -> None:
    # Kegiatan are wrapped into lines by the layout; compare without spaces and hyphens.
    text = re.sub(r"[\s\-]", "", pdf_text(draft_pdf))
    for step in surat.langkah:
        assert step.kegiatan
        assert re.sub(r"[\s\-]", "", step.kegiatan) in text, step.kegiatan


def test_other_elements_and_history(draft_pdf: bytes) -> None:
    text = squash(pdf_text(draft_pdf))
    for title in ("Tujuan", "Ruang Lingkup", "Definisi", "Riwayat Revisi", "Lampiran"):
        assert title in text
    assert "17 Maret 2025" in text


def test_konsep_on_drafts_only(draft_pdf: bytes, final_pdf: bytes) -> None:
    assert "KONSEP" in pdf_text(draft_pdf)
    final = pdf_text(final_pdf)
    assert "KONSEP" not in final
    assert "BERLAKU" in final


def test_page_numbers_and_footer(draft_pdf: bytes) -> None:
    pages = page_count(draft_pdf)
    assert pages >= 3  # identity, procedure, other elements
    text = pdf_text(draft_pdf)
    assert f"Halaman 1 dari {pages}" in text
    assert f"Halaman {pages} dari {pages}" in text
    assert "Versi 1.1 (versi sistem 2)" in squash(text)
    assert draft_pdf.count(b"/Type /Page\n") in (0, pages)  # sanity, not a layout rule


def test_in_force_qr_decodes_to_the_verification_url(final_pdf: bytes, draft_pdf: bytes) -> None:
    def codes(pdf: bytes, page: int) -> list[str]:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "d.pdf"
            path.write_bytes(pdf)
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    "200",
                    "-png",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    path,
                    f"{tmp}/p",
                ],
                check=True,
                capture_output=True,
            )
            image = next(Path(tmp).glob("p-*.png"))
            out = subprocess.run(["zbarimg", "-q", "--raw", image], capture_output=True)
            return out.stdout.decode().split()

    assert URL in codes(final_pdf, 1)
    assert codes(final_pdf, 2) == [URL]  # the footer QR on a procedure page
    assert codes(draft_pdf, 1) == []
    assert "Pindai untuk memeriksa keabsahan" in pdf_text(final_pdf)


def test_markup_characters_print_as_written() -> None:
    nasty = "Cek #tag $x$ *tebal* _miring_ <label> @ref [a] \\ `kode` = 100% {b} // ~"
    doc = SopDocument.model_validate(
        {
            "format": "sopan/1",
            "nama": nasty,
            "instansi": "Dinas #1",
            "unit": ["Bidang $2"],
            "dasar_hukum": [nasty],
            "pelaksana": [{"id": "a", "nama": "Aktor *A*"}],
            "langkah": [{"id": "s1", "no": 1, "kegiatan": nasty, "pelaksana": ["a"]}],
        }
    )
    text = squash(pdf_text(render_pdf(doc)))
    assert nasty in text
    assert "DINAS #1" in text and "BIDANG $2" in text


def test_empty_document_renders_with_dashes() -> None:
    doc = SopDocument.model_validate({"format": "sopan/1", "nama": "Kosong"})
    pdf = render_pdf(doc)
    text = squash(pdf_text(pdf))
    assert "Kosong" in text and "Tanggal Revisi -" in text


def test_logo_file_and_broken_logo(tmp_path: Path, surat: SopDocument) -> None:
    svg = tmp_path / "logo.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<circle r="5" cx="5" cy="5"/></svg>'
    )
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"not a png")
    assert render_pdf(surat, RenderOptions(logo_path=svg)).startswith(b"%PDF")
    assert render_pdf(surat, RenderOptions(logo_path=broken)).startswith(b"%PDF")
    assert render_pdf(surat, RenderOptions(logo_path=tmp_path / "missing.png")).startswith(b"%PDF")


@pytest.mark.parametrize("paper", ["a4", "f4"])
@pytest.mark.parametrize("path", ALL_SOP_FILES, ids=lambda p: p.name)
def test_every_example_and_real_sop_renders(path: Path, paper: str) -> None:
    doc = load_path(path).document
    pdf = render_pdf(doc, RenderOptions(paper=paper, draft=paper == "a4", verify_url=URL))  # type: ignore[arg-type]
    assert pdf.startswith(b"%PDF-")


def test_big_document_80_steps_12_actors_and_regional_scripts() -> None:
    actors = [{"id": f"a{k}", "nama": f"Pejabat Fungsional Nomor {k} ꦗꦮ"} for k in range(12)]
    steps = [
        {
            "id": f"s{k}",
            "no": k + 1,
            "kegiatan": (
                "Memeriksa berkas permohonan dan mencatat hasilnya " * (1 + k % 5)
            ).strip(),
            "simbol": "keputusan" if k % 9 == 4 else ("mulai" if k == 0 else "proses"),
            "pelaksana": [f"a{k % 12}"],
            "cabang": [{"label": "Ya", "ke": f"s{k + 1}"}, {"label": "Tidak", "ke": f"s{k - 3}"}]
            if k % 9 == 4
            else [],
        }
        for k in range(80)
    ]
    steps[-1]["simbol"] = "selesai"
    doc = SopDocument.model_validate(
        {
            "format": "sopan/1",
            "nama": "Uji besar ᮞᮥᮔ᮪ᮓ " + "sangat panjang " * 40,
            "pelaksana": actors,
            "langkah": steps,
            "peringatan": ["x" * 3000],
        }
    )
    assert render_pdf(doc, RenderOptions(paper="f4")).startswith(b"%PDF-")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=sop_documents())
def test_generated_documents_render(doc: SopDocument) -> None:
    assert render_pdf(doc).startswith(b"%PDF-")


def test_examples_exist() -> None:
    assert len(EXAMPLES) >= 3

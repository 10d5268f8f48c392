"""Store the reference page images of the PDF (``make reference-images``).

Renders three example SOPs to PDF (A4 landscape, draft, and the first one also in force with
a verification QR), rasterises the first two pages of each with ``pdftoppm -r 30 -gray``
(PGM) and stores them gzipped in ``tests/render/reference/``. ``test_pdf_reference.py``
compares fresh renders with them. Run this only after checking by eye that a change to the
PDF or the layout is intended (the PDFs are written to ``$TMPDIR/sopan-reference/``).
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sopan.document import load_path
from sopan.render.options import RenderOptions
from sopan.render.pdf import render_pdf

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
REFERENCE_DIR = HERE / "reference"
DPI = 30
PAGES = 2
LOOK_DIR = Path(tempfile.gettempdir()) / "sopan-reference"  # the PDFs, to look at by eye
VERIFY_URL = "https://sopan.example.go.id/v/contoh-0001"

# (name, example file, options)
CASES: list[tuple[str, str, RenderOptions]] = [
    (
        "surat-masuk-berlaku",
        "setda-pengelolaan-surat-masuk.sop.yaml",
        RenderOptions(draft=False, verify_url=VERIFY_URL, status_label="BERLAKU", system_version=3),
    ),
    ("ktp-el-konsep", "dukcapil-penerbitan-ktp-el.sop.yaml", RenderOptions(system_version=1)),
    ("pengadaan-konsep-f4", "dpupr-pengadaan-langsung.sop.yaml", RenderOptions(paper="f4")),
]


def render_case(example: str, options: RenderOptions) -> bytes:
    return render_pdf(load_path(REPO / "examples" / example).document, options)


def read_pgm(data: bytes) -> tuple[int, int, bytes]:
    """(width, height, pixels) of a binary PGM (P5, maxval 255)."""
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while data[pos : pos + 1].isspace():
            pos += 1
        if data[pos : pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P5" or int(fields[3]) > 255:
        raise ValueError("not an 8-bit binary PGM")
    width, height = int(fields[1]), int(fields[2])
    pixels = data[pos + 1 : pos + 1 + width * height]
    return width, height, pixels


def rasterise(pdf: bytes, pages: int = PAGES, dpi: int = DPI) -> list[bytes]:
    """The first ``pages`` pages of ``pdf`` as PGM bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        cmd = ["pdftoppm", "-r", str(dpi), "-gray", "-f", "1", "-l", str(pages)]
        subprocess.run([*cmd, str(path), str(Path(tmp) / "p")], check=True, capture_output=True)
        return [p.read_bytes() for p in sorted(Path(tmp).glob("p-*.pgm"))]


def mean_abs_difference(a: bytes, b: bytes) -> float:
    """Mean absolute pixel difference (0–255) of two PGMs; 255 when their sizes differ."""
    wa, ha, pa = read_pgm(a)
    wb, hb, pb = read_pgm(b)
    if (wa, ha) != (wb, hb):
        return 255.0
    return sum(abs(x - y) for x, y in zip(pa, pb, strict=True)) / max(len(pa), 1)


def reference_path(name: str, page: int) -> Path:
    return REFERENCE_DIR / f"{name}-{page}.pgm.gz"


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing (Debian: apt-get install poppler-utils)", file=sys.stderr)
        return 1
    REFERENCE_DIR.mkdir(exist_ok=True)
    LOOK_DIR.mkdir(exist_ok=True)
    for old in REFERENCE_DIR.glob("*.pgm.gz"):
        old.unlink()
    for name, example, options in CASES:
        pdf = render_case(example, options)
        (LOOK_DIR / f"{name}.pdf").write_bytes(pdf)
        for number, image in enumerate(rasterise(pdf), 1):
            reference_path(name, number).write_bytes(gzip.compress(image, mtime=0))
            print(f"stored {reference_path(name, number).relative_to(REPO)}")
    print(f"PDFs to look at: {LOOK_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

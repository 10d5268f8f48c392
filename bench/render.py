"""Benchmark: the official PDF and the DOCX of a 60-step, 10-actor SOP with decisions and loops.

Run: ``.venv/bin/python bench/render.py``. Measures, in one run:

- PDF in a fresh process: ``python -c`` importing ``sopan.render.pdf``, loading the SOP and
  rendering it (so import, font loading and Typst start-up are counted), median of 5;
- PDF and DOCX warm (in this process, after one render), median of 7;
- the baseline offices use today: LibreOffice converting the same DOCX to PDF
  (``soffice --headless --convert-to pdf``, a fresh profile, median of 3).

Prints a table with the ratios. Targets: PDF ≤ 0.5 s in a fresh process and ≥ 10× faster
than the LibreOffice conversion. No asserts.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from load import make_sop  # type: ignore[import-not-found]

from sopan.document import load_document
from sopan.render.docx import render_docx
from sopan.render.pdf import render_pdf

FRESH = """
import sys, time
t = time.perf_counter()
from sopan.document import load_path
from sopan.render.pdf import render_pdf
pdf = render_pdf(load_path(sys.argv[1]).document)
print(time.perf_counter() - t)
"""


def median_s(fn: Callable[[], object], repeat: int, warm: bool = True) -> float:
    if warm:
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fresh_pdf(path: Path, repeat: int = 5) -> tuple[float, float]:
    """(inside the process: import + render, whole process wall time), medians."""
    inner, outer = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", FRESH, str(path)], capture_output=True, check=True, text=True
        )
        outer.append(time.perf_counter() - start)
        inner.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(inner), statistics.median(outer)


def libreoffice(docx: Path, repeat: int = 3) -> float | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(repeat):
            profile = Path(tmp) / f"profile{k}"
            cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless"]
            cmd += ["--convert-to", "pdf", "--outdir", tmp, str(docx)]
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True, timeout=300)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    text = make_sop(60)
    doc = load_document(text, filename="bench.sop.yaml").document
    with tempfile.TemporaryDirectory() as tmp:
        sop = Path(tmp) / "bench.sop.yaml"
        sop.write_text(text, encoding="utf-8")
        fresh_inner, fresh_process = fresh_pdf(sop)
        pdf = render_pdf(doc)
        pdf_warm = median_s(lambda: render_pdf(doc), 7)
        docx_bytes = render_docx(doc)
        docx_warm = median_s(lambda: render_docx(doc), 7)
        docx_path = Path(tmp) / "bench.docx"
        docx_path.write_bytes(docx_bytes)
        lo = libreoffice(docx_path)
    pages = pdf.count(b"/Type/Page\n") or pdf.count(b"/Type /Page")
    rows = [
        ("PDF, fresh process (import + render)", fresh_inner),
        ("PDF, fresh process (whole python -c)", fresh_process),
        ("PDF, warm (median of 7)", pdf_warm),
        ("DOCX, warm (median of 7)", docx_warm),
    ]
    if lo is not None:
        rows.append(("LibreOffice DOCX → PDF (baseline)", lo))
    print(f"SOP: 60 steps, 10 actors; PDF {len(pdf)} bytes, DOCX {len(docx_bytes)} bytes")
    print(f"{'operation':<40} {'seconds':>8} {'× faster than LibreOffice':>27}")
    for name, seconds in rows:
        ratio = f"{lo / seconds:.1f}" if lo is not None else "-"
        print(f"{name:<40} {seconds:8.3f} {ratio:>27}")
    if pages:
        print(f"PDF pages: {pages}")


if __name__ == "__main__":
    main()

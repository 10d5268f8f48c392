"""Benchmark: the editor's live preview of a 60-step draft, server side.

Run: ``.venv/bin/python bench/editor.py``. Creates a throw-away in-memory database, stores the
60-step SOP of ``bench/load.py`` as a draft, then posts the whole editor form (as the browser
does on every change) to the preview endpoint with Django's test client and times the
answer: parse the form, validate through the document core, run every quality check, lay
out the procedure and draw each page as SVG, render the fragment. Prints the median and p95
in milliseconds and, for comparison, the same steps without HTTP (checks, layout + SVG).
The target is ≤ 300 ms. No asserts.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(Path(__file__).resolve().parent)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sopan.config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from load import make_sop  # noqa: E402

from sopan.document import load_document  # noqa: E402
from sopan.organisations import services as org  # noqa: E402
from sopan.sops.editor_forms import form_from_document, form_pairs  # noqa: E402
from sopan.sops.editor_preview import document_findings, flowchart_pages  # noqa: E402
from sopan.sops.services import sop_create  # noqa: E402

RUNS = 30


def timed(function: Callable[[], object], runs: int = RUNS) -> list[float]:
    function()  # warm up (imports, fonts, caches)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float]) -> None:
    p95 = sorted(times)[max(int(len(times) * 0.95) - 1, 0)]
    print(f"{name:<44} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    connection.creation.create_test_db(verbosity=0)
    instansi = org.instansi_create(kode="bench", nama="Kabupaten Contoh", by=None)
    unit = org.unit_create(instansi=instansi, parent=None, kode="DPMPTSP", nama="DPMPTSP", by=None)
    user = User.objects.create_superuser("bench", "bench@contoh.go.id", "sandi-bench-panjang-1")
    document = load_document(make_sop(60), filename="bench.sop.yaml").document
    version = sop_create(unit=unit, document=document, by=None)
    client = Client()
    client.force_login(user)
    url = f"/sop/{version.sop_id}/v/{version.number}/ubah/pratinjau/"
    form = form_from_document(document)
    form.steps[3].texts["kegiatan"] = "Memeriksa kelengkapan berkas permohonan (diubah)"
    body = urlencode([*form_pairs(form), ("lock_version", "0")])

    def preview() -> None:
        response = client.post(
            url,
            body,
            content_type="application/x-www-form-urlencoded",
            HTTP_HX_REQUEST="true",
            HTTP_ACCEPT_ENCODING="gzip",
        )
        assert response.status_code == 200, response.status_code

    response = client.post(url, body, content_type="application/x-www-form-urlencoded")
    page = response.content.decode()
    gzipped = client.post(
        url, body, content_type="application/x-www-form-urlencoded", HTTP_ACCEPT_ENCODING="gzip"
    )
    findings = page.count('class="finding ')
    print(
        f"60 steps, {len(document.pelaksana)} actors: {page.count('<svg')} SVG page(s), "
        f"{findings} findings, {len(body) / 1024:.0f} KB posted, "
        f"{len(response.content) / 1024:.0f} KB answered ({len(gzipped.content) / 1024:.0f} KB "
        "gzipped)"
    )
    editor_url = f"/sop/{version.sop_id}/v/{version.number}/ubah/"
    plain = client.get(editor_url)
    packed = client.get(editor_url, HTTP_ACCEPT_ENCODING="gzip")
    print(
        f"editor page (GET): {len(plain.content) / 1024:.0f} KB "
        f"({len(packed.content) / 1024:.0f} KB gzipped)"
    )
    report("preview endpoint (HTTP, whole request)", timed(preview))
    report("  of which: quality checks", timed(lambda: document_findings(document, instansi.pk)))
    report("  of which: layout + SVG pages", timed(lambda: flowchart_pages(document, "id")))


if __name__ == "__main__":
    main()

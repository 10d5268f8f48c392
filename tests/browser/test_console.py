"""The editor, review and SOP pages run under the site's Content-Security-Policy without a
violation, a JavaScript error or a server error, also while the editor's live preview and
autosave work."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import ConsoleMessage, Page, Response, expect

from sopan.sops.lifecycle import version_transition
from sopan.sops.models import SopVersion
from tests.browser.conftest import login, logout
from tests.conftest import World
from tests.factories import PASSWORD
from tests.sopdocs import make_sop

pytestmark = pytest.mark.django_db(transaction=True)

# Reports every CSP violation on the console, also those Chromium would only count.
REPORT_CSP = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}`);
});
"""
# htmx logs an aborted request as an error; the editor's preview aborts the previous one
# on purpose (hx-sync="this:replace") when typing goes on.
EXPECTED = ("htmx:sendAbort", "htmx:afterRequest")


@dataclasses.dataclass
class Console:
    problems: list[str] = dataclasses.field(default_factory=list)
    csp_headers: set[str] = dataclasses.field(default_factory=set)

    def message(self, message: ConsoleMessage) -> None:
        if message.type != "error" or message.text.startswith(EXPECTED):
            return
        url = message.location.get("url", "")
        if url.endswith("/favicon.ico"):
            return  # no favicon yet: the browser's own request
        self.problems.append(f"console: {message.text} ({url})")

    def page_error(self, error: Any) -> None:
        self.problems.append(f"pageerror: {error}")

    def response(self, response: Response) -> None:
        if response.status >= 500:
            self.problems.append(f"HTTP {response.status}: {response.url}")
        if response.request.resource_type == "document":
            self.csp_headers.add(response.headers.get("content-security-policy", ""))


@pytest.fixture
def console(page: Page) -> Console:
    seen = Console()
    page.add_init_script(REPORT_CSP)
    page.on("console", seen.message)
    page.on("pageerror", seen.page_error)
    page.on("response", seen.response)
    return seen


def _visit(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def test_no_csp_violation_or_script_error(
    page: Page,
    console: Console,
    world: World,
    penyusun: User,
    pemeriksa: User,
    published: SopVersion,
) -> None:
    in_review = make_sop(world.dinas_x, "Pelayanan Surat Keterangan")
    version_transition(version=in_review, action="submit", by=penyusun)

    # 1. The editor: a new draft, an actor and a step typed in (live preview, autosave).
    login(page, "penyusun", PASSWORD)
    _visit(page, "/sop/baru/")
    page.get_by_label("Unit kerja").select_option(label="Dinas X (Kabupaten A)")
    page.get_by_label("Nama SOP").fill("Pelayanan Izin Reklame")
    page.get_by_role("button", name="Buat konsep").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="+ Tambah pelaksana").click()
    page.get_by_label("Nama pelaksana").fill("Petugas")
    page.get_by_role("button", name="+ Tambah langkah").click()
    page.get_by_label("Kegiatan").first.fill("Menerima permohonan")
    page.get_by_label("Petugas", exact=True).check()
    expect(page.locator("#pratinjau svg").first).to_be_visible()
    page.get_by_label("Tujuan", exact=True).fill("Memberi kepastian layanan izin reklame.")
    page.keyboard.press("Tab")
    expect(page.locator("#simpan-status")).to_contain_text("Tersimpan otomatis")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_load_state("networkidle")

    # 2. The version page of the draft and the review page with its forms.
    page.get_by_role("link", name="Lihat halaman versi").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="Reviu dan pengesahan").click()
    page.wait_for_load_state("networkidle")
    logout(page)
    login(page, "pemeriksa", PASSWORD)
    _visit(page, f"/sop/{in_review.sop_id}/v/{in_review.number}/reviu/")
    page.locator("#langkah-periksa").get_by_text("Tulis komentar").click()
    page.locator("#langkah-periksa").get_by_label("Komentar untuk 2").fill("Jelas.")
    page.locator("#langkah-periksa").get_by_role("button", name="Kirim komentar").click()
    page.wait_for_load_state("networkidle")
    _visit(page, f"/sop/{in_review.sop_id}/riwayat/")
    logout(page)

    # 3. The public pages: portal with a search, the SOP page, its verification page.
    _visit(page, "/?q=legalisir")
    page.get_by_role("link", name="Pelayanan Legalisir").first.click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="Halaman verifikasi").click()
    page.wait_for_load_state("networkidle")

    assert console.problems == []
    assert "" not in console.csp_headers  # every page was under the CSP
    assert any("script-src 'self'" in header for header in console.csp_headers)

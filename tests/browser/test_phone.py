"""At phone width (360 px) reading an SOP, commenting and approving are usable (issue 5 §1):
the page never scrolls sideways (only the procedure table scrolls inside its own box) and
the controls a reviewer needs lie within the screen."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Locator, Page, expect

from sopan.sops.lifecycle import version_transition
from sopan.sops.models import SopVersion
from tests.browser.conftest import PHONE, login
from tests.conftest import World
from tests.factories import PASSWORD
from tests.sopdocs import make_sop

pytestmark = pytest.mark.django_db(transaction=True)


def _no_sideways_scroll(page: Page) -> None:
    # Measure once the stylesheets are in: a script may run before a pending stylesheet.
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url}: the page is {width} px wide"


def _on_screen(locator: Locator) -> None:
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box


@pytest.fixture
def in_review(world: World, penyusun: User) -> SopVersion:
    version = make_sop(world.dinas_x, "Pelayanan Izin Keramaian")
    return version_transition(version=version, action="submit", by=penyusun)


def test_read_comment_and_approve_on_a_phone(
    phone: Page, published: SopVersion, in_review: SopVersion, pemeriksa: User
) -> None:
    # 1. Anyone reads an SOP in force: the document fits, its procedure table scrolls
    #    inside its own box.
    phone.goto(f"/sop/{published.sop_id}/")
    expect(phone.get_by_role("heading", name="Pelayanan Legalisir", level=1)).to_be_visible()
    expect(phone.locator("article.sop")).to_contain_text("Memeriksa berkas")
    _no_sideways_scroll(phone)
    flowchart = phone.locator("figure.sopan-page").first
    _on_screen(flowchart)  # the flowchart page scrolls inside this box
    assert flowchart.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    _on_screen(phone.get_by_role("link", name="Halaman verifikasi"))

    # 2. The verification page too.
    phone.get_by_role("link", name="Halaman verifikasi").click()
    expect(phone.locator("#hasil")).to_have_text("BERLAKU")
    _no_sideways_scroll(phone)

    # 3. The pemeriksa opens the review page of a draft in review.
    login(phone, "pemeriksa", PASSWORD)
    phone.goto(f"/sop/{in_review.sop_id}/v/{in_review.number}/reviu/")
    expect(phone.get_by_role("heading", name="Reviu dan pengesahan")).to_be_visible()
    _no_sideways_scroll(phone)

    # 4. ... comments on step 2 ...
    step = phone.locator("#langkah-periksa")
    step.get_by_text("Tulis komentar").tap()
    box = step.get_by_label("Komentar untuk 2")
    _on_screen(box)
    box.fill("Waktu 10 menit terlalu singkat untuk berkas yang banyak.")
    send = step.get_by_role("button", name="Kirim komentar")
    _on_screen(send)
    send.tap()
    expect(phone.get_by_text("Komentar tersimpan.")).to_be_visible()
    expect(phone.locator("#langkah-periksa .thread")).to_contain_text("terlalu singkat")
    _no_sideways_scroll(phone)

    # 5. ... and approves, the SHA-256 of the document readable on the screen.
    form = phone.locator("#aksi-approve")
    expect(form.locator(".approve-what code")).to_have_text(in_review.document_hash)
    _on_screen(form.locator(".approve-what"))
    approve = form.get_by_role("button", name="Setujui")
    _on_screen(approve)
    approve.tap()
    expect(phone.get_by_text("Persetujuan Anda tercatat.")).to_be_visible()
    expect(phone.locator("#pengesahan")).to_contain_text("Disetujui oleh Budi Pemeriksa")
    _no_sideways_scroll(phone)

    # 6. The version page of the draft reads well too.
    phone.get_by_role("link", name="Lihat dokumen lengkap").click()
    expect(phone.locator("article.sop")).to_contain_text("Memeriksa berkas")
    _no_sideways_scroll(phone)

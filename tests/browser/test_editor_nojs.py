"""The editor without JavaScript: the blank rows the server adds are how such a browser adds
an actor and a step (editor.js removes them and uses buttons instead)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from sopan.sops.models import SopVersion
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD
from tests.sopdocs import make_sop

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def nojs(chromium: Any, live_server: Any) -> Iterator[Page]:
    context = chromium.new_context(
        base_url=live_server.url, locale="id-ID", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_add_a_step_without_javascript(nojs: Page, world: World, penyusun: User) -> None:
    version = make_sop(world.dinas_x, "Pelayanan Legalisir")
    login(nojs, "penyusun", PASSWORD)
    nojs.goto(f"/sop/{version.sop_id}/v/{version.number}/ubah/")

    # 1. The last, blank row of the step table takes a new step.
    blank = nojs.locator("#langkah-rows tr.step-row").last
    blank.get_by_label("Kegiatan").fill("Mengarsipkan salinan legalisir")
    blank.get_by_label("Petugas Pelayanan", exact=True).check()
    blank.get_by_label("Waktu").fill("5 menit")
    nojs.get_by_role("button", name="Simpan", exact=True).click()
    expect(nojs.get_by_text("Konsep tersimpan.")).to_be_visible()

    # 2. It is stored with what was typed, after the three steps there were.
    version = SopVersion.objects.get(pk=version.pk)
    last = version.document_model().langkah[-1]
    assert len(version.document_model().langkah) == 4
    assert (last.kegiatan, last.pelaksana, last.waktu) == (
        "Mengarsipkan salinan legalisir",
        ["petugas"],
        "5 menit",
    )

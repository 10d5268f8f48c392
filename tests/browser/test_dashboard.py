"""The dashboard in Chromium: Chart.js draws every chart under the site's CSP without an
error; without JavaScript only the tables show; readable at 360 px."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.dashboard.conftest import Known, build_known
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

REPORT_CSP = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
});
"""


@pytest.fixture
def known(world: Any) -> Known:
    return build_known(world)


def test_charts_are_drawn_without_errors(page: Any, known: Known, koordinator: User) -> None:
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"{m.text} {m.location.get('url', '')}") if m.type == "error" else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.add_init_script(REPORT_CSP)
    login(page, "koordinator", PASSWORD)
    page.goto("/dasbor/?dari=2024-07&sampai=2025-06")
    for key in ("per-unit", "cakupan", "pengesahan"):
        figure = page.locator(f'figure[data-chart="data-{key}"]')
        expect(figure).to_be_visible()
        box = figure.locator("canvas").bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100, key
        expect(page.locator(f"#tabel-{key}")).to_be_visible()  # the table stays open
    assert [p for p in problems if "favicon" not in p] == []


def test_without_javascript_only_tables(
    chromium: Any, live_server: Any, known: Known, koordinator: User
) -> None:
    context = chromium.new_context(
        base_url=live_server.url, locale="id-ID", java_script_enabled=False
    )
    page = context.new_page()
    login(page, "koordinator", PASSWORD)
    page.goto("/dasbor/")
    expect(page.locator("figure.chart").first).to_be_hidden()
    expect(page.locator("#tabel-per-unit")).to_be_visible()
    context.close()


def test_phone(phone: Any, known: Known, koordinator: User) -> None:
    login(phone, "koordinator", PASSWORD)
    phone.goto("/dasbor/")
    phone.wait_for_load_state("load")  # measure with the stylesheets applied
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360 + 1

"""Pages served under the strict Content-Security-Policy carry no inline styles or scripts
(the browser would silently drop them)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

INLINE = re.compile(r"<style|\sstyle=\"|<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")")


def _assert_clean(body: str) -> None:
    found = INLINE.search(body)
    assert found is None, body[max(0, found.start() - 200) : found.end() + 200] if found else ""


def test_public_pages(client, published) -> None:
    for url in (
        "/",
        f"/sop/{published.sop_id}/",
        f"/sop/{published.sop_id}/v/1/",
        f"/v/{published.token}/",
        "/masuk/",
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert "default-src 'self'" in response["Content-Security-Policy"]
        _assert_clean(response.content.decode())


def test_intranet_pages(client, penyusun, draft) -> None:
    client.force_login(penyusun)
    for url in (
        "/sop/",
        f"/sop/{draft.sop_id}/v/1/",
        f"/sop/{draft.sop_id}/v/1/ubah/",
        f"/sop/{draft.sop_id}/v/1/reviu/",
        f"/sop/{draft.sop_id}/riwayat/",
        "/sop/baru/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_clean(response.content.decode())

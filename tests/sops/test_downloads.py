"""Downloads of a version: visibility, content types and names, KONSEP/QR options, the cache."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from lxml import etree

from sopan.render.formats import FORMATS
from sopan.sops.downloads import download_filename, render_options_for
from sopan.sops.models import RenderedFile
from sopan.sops.services import version_set_status, version_update_document
from tests.sopdocs import document

pytestmark = pytest.mark.django_db

LIGHT = ["bpmn", "svg", "mermaid", "html"]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _url(version, fmt: str, query: str = "") -> str:
    return f"/sop/{version.sop_id}/v/{version.number}/unduh/{fmt}/{query}"


@pytest.mark.parametrize("fmt", LIGHT)
def test_published_download_for_anyone(client, published, fmt: str) -> None:
    response = client.get(_url(published, fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS[fmt].content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="SOP-7-DX-2025-v1.{FORMATS[fmt].extension}"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    body = response.content
    assert b"KONSEP" not in body
    if fmt in ("bpmn", "svg"):
        etree.fromstring(body)  # well-formed XML


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF"), ("docx", b"PK")])
def test_pdf_and_docx_downloads(client, published, draft, penyusun, fmt: str, magic: bytes) -> None:
    response = client.get(_url(published, fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS[fmt].content_type
    assert response.content.startswith(magic)
    assert response["Content-Disposition"].endswith(f'-v1.{fmt}"')
    client.force_login(penyusun)
    assert client.get(_url(draft, fmt)).content.startswith(magic)


def test_html_is_an_attachment_never_inline(client, published) -> None:
    response = client.get(_url(published, "html"))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "sandbox"
    assert response.content.startswith(b"<!doctype html>")


@pytest.mark.parametrize("persona", ["outsider_unit", "outsider_instansi", None])
def test_draft_download_is_404_for_outsiders_and_anonymous(client, request, draft, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    for fmt in LIGHT:
        assert client.get(_url(draft, fmt)).status_code == 404
    assert RenderedFile.objects.count() == 0


def test_drafter_gets_the_draft_with_konsep(client, draft, penyusun) -> None:
    client.force_login(penyusun)
    response = client.get(_url(draft, "html", "?paper=f4&orientation=portrait"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "KONSEP" in page and "215mm 330mm" in page


def test_unknown_format_is_404(client, published) -> None:
    assert client.get(_url(published, "gif")).status_code == 404


def test_options_draft_or_verification_url(draft, published, settings) -> None:
    settings.SITE_URL = "https://sop.example.go.id"
    konsep = render_options_for(draft)
    assert konsep.draft and konsep.verify_url is None
    berlaku = render_options_for(published, paper="f4", orientation="bogus", lang="en")
    assert not berlaku.draft
    assert berlaku.verify_url == f"https://sop.example.go.id/v/{published.token}/"
    assert berlaku.status_label == "BERLAKU"
    assert (berlaku.paper, berlaku.orientation, berlaku.lang) == ("f4", "landscape", "en")


def test_second_download_comes_from_the_cache(client, published) -> None:
    first = client.get(_url(published, "bpmn"))
    assert RenderedFile.objects.count() == 1
    row = RenderedFile.objects.get()
    assert row.file.name.startswith(f"rendered/{published.sop_id}/{published.pk}/bpmn-")
    with mock.patch("sopan.render.bpmn.render_bpmn", side_effect=AssertionError("rendered")):
        second = client.get(_url(published, "bpmn"))
    assert second.content == first.content
    assert RenderedFile.objects.count() == 1
    client.get(_url(published, "bpmn", "?paper=f4"))  # other options: another file
    assert RenderedFile.objects.count() == 2


def test_rebuilt_after_the_document_changes(client, draft, penyusun) -> None:
    client.force_login(penyusun)
    before = client.get(_url(draft, "mermaid")).content.decode()
    version_update_document(version=draft, document=document("Nama Baru Dinas X"), by=penyusun)
    draft.refresh_from_db()
    after = client.get(_url(draft, "mermaid")).content.decode()
    assert "Konsep Rahasia Dinas X" in before and "Nama Baru Dinas X" in after
    row = RenderedFile.objects.get()
    assert row.document_hash == draft.document_hash


def test_rebuilt_when_the_status_changes(client, published) -> None:
    client.get(_url(published, "bpmn"))
    version_set_status(version=published, status="dicabut", by=None)
    client.get(_url(published, "bpmn"))
    keys = sorted(RenderedFile.objects.values_list("options_key", flat=True))
    assert len(keys) == 2 and "DICABUT" in keys[0] + keys[1]


def test_failed_render_is_a_friendly_500_and_caches_nothing(client, published) -> None:
    with mock.patch("sopan.render.mermaid.render_mermaid", side_effect=RuntimeError("boom")):
        response = client.get(_url(published, "mermaid"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Dokumen tidak dapat dibuat" in page and "tidak berubah" in page
    assert RenderedFile.objects.count() == 0
    published.refresh_from_db()
    assert published.status == "berlaku"


def test_filename_is_sanitised(published) -> None:
    published.nomor = 'SOP "7"/Ä; rm -rf\r\n.pdf'
    assert download_filename(published, FORMATS["pdf"]) == "SOP-7-A-rm-rf-.pdf-v1.pdf"
    published.nomor = ""
    published.nama = "../..//"
    assert download_filename(published, FORMATS["docx"]) == "sop-v1.docx"


def test_version_page_has_download_buttons_and_the_rendering(client, published) -> None:
    page = client.get(f"/sop/{published.sop_id}/v/1/").content.decode()
    for fmt in FORMATS:
        assert _url(published, fmt) in page
    assert '<div class="sopan-doc">' in page and "<svg" in page

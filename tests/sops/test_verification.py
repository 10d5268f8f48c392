"""The public verification page /v/<token>/: one large word per state, the facts, 404 otherwise."""

from __future__ import annotations

import pytest
from django.utils import translation

from sopan.sops.services import sop_version_create, version_set_status
from tests.sopdocs import document, make_sop

pytestmark = pytest.mark.django_db


def _page(client, version) -> tuple[int, str]:
    response = client.get(f"/v/{version.token}/")
    return response.status_code, response.content.decode()


def test_in_force_says_berlaku_with_the_facts(client, published) -> None:
    code, page = _page(client, published)
    assert code == 200
    assert 'class="word">BERLAKU</span>' in page
    assert "verdict-berlaku" in page  # coloured, and the word is there in text
    for fact in (
        "SOP-7/DX/2025",
        "Pelayanan Legalisir",
        "Dinas X",
        "Kepala Dinas X",
        "2 Juni 2025",
        published.document_hash,
    ):
        assert fact in page, fact
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


def test_superseded_links_to_the_version_in_force(client, published) -> None:
    newer = sop_version_create(sop=published.sop, document=document("Pelayanan Legalisir"), by=None)
    version_set_status(version=newer, status="berlaku", by=None)
    published.refresh_from_db()
    code, page = _page(client, published)
    assert code == 200 and 'class="word">DIGANTIKAN</span>' in page
    assert f'href="/sop/{published.sop_id}/v/{newer.number}/"' in page


def test_superseded_private_sop_links_to_the_verification_of_the_current(client, published):
    newer = sop_version_create(sop=published.sop, document=document("Pelayanan Legalisir"), by=None)
    version_set_status(version=newer, status="berlaku", by=None)
    published.sop.is_public = False
    published.sop.save()
    published.refresh_from_db()
    _, page = _page(client, published)
    assert f'href="/v/{newer.token}/"' in page


def test_retired_says_dicabut(client, published) -> None:
    version_set_status(version=published, status="dicabut", by=None)
    code, page = _page(client, published)
    assert code == 200 and 'class="word">DICABUT</span>' in page


@pytest.mark.parametrize("status", ["konsep", "dalam_reviu", "uji_coba", "menunggu_pengesahan"])
def test_every_draft_status_says_konsep(client, world, status: str) -> None:
    version = make_sop(world.dinas_x, "Konsep Uji", status=status)
    code, page = _page(client, version)
    assert code == 200 and 'class="word">KONSEP</span>' in page
    assert "belum disahkan" in page


def test_unknown_token_is_404_in_indonesian(client, published) -> None:
    response = client.get("/v/bukan-token-yang-ada/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "TIDAK DIKENAL" in page and "Kode verifikasi ini tidak dikenal" in page
    assert published.nama not in page


def test_no_login_needed_and_token_is_long(client, published) -> None:
    assert len(published.token) >= 20
    assert client.get(f"/v/{published.token}/").status_code == 200


def test_in_english_the_words_are_english(client, published) -> None:
    client.cookies["django_language"] = "en"
    try:
        page = client.get(f"/v/{published.token}/").content.decode()
    finally:
        translation.activate("id")  # the request's language must not leak into other tests
    assert 'class="word">IN FORCE</span>' in page
    assert "2 June 2025" in page

"""The home page is the public portal; security headers, error pages and language switch."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_home_is_the_public_portal(client, published, draft, penyusun) -> None:
    client.force_login(penyusun)  # even signed in, the portal shows only what is in force
    page = client.get("/").content.decode()
    assert "SOP yang berlaku" in page
    assert "Pelayanan Legalisir" in page and "Konsep Rahasia Dinas X" not in page


def test_security_headers(client) -> None:
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"


def test_unknown_page_is_explained_in_indonesian(client) -> None:
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_english_is_switchable(client, published) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert 'lang="en"' in page

"""The home page lists what each persona may see, and nothing more."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.sopdocs import make_sop

pytestmark = pytest.mark.django_db


def _page(client: Client, user: object = None, **params: str) -> str:
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    response = client.get("/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_sees_published_only(client, published, draft) -> None:
    page = _page(client)
    assert "Pelayanan Legalisir" in page
    assert "Konsep Rahasia Dinas X" not in page


@pytest.mark.parametrize("persona", ["penyusun", "pemeriksa", "pengesah", "auditor", "koordinator"])
def test_people_of_the_unit_or_above_see_its_drafts(client, request, published, draft, persona):
    page = _page(client, request.getfixturevalue(persona))
    assert "Konsep Rahasia Dinas X" in page


@pytest.mark.parametrize("persona", ["outsider_unit", "outsider_instansi"])
def test_other_units_and_instansi_do_not_see_drafts(client, request, published, draft, persona):
    page = _page(client, request.getfixturevalue(persona))
    assert "Konsep Rahasia Dinas X" not in page
    assert "Pelayanan Legalisir" in page


def test_search_and_status_filter(client, world, penyusun, published, draft) -> None:
    page = _page(client, penyusun, q="legalisir")
    assert "Pelayanan Legalisir" in page and "Konsep Rahasia" not in page
    page = _page(client, penyusun, status="konsep")
    assert "Konsep Rahasia" in page and "Pelayanan Legalisir" not in page


def test_list_is_paginated_with_constant_queries(
    client, world, penyusun, settings, django_assert_max_num_queries
) -> None:
    settings.SOPAN_PAGE_SIZE = 10
    for n in range(30):
        make_sop(world.dinas_x, f"SOP Uji {n:02d}", status="berlaku")
    client.force_login(penyusun)
    with django_assert_max_num_queries(12):
        response = client.get("/")
    assert response.content.decode().count("SOP Uji") == 10
    assert "Halaman 1 dari 3" in response.content.decode()


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

"""The public portal at ``/`` and the SOP page at ``/sop/<id>/``."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

from sopan.sops.services import sop_set_public, version_set_status
from tests.sopdocs import make_sop

pytestmark = pytest.mark.django_db


def _get(client: Client, url: str = "/", **params: str) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_sees_only_in_force_public_sops(client, world, published, draft) -> None:
    retired = make_sop(world.dinas_x, "SOP Lama Dicabut", status="dicabut")
    hidden = make_sop(world.dinas_x, "SOP Internal Berlaku", status="berlaku")
    sop_set_public(sop=hidden.sop, is_public=False, by=None)
    page = _get(client)
    assert "Pelayanan Legalisir" in page
    for absent in ("Konsep Rahasia Dinas X", retired.nama, hidden.nama):
        assert absent not in page
    assert "1 SOP ditemukan." in page


@pytest.mark.parametrize("persona", ["penyusun", "outsider_instansi", "superuser"])
def test_portal_is_the_same_for_signed_in_people(client, request, published, draft, persona):
    client.force_login(request.getfixturevalue(persona))
    page = _get(client)
    assert "Pelayanan Legalisir" in page and "Konsep Rahasia" not in page


def test_filters_by_unit_and_type(client, world, published) -> None:
    make_sop(world.bidang_y, "Pengelolaan Arsip Bidang", status="berlaku", jenis="teknis")
    make_sop(world.dinas_z, "Pelayanan Dinas Z", status="berlaku")
    page = _get(client, unit=str(world.dinas_x.pk))  # Dinas X and the units below it
    assert "Pelayanan Legalisir" not in page or "Pengelolaan Arsip Bidang" in page
    page = _get(client, unit=str(world.bidang_y.pk))
    assert "Pengelolaan Arsip Bidang" in page and "Pelayanan Dinas Z" not in page
    page = _get(client, jenis="teknis")
    assert "Pengelolaan Arsip Bidang" in page and "Pelayanan Legalisir" not in page
    page = _get(client, unit="bukan-angka", jenis="tidak-ada")  # bad filters are ignored
    assert "Pelayanan Dinas Z" in page


def test_unit_filter_covers_the_subtree(client, world) -> None:
    make_sop(world.dinas_x, "SOP Dinas Induk", status="berlaku")
    make_sop(world.bidang_y, "SOP Bidang Anak", status="berlaku")
    make_sop(world.dinas_z, "SOP Dinas Lain", status="berlaku")
    page = _get(client, unit=str(world.dinas_x.pk))
    assert "SOP Dinas Induk" in page and "SOP Bidang Anak" in page
    assert "SOP Dinas Lain" not in page


def test_choice_of_instansi_only_when_there_are_several(client, world, published) -> None:
    assert 'name="instansi"' not in _get(client)
    make_sop(world.dinas_q, "Pelayanan Kabupaten B", status="berlaku")
    cache.clear()  # the portal keeps anonymous pages for SOPAN_PORTAL_CACHE_SECONDS
    page = _get(client)
    assert 'name="instansi"' in page
    page = _get(client, instansi=str(world.kabupaten_b.pk))
    assert "Pelayanan Kabupaten B" in page and "Pelayanan Legalisir" not in page


def test_portal_is_paginated_with_constant_queries(
    client, world, settings, django_assert_max_num_queries
) -> None:
    settings.SOPAN_PAGE_SIZE = 10
    for n in range(30):
        make_sop(world.dinas_x, f"SOP Uji {n:02d}", status="berlaku")
    with django_assert_max_num_queries(6):
        page = _get(client)
    assert page.count("SOP Uji") == 10 and "Halaman 1 dari 3" in page
    with django_assert_max_num_queries(6):
        page = _get(client, q="uji", hal="3")
    assert page.count("SOP <mark>Uji</mark>") == 10 and "Halaman 3 dari 3" in page


def test_no_inline_script_or_style(client, published) -> None:
    for url in ("/", f"/sop/{published.sop_id}/"):
        page = _get(client, url)
        assert "<script" not in page and "<style" not in page and "style=" not in page


# -- /sop/<id>/ -------------------------------------------------------------------------------


def test_sop_page_shows_the_version_in_force_with_downloads(client, published) -> None:
    page = _get(client, f"/sop/{published.sop_id}/")
    assert "Pelayanan Legalisir" in page and "SOP-7/DX/2025" in page
    assert "Memeriksa berkas" in page  # the HTML rendering
    assert f"/sop/{published.sop_id}/v/1/unduh/pdf/" in page
    assert f"/v/{published.token}/" in page
    assert "KONSEP" not in page


def test_sop_page_is_stable_across_versions(client, world, penyusun, published) -> None:
    from sopan.sops.services import sop_version_create
    from tests.sopdocs import document

    draft2 = sop_version_create(
        sop=published.sop, document=document("Pelayanan Legalisir Baru"), by=None
    )
    url = f"/sop/{published.sop_id}/"
    page = _get(client, url)
    assert "Pelayanan Legalisir" in page and "Pelayanan Legalisir Baru" not in page
    assert f"/sop/{published.sop_id}/v/2/" not in page  # anonymous: no link to the draft
    client.force_login(penyusun)
    page = _get(client, url)
    assert "Ada versi yang lebih baru" in page and f"/sop/{published.sop_id}/v/2/" in page
    version_set_status(version=draft2, status="berlaku", by=None)
    client.logout()
    cache.clear()  # the portal keeps anonymous pages for SOPAN_PORTAL_CACHE_SECONDS
    page = _get(client, url)
    assert "Pelayanan Legalisir Baru" in page


def test_retired_sop_shows_its_last_version_as_archive(client, world) -> None:
    version = make_sop(world.dinas_x, "SOP Dicabut Tahun Lalu", status="dicabut")
    page = _get(client, f"/sop/{version.sop_id}/")
    assert "SOP ini tidak berlaku lagi" in page and "Dicabut" in page


def test_draft_only_sop_is_hidden_from_outsiders(client, draft, outsider_unit, penyusun) -> None:
    url = f"/sop/{draft.sop_id}/"
    assert client.get(url).status_code == 404
    client.force_login(outsider_unit)
    assert client.get(url).status_code == 404
    client.force_login(penyusun)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == f"/sop/{draft.sop_id}/v/1/"


def test_unknown_sop_is_404(client, world) -> None:
    assert client.get("/sop/999999/").status_code == 404


def test_document_stylesheet_is_served(client) -> None:
    response = client.get("/sop/dokumen.css")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/css")
    assert ".sopan-doc" in response.content.decode()


def test_highlighted_title_is_escaped(client, world) -> None:
    make_sop(world.dinas_x, "Izin <script>alert(1)</script> Reklame", status="berlaku")
    page = _get(client, q="izin")
    assert "<script>alert" not in page
    assert re.search(r"<mark>Izin</mark> &lt;script&gt;", page)

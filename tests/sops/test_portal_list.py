"""The intranet SOP list at ``/sop/``: what each persona sees, filters, findings, query count."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.sopdocs import make_sop

pytestmark = pytest.mark.django_db


def _page(client: Client, user: object, **params: str) -> str:
    client.force_login(user)  # type: ignore[arg-type]
    response = client.get("/sop/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_is_sent_to_login(client) -> None:
    response = client.get("/sop/")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_login_lands_on_tugas_saya(client, penyusun) -> None:
    penyusun.set_password("rahasia-sekali-123")
    penyusun.save()
    response = client.post("/masuk/", {"username": "penyusun", "password": "rahasia-sekali-123"})
    assert response.status_code == 302 and response["Location"] == "/tugas/"


@pytest.mark.parametrize("persona", ["penyusun", "pemeriksa", "pengesah", "auditor", "koordinator"])
def test_people_of_the_unit_or_above_see_its_drafts(client, request, published, draft, persona):
    page = _page(client, request.getfixturevalue(persona))
    assert "Konsep Rahasia Dinas X" in page and "Pelayanan Legalisir" in page
    assert '<span class="badge status-konsep">Konsep</span>' in page


@pytest.mark.parametrize("persona", ["outsider_unit", "outsider_instansi", "pelaksana"])
def test_others_do_not_see_the_drafts(client, request, published, draft, persona):
    page = _page(client, request.getfixturevalue(persona))
    assert "Konsep Rahasia Dinas X" not in page
    assert "Pelayanan Legalisir" in page


def test_filters(client, world, penyusun, published, draft) -> None:
    make_sop(world.bidang_y, "SOP Teknis Bidang", status="berlaku", jenis="teknis")
    page = _page(client, penyusun, status="konsep")
    assert "Konsep Rahasia" in page and "Pelayanan Legalisir" not in page
    page = _page(client, penyusun, jenis="teknis")
    assert "SOP Teknis Bidang" in page and "Konsep Rahasia" not in page
    page = _page(client, penyusun, unit=str(world.bidang_y.pk))
    assert "SOP Teknis Bidang" in page and "Pelayanan Legalisir" not in page
    page = _page(client, penyusun, q="legalisir")
    assert "<mark>Legalisir</mark>" in page and "Konsep Rahasia" not in page


def test_review_due_filter(client, world, penyusun) -> None:
    make_sop(
        world.dinas_x,
        "SOP Lewat Tinjau",
        status="berlaku",
        tanggal={"pembuatan": "2020-01-02", "revisi": "2021-01-02", "efektif": "2020-01-02"},
    )
    make_sop(
        world.dinas_x,
        "SOP Masih Lama",
        status="berlaku",
        tanggal={"pembuatan": "2025-01-02", "revisi": "2099-01-02", "efektif": "2025-01-02"},
    )
    page = _page(client, penyusun)
    assert "SOP Lewat Tinjau" in page and "SOP Masih Lama" in page and "jatuh tempo" in page
    page = _page(client, penyusun, tinjau="1")
    assert "SOP Lewat Tinjau" in page and "SOP Masih Lama" not in page


def test_findings_are_counted_for_drafts(client, world, penyusun) -> None:
    make_sop(world.dinas_x, "Konsep Dengan Temuan")
    page = _page(client, penyusun)
    assert " temuan</a>" in page  # the sparse test document has advisory findings


def test_newer_draft_row_names_the_version_in_force(client, world, penyusun, published) -> None:
    from sopan.sops.services import sop_version_create
    from tests.sopdocs import document

    sop_version_create(sop=published.sop, document=document("Pelayanan Legalisir"), by=None)
    page = _page(client, penyusun)
    assert "berlaku: versi 1" in page


def test_list_is_paginated_with_constant_queries(
    client, world, penyusun, settings, django_assert_max_num_queries
) -> None:
    settings.SOPAN_PAGE_SIZE = 25
    for n in range(10):
        make_sop(world.dinas_x, f"SOP Uji {n:02d}", status="berlaku")
    make_sop(world.dinas_x, "Konsep Pertama")
    client.force_login(penyusun)
    with django_assert_max_num_queries(15) as few:  # 14 + the header's unread count
        client.get("/sop/")
    for n in range(40):
        make_sop(world.dinas_x, f"Konsep Uji {n:02d}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/sop/")
    page = response.content.decode()
    assert page.count("Uji ") == 25 and "Halaman 1 dari 3" in page

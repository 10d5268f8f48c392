"""Starting a revision from the SOP page: reason required, only drafters of the unit."""

from __future__ import annotations

import pytest
from django.test import Client

from sopan.sops.models import SopVersion

pytestmark = pytest.mark.django_db


def test_drafter_sees_the_link_and_starts_a_revision(client: Client, penyusun, published) -> None:
    client.force_login(penyusun)
    page = client.get(f"/sop/{published.sop_id}/").content.decode()
    assert f"/sop/{published.sop_id}/revisi/" in page
    response = client.post(f"/sop/{published.sop_id}/revisi/", {"alasan": "Perubahan peraturan"})
    draft = SopVersion.objects.get(sop=published.sop, number=2)
    assert response.status_code == 302
    assert response["Location"] == f"/sop/{published.sop_id}/v/2/ubah/"
    assert draft.status == "konsep"
    assert draft.document_model().riwayat[-1].alasan == "Perubahan peraturan"
    published.refresh_from_db()
    assert published.status == "berlaku"  # stays in force until the revision takes effect


def test_reason_is_required_and_nothing_is_written(client: Client, penyusun, published) -> None:
    client.force_login(penyusun)
    response = client.post(f"/sop/{published.sop_id}/revisi/", {"alasan": "  "})
    assert response.status_code == 400
    assert "alasan" in response.content.decode().lower()
    assert SopVersion.objects.filter(sop=published.sop).count() == 1


@pytest.mark.parametrize("persona", ["pelaksana", "outsider_unit", "outsider_instansi"])
def test_others_cannot_start_a_revision(client: Client, request, published, persona) -> None:
    client.force_login(request.getfixturevalue(persona))
    page = client.get(f"/sop/{published.sop_id}/").content.decode()
    assert "/revisi/" not in page
    response = client.post(f"/sop/{published.sop_id}/revisi/", {"alasan": "Coba"})
    assert response.status_code == 403
    assert SopVersion.objects.filter(sop=published.sop).count() == 1


def test_anonymous_is_sent_to_login(client: Client, published) -> None:
    response = client.get(f"/sop/{published.sop_id}/revisi/")
    assert response.status_code == 302
    assert "/masuk/" in response["Location"]


def test_no_second_draft(client: Client, penyusun, published) -> None:
    client.force_login(penyusun)
    client.post(f"/sop/{published.sop_id}/revisi/", {"alasan": "Pertama"})
    response = client.post(f"/sop/{published.sop_id}/revisi/", {"alasan": "Kedua"})
    assert response.status_code == 400
    assert "sudah memiliki konsep" in response.content.decode()
    assert SopVersion.objects.filter(sop=published.sop).count() == 2

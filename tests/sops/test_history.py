"""History of an SOP and the difference view between two versions."""

from __future__ import annotations

import pytest
from django.test import Client

from sopan.sops.models import SopVersion
from sopan.sops.services import sop_version_create, version_set_status
from tests.sopdocs import document, make_sop

pytestmark = pytest.mark.django_db


def _steps_v2() -> list[dict]:
    return [
        {
            "id": "ajukan",
            "no": 1,
            "kegiatan": "Mengajukan permohonan secara daring",  # changed
            "simbol": "mulai",
            "pelaksana": ["pemohon"],
            "waktu": "5 menit",
        },
        # "periksa" removed
        {
            "id": "verifikasi",  # added
            "no": 2,
            "kegiatan": "Memverifikasi data pemohon",
            "pelaksana": ["petugas"],
            "waktu": "15 menit",
        },
        {
            "id": "serah",
            "no": 3,
            "kegiatan": "Menyerahkan hasil",
            "simbol": "selesai",
            "pelaksana": ["petugas"],
            "waktu": "5 menit",
            "output": "Dokumen",
        },
    ]


@pytest.fixture
def revised(world) -> tuple[SopVersion, SopVersion]:
    """v1 superseded by v2 in force; v3 a draft of Dinas X."""
    v1 = make_sop(world.dinas_x, "Pelayanan Legalisir", status="berlaku", nomor="SOP-7/DX/2025")
    doc2 = document(
        "Pelayanan Legalisir",
        nomor="SOP-7/DX/2025",
        langkah=_steps_v2(),
        riwayat=[{"versi": "2", "alasan": "Layanan daring", "ringkasan": "Verifikasi data"}],
    )
    v2 = sop_version_create(sop=v1.sop, document=doc2, by=None)
    version_set_status(version=v2, status="berlaku", by=None, note="Terbit")
    v3 = sop_version_create(sop=v1.sop, document=document("Pelayanan Legalisir Rahasia"), by=None)
    return v1, v3


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_history_lists_versions_with_status_and_reason(client, revised, penyusun) -> None:
    v1, _ = revised
    url = f"/sop/{v1.sop_id}/riwayat/"
    page = _page(client, url)
    assert "Versi 1" in page and "Versi 2" in page and "Versi 3" not in page  # anonymous
    assert "Digantikan" in page and "Berlaku" in page
    assert "Layanan daring" in page and "Verifikasi data" in page  # reason and summary
    assert "Digantikan oleh versi 2" not in page  # transition notes are internal
    client.force_login(penyusun)
    page = _page(client, url)
    assert "Versi 3" in page and "Konsep" in page
    assert "Digantikan oleh versi 2" in page and "Terbit" in page
    assert f"/sop/{v1.sop_id}/beda/1/2/" in page and f"/sop/{v1.sop_id}/beda/2/3/" in page


def test_history_of_a_draft_only_sop_is_hidden_from_outsiders(
    client, draft, outsider_unit, outsider_instansi
) -> None:
    url = f"/sop/{draft.sop_id}/riwayat/"
    assert client.get(url).status_code == 404
    for persona in (outsider_unit, outsider_instansi):
        client.force_login(persona)
        assert client.get(url).status_code == 404


def test_difference_shows_steps_added_removed_changed_with_labels(client, revised) -> None:
    v1, _ = revised
    page = _page(client, f"/sop/{v1.sop_id}/beda/1/2/")
    assert "Perbedaan versi 1 dan 2" in page
    assert 'class="change-added"' in page and "Memverifikasi data pemohon" in page
    assert 'class="change-removed"' in page and "<del>Memeriksa berkas</del>" in page
    assert 'class="change-changed"' in page
    assert "<del>Mengajukan permohonan</del> → <ins>Mengajukan permohonan secara daring</ins>" in (
        page
    )
    for label in ("Ditambah", "Dihapus", "Diubah"):
        assert f'<span class="change-label">{label}</span>' in page
    assert "Langkah: 1 ditambah, 1 dihapus, 1 diubah" in page
    assert "Riwayat revisi" in page  # the element list that changed


def test_difference_with_a_draft_only_for_people_of_the_unit(
    client, revised, penyusun, outsider_unit
) -> None:
    v1, _ = revised
    url = f"/sop/{v1.sop_id}/beda/2/3/"
    assert client.get(url).status_code == 404
    client.force_login(outsider_unit)
    assert client.get(url).status_code == 404
    client.force_login(penyusun)
    page = _page(client, url)
    assert "Pelayanan Legalisir Rahasia" in page and "Nama SOP" in page


def test_same_version_has_no_changes_and_bad_numbers_are_404(client, revised) -> None:
    v1, _ = revised
    assert "tidak ada perubahan" in _page(client, f"/sop/{v1.sop_id}/beda/2/2/")
    assert client.get(f"/sop/{v1.sop_id}/beda/1/9/").status_code == 404


def test_compare_form_redirects(client, revised) -> None:
    v1, _ = revised
    response = client.get(f"/sop/{v1.sop_id}/beda/", {"a": "1", "b": "2"})
    assert response.status_code == 302 and response["Location"] == f"/sop/{v1.sop_id}/beda/1/2/"
    response = client.get(f"/sop/{v1.sop_id}/beda/", {"a": "x"})
    assert response["Location"] == f"/sop/{v1.sop_id}/riwayat/"


def test_history_query_count_is_constant(
    client, world, penyusun, django_assert_max_num_queries
) -> None:
    v1 = make_sop(world.dinas_x, "SOP Banyak Versi", status="berlaku")
    for n in range(6):
        v = sop_version_create(sop=v1.sop, document=document(f"SOP Banyak Versi {n}"), by=None)
        version_set_status(version=v, status="berlaku", by=None)
    client.force_login(penyusun)
    with django_assert_max_num_queries(13):  # 12 + the header's unread notifications count
        page = _page(client, f"/sop/{v1.sop_id}/riwayat/")
    assert "Versi 7" in page

"""Entering, changing and deleting processes, and the weights page, through HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from sopan.inventory.models import PrioritySettings, Process
from tests.conftest import World

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form(unit: int, **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "unit": unit,
        "urutan": "",
        "tugas": "Melaksanakan pelayanan",
        "fungsi": "",
        "uraian_tugas": "",
        "kegiatan": "Legalisir",
        "output": "Salinan Terlegalisir",
        "aspek": "pelaksanaan",
        "judul": "",
        "kategori": "layanan_publik",
        "melayani_publik": "on",
        "volume_per_bulan": "100",
        "risiko_kemungkinan": "3",
        "risiko_dampak": "3",
        "pengaduan_12_bulan": "0",
        "temuan_audit_12_bulan": "0",
        "sop": "",
        "catatan": "",
    }
    values.update(changes)
    return values


def test_create_edit_delete(penyusun: User, world: World) -> None:
    client = client_for(penyusun)
    assert client.get("/inventaris/proses/baru/").status_code == 200
    response = client.post("/inventaris/proses/baru/", form(world.dinas_x.pk))
    process = Process.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/inventaris/proses/{process.pk}/"
    )
    assert process.judul_sop == "SOP Pelaksanaan Salinan Terlegalisir"
    response = client.post(
        f"/inventaris/proses/{process.pk}/ubah/", form(world.bidang_y.pk, judul="SOP Legalisir")
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert (process.unit, process.judul_sop) == (world.bidang_y, "SOP Legalisir")
    assert client.post(f"/inventaris/proses/{process.pk}/hapus/").status_code == 302
    assert not Process.objects.exists()


def test_bad_input_is_shown_in_indonesian_and_nothing_is_written(
    penyusun: User, world: World
) -> None:
    response = client_for(penyusun).post(
        "/inventaris/proses/baru/", form(world.dinas_x.pk, risiko_dampak="6", tugas="")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["tugas"] == ["Bidang ini tidak boleh kosong."]
    assert errors["risiko_dampak"] == ["Pastikan nilai ini lebih kecil dari atau sama dengan 5."]
    assert not Process.objects.exists()


def test_a_unit_outside_the_scope_cannot_be_chosen(penyusun: User, world: World) -> None:
    response = client_for(penyusun).post("/inventaris/proses/baru/", form(world.dinas_z.pk))
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not Process.objects.exists()


def test_readers_cannot_open_the_forms(pemeriksa: User, world: World) -> None:
    assert client_for(pemeriksa).get("/inventaris/proses/baru/").status_code == 403
    assert client_for(pemeriksa).get("/inventaris/impor/").status_code == 403


def test_weights_page(koordinator: User, penyusun: User, world: World) -> None:
    assert client_for(penyusun).get("/inventaris/bobot/").status_code == 403
    client = client_for(koordinator)
    assert client.get("/inventaris/bobot/").status_code == 200
    values = {
        "bobot_risiko": "60",
        "bobot_publik": "10",
        "bobot_volume": "10",
        "bobot_pengaduan": "10",
        "bobot_temuan": "10",
        "faktor_tanpa_sop": "2",
        "volume_acuan": "500",
        "pengaduan_acuan": "10",
        "temuan_acuan": "5",
    }
    assert client.post("/inventaris/bobot/", values).status_code == 302
    assert PrioritySettings.objects.get(instansi=world.kabupaten_a).bobot_risiko == 60
    bad = client.post("/inventaris/bobot/", {**values, "faktor_tanpa_sop": "0.5"})
    assert bad.status_code == 200 and bad.context["form"].errors["faktor_tanpa_sop"]

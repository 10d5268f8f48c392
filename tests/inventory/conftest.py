"""Inventory fixtures: a few processes in Kabupaten A (Dinas X, Bidang Y, Dinas Z, Bagian
Organisasi) and one in Kabupaten B, written through the services."""

from __future__ import annotations

from typing import Any

import pytest

from sopan.inventory.models import Process
from sopan.inventory.services import ProcessData, process_create
from sopan.organisations.models import Unit
from tests.conftest import World


def make_process(unit: Unit, output: str, **values: Any) -> Process:
    data = {
        "tugas": "Melaksanakan pelayanan",
        "kegiatan": f"Kegiatan {output}",
        "output": output,
        "aspek": "pelaksanaan",
        **values,
    }
    return process_create(unit=unit, data=ProcessData(**data), by=None)


@pytest.fixture
def inventory(world: World) -> dict[str, Process]:
    return {
        "legalisir": make_process(
            world.dinas_x,
            "Legalisir Dokumen",
            kategori="layanan_publik",
            melayani_publik=True,
            volume_per_bulan=300,
            risiko_kemungkinan=4,
            risiko_dampak=5,
            pengaduan_12_bulan=6,
            temuan_audit_12_bulan=2,
        ),
        "arsip": make_process(
            world.bidang_y, "Arsip Surat", aspek="distribusi", kategori="lainnya"
        ),
        "renstra": make_process(
            world.bagian_organisasi,
            "Renstra",
            aspek="penyusunan",
            risiko_kemungkinan=2,
            risiko_dampak=3,
        ),
        "gaji": make_process(
            world.dinas_z,
            "Daftar Gaji",
            kategori="keuangan",
            risiko_kemungkinan=3,
            risiko_dampak=4,
            temuan_audit_12_bulan=3,
        ),
        "kab_b": make_process(world.dinas_q, "Izin Reklame", kategori="perizinan"),
    }

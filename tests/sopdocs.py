"""Valid SOP documents and stored SOPs for tests."""

from __future__ import annotations

from typing import Any

from sopan.document import SopDocument
from sopan.organisations.models import Unit
from sopan.sops.models import SopVersion
from sopan.sops.services import sop_create


def document(nama: str, **extra: Any) -> SopDocument:
    data: dict[str, Any] = {
        "format": "sopan/1",
        "nama": nama,
        "nomor": extra.pop("nomor", None),
        "instansi": "Kabupaten A",
        "unit": "Dinas X",
        "tanggal": {"pembuatan": "2025-06-02", "efektif": "2025-06-02"},
        "disahkan_oleh": {"jabatan": "Kepala Dinas X", "nip": "197205141998031004"},
        "dasar_hukum": ["Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"],
        "pelaksana": [
            {"id": "pemohon", "nama": "Pemohon", "jenis": "eksternal"},
            {"id": "petugas", "nama": "Petugas Pelayanan"},
        ],
        "langkah": [
            {
                "id": "ajukan",
                "no": 1,
                "kegiatan": "Mengajukan permohonan",
                "simbol": "mulai",
                "pelaksana": ["pemohon"],
                "waktu": "5 menit",
            },
            {
                "id": "periksa",
                "no": 2,
                "kegiatan": "Memeriksa berkas",
                "simbol": "keputusan",
                "pelaksana": ["petugas"],
                "waktu": "10 menit",
                "cabang": [{"label": "Lengkap", "ke": "serah"}, {"label": "Tidak", "ke": "ajukan"}],
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
        ],
        **extra,
    }
    return SopDocument.model_validate(data)


def make_sop(unit: Unit, nama: str, status: str = "konsep", **extra: Any) -> SopVersion:
    return sop_create(unit=unit, document=document(nama, **extra), by=None, status=status)

"""Small valid SOP documents for the sops tests (built as values, not files)."""

from __future__ import annotations

from typing import Any

from sopan.document import SopDocument


def make_document(
    nama: str = "Pengelolaan Surat Masuk",
    *,
    nomor: str | None = None,
    dasar_hukum: list[str] | None = None,
    steps: int = 3,
    **extra: Any,
) -> SopDocument:
    """A document with two actors and ``steps`` steps (first mulai, last selesai)."""
    langkah: list[dict[str, Any]] = []
    for n in range(1, steps + 1):
        simbol = "mulai" if n == 1 else "selesai" if n == steps else "proses"
        langkah.append(
            {
                "no": n,
                "kegiatan": f"Kegiatan {n} {nama}",
                "simbol": simbol,
                "pelaksana": ["umum" if n % 2 else "kepala"],
            }
        )
    data: dict[str, Any] = {
        "format": "sopan/1",
        "nama": nama,
        "nomor": nomor,
        "jenis": "administratif",
        "dasar_hukum": dasar_hukum
        if dasar_hukum is not None
        else ["Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan", "dst."],
        "pelaksana": [
            {"id": "umum", "nama": "Bagian Umum"},
            {"id": "kepala", "nama": "Kepala Dinas"},
        ],
        "langkah": langkah,
        **extra,
    }
    return SopDocument.model_validate(data)

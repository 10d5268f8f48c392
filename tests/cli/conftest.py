from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sopan.cli import main

GOOD = """\
format: sopan/1
nama: Pelayanan Legalisir Dokumen
nomor: SOP-001/2025
jenis: administratif
instansi: Pemerintah Kabupaten Uji
unit: Kecamatan Uji
pelaksana:
  - {id: pemohon, nama: Pemohon, jenis: eksternal}
  - {id: petugas, nama: Petugas Pelayanan}
  - {id: camat, nama: Camat}
langkah:
  - {id: ajukan, no: 1, kegiatan: Mengajukan permohonan legalisir, simbol: mulai,
     pelaksana: [pemohon], waktu: 5 menit}
  - id: periksa
    no: 2
    kegiatan: Memeriksa kelengkapan berkas
    simbol: keputusan
    pelaksana: [petugas]
    waktu: 10 menit
    cabang:
      - {label: Lengkap, ke: tanda}
      - {label: Tidak lengkap, ke: ajukan}
  - {id: tanda, no: 3, kegiatan: Menandatangani legalisir, pelaksana: [camat], waktu: 1 jam}
  - {id: serah, no: 4, kegiatan: Menyerahkan dokumen, simbol: selesai, pelaksana: [petugas],
     waktu: 5 menit}
"""

UNREACHABLE = GOOD.replace("waktu: 1 jam}", "waktu: 1 jam, ke: serah}").replace(
    "  - {id: serah, no: 4,",
    "  - {id: yatim, no: 5, kegiatan: Mengarsipkan salinan, pelaksana: [petugas], ke: serah}\n"
    "  - {id: serah, no: 4,",
)

BROKEN_KEY = GOOD.replace("nama: Pelayanan Legalisir Dokumen", "nma: Pelayanan Legalisir Dokumen")


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    def _run(*argv: str) -> tuple[int, str, str]:
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run

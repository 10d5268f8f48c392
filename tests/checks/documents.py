"""A complete SOP that no rule has anything to say about, and helpers to vary it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sopan.checks import Finding, run_checks
from sopan.document import load_document

TODAY = dt.date(2025, 7, 1)

COMPLETE = """\
format: sopan/1
nama: Pelayanan Legalisasi Dokumen
nomor: SOP-001/KEC/2025
jenis: administratif
versi: "1.0"
instansi: Pemerintah Kabupaten Uji
unit: [Kecamatan Uji, Seksi Pelayanan]
tanggal:
  pembuatan: 2025-05-20
  revisi: 2099-05-31
  efektif: 2025-06-02
disahkan_oleh:
  jabatan: Camat Uji
  nama: Drs. Uji
tujuan: Memberikan legalisasi dokumen yang sah dalam satu hari.
ruang_lingkup:
  cakupan: Legalisasi salinan dokumen yang diterbitkan kecamatan.
definisi:
  - {istilah: Legalisasi, arti: Pengesahan salinan sesuai aslinya.}
dasar_hukum:
  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
kualifikasi_pelaksana: [Memahami tata naskah dinas]
keterkaitan: [SOP Pengarsipan]
peralatan: [Komputer, Stempel]
peringatan: [Legalisasi tanpa dokumen asli tidak sah.]
pencatatan: [Buku register legalisasi]
standar_waktu: 2 jam
pelaksana:
  - {id: pemohon, nama: Pemohon, jenis: eksternal}
  - {id: petugas, nama: Petugas Pelayanan}
  - {id: camat, nama: Camat}
langkah:
  - id: ajukan
    no: 1
    kegiatan: Mengajukan permohonan legalisasi
    simbol: mulai
    pelaksana: [pemohon]
    kelengkapan: [Dokumen asli, Salinan dokumen]
    waktu: 5 menit
    output: Permohonan
  - id: periksa
    no: 2
    kegiatan: Memeriksa kelengkapan berkas
    simbol: keputusan
    pelaksana: [petugas]
    waktu: 10 menit
    output: Berkas terperiksa
    cabang:
      - {label: Lengkap, ke: tanda}
      - {label: Tidak lengkap, ke: ajukan}
  - id: tanda
    no: 3
    kegiatan: Menandatangani legalisasi
    pelaksana: [camat]
    waktu: 60 menit
    output: Salinan terlegalisasi
  - id: serah
    no: 4
    kegiatan: Menyerahkan dokumen
    simbol: selesai
    pelaksana: [petugas]
    waktu: 5 menit
    output: Dokumen diterima pemohon
indikator:
  - {nama: Legalisasi selesai dalam 2 jam, target: ">= 95%", frekuensi: bulanan}
pelaporan: {kepada: Camat, frekuensi: bulanan}
eskalasi:
  - {kondisi: Camat tidak di tempat, tindakan: Sekretaris Camat menandatangani, kepada: Camat}
lampiran:
  - {nama: Register legalisasi, berkas: register.pdf}
riwayat:
  - {versi: "1.0", tanggal: 2025-06-02, ringkasan: Penyusunan awal}
"""


# The families tested here (bahasa and hukum have their own tests and fixtures).
FAMILIES = ("LKP", "STR", "WKT", "TGL")


def check(text: str, **kwargs: Any) -> list[Finding]:
    """Findings of the families kelengkapan, struktur, waktu and tata_kelola."""
    kwargs.setdefault("today", TODAY)
    findings = run_checks(load_document(text, filename="uji.sop.yaml"), **kwargs)
    return [f for f in findings if f.code.startswith(FAMILIES)]


def found(text: str, code: str, **kwargs: Any) -> list[tuple[str | None, str | None, int | None]]:
    """(step, field, line) of each finding of ``code``."""
    return [
        (f.location.step, f.location.field, f.location.line)
        for f in check(text, **kwargs)
        if f.code == code
    ]


def line_of(text: str, needle: str, after: str | None = None) -> int:
    """1-based line of the first ``needle`` (after the first ``after``, if given)."""
    start = text.index(after) if after is not None else 0
    return text[: text.index(needle, start)].count("\n") + 1


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)

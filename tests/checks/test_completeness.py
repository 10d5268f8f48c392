"""Family kelengkapan: each rule fires at an exact place and stays quiet on the complete SOP."""

from __future__ import annotations

import pytest

from sopan.checks import CheckConfig, Severity
from tests.checks.documents import COMPLETE, check, found, line_of, replace

# (code, the text to remove or change, its replacement, expected field, line needle or None)
IDENTITY = [
    ("LKP001", "nomor: SOP-001/KEC/2025\n", "", "nomor", None),
    ("LKP001", "nomor: SOP-001/KEC/2025\n", "nomor: '-'\n", "nomor", "nomor:"),
    ("LKP002", "  pembuatan: 2025-05-20\n", "", "tanggal.pembuatan", "tanggal:"),
    ("LKP003", "unit: [Kecamatan Uji, Seksi Pelayanan]\n", "unit: []\n", "unit", "unit:"),
    ("LKP004", "instansi: Pemerintah Kabupaten Uji\n", "", "instansi", None),
    (
        "LKP005",
        "tujuan: Memberikan legalisasi dokumen yang sah dalam satu hari.\n",
        "",
        "tujuan",
        None,
    ),
    (
        "LKP006",
        "  cakupan: Legalisasi salinan dokumen yang diterbitkan kecamatan.\n",
        "  cakupan: null\n",
        "ruang_lingkup.cakupan",
        "  cakupan:",
    ),
    (
        "LKP008",
        "  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n",
        "  - '-'\n",
        "dasar_hukum",
        "dasar_hukum:",
    ),
    (
        "LKP009",
        "kualifikasi_pelaksana: [Memahami tata naskah dinas]\n",
        "",
        "kualifikasi_pelaksana",
        None,
    ),
    ("LKP010", "peralatan: [Komputer, Stempel]\n", "peralatan: []\n", "peralatan", "peralatan:"),
    ("LKP011", "peringatan: [Legalisasi tanpa dokumen asli tidak sah.]\n", "", "peringatan", None),
    (
        "LKP012",
        "keterkaitan: [SOP Pengarsipan]\n",
        "keterkaitan: []\n",
        "keterkaitan",
        "keterkaitan:",
    ),
    (
        "LKP013",
        "pencatatan: [Buku register legalisasi]\n",
        "pencatatan:\n",
        "pencatatan",
        "pencatatan:",
    ),
    (
        "LKP015",
        '  - {nama: Legalisasi selesai dalam 2 jam, target: ">= 95%", frekuensi: bulanan}\n',
        "  - {target: 95%}\n",
        "indikator",
        "indikator:",
    ),
    (
        "LKP016",
        "pelaporan: {kepada: Camat, frekuensi: bulanan}\n",
        "pelaporan: {frekuensi: bulanan}\n",
        "pelaporan.kepada",
        "pelaporan:",
    ),
    (
        "LKP017",
        "eskalasi:\n  - {kondisi: Camat tidak di tempat, tindakan: Sekretaris Camat "
        "menandatangani, kepada: Camat}\n",
        "",
        "eskalasi",
        None,
    ),
    (
        "LKP019",
        '  - {versi: "1.0", tanggal: 2025-06-02, ringkasan: Penyusunan awal}\n',
        "",
        "riwayat",
        "riwayat:",
    ),
]


@pytest.mark.parametrize(
    ("code", "old", "new", "field", "needle"), IDENTITY, ids=[i[0] for i in IDENTITY]
)
def test_missing_element_fires_at_its_place(
    code: str, old: str, new: str, field: str, needle: str | None
) -> None:
    text = replace(COMPLETE, old, new)
    line = line_of(text, needle) if needle else None
    assert found(text, code) == [(None, field, line)]
    assert found(COMPLETE, code) == []


def test_real_sops_leave_keterkaitan_and_pencatatan_empty_so_only_info() -> None:
    text = replace(COMPLETE, "keterkaitan: [SOP Pengarsipan]\n", "")
    text = replace(text, "pencatatan: [Buku register legalisasi]\n", "")
    severities = {f.code: f.severity for f in check(text)}
    assert severities == {"LKP012": Severity.INFO, "LKP013": Severity.INFO}


def test_lkp007_terms_without_definisi() -> None:
    text = replace(
        COMPLETE, "  - {istilah: Legalisasi, arti: Pengesahan salinan sesuai aslinya.}\n", ""
    )
    text = replace(text, "definisi:\n", "")
    assert found(text, "LKP007") == []  # no acronym: no terms to define
    with_term = replace(
        text, "Mengajukan permohonan legalisasi", "Mengajukan permohonan legalisasi melalui SIMPEL"
    )
    assert found(with_term, "LKP007") == [(None, "definisi", None)]
    assert "SIMPEL" in next(f for f in check(with_term) if f.code == "LKP007").message()
    # SOP itself, roman numerals and the instansi's known acronyms are not terms
    common = replace(text, "Mengajukan permohonan legalisasi", "Mengajukan permohonan SOP tahap II")
    assert found(common, "LKP007") == []
    known = CheckConfig.from_mapping({"akronim_dikenal": ["SIMPEL"]})
    assert found(with_term, "LKP007", config=known) == []
    assert (
        found(COMPLETE.replace("legalisasi", "legalisasi SIMPEL"), "LKP007") == []
    )  # definisi exists


def test_lkp014_no_steps_is_an_error() -> None:
    start = COMPLETE.index("langkah:\n")
    end = COMPLETE.index("indikator:")
    text = COMPLETE[:start] + "langkah: []\n" + COMPLETE[end:]
    findings = [f for f in check(text) if f.code == "LKP014"]
    assert [(f.location.field, f.location.line, f.severity) for f in findings] == [
        ("langkah", line_of(text, "langkah: []"), Severity.ERROR)
    ]
    assert found(COMPLETE, "LKP014") == []


@pytest.mark.parametrize(
    ("where", "word"),
    [
        (
            "    kegiatan: Menandatangani legalisasi\n",
            "    kegiatan: Menandatangani legalisasi dan formulir\n",
        ),
        ("    waktu: 60 menit\n", "    keterangan: Memakai daftar periksa\n    waktu: 60 menit\n"),
        (
            "    kelengkapan: [Dokumen asli, Salinan dokumen]\n",
            "    kelengkapan: [Dokumen asli, Blanko permohonan]\n",
        ),
    ],
)
def test_lkp018_forms_mentioned_without_lampiran(where: str, word: str) -> None:
    text = replace(
        COMPLETE, "lampiran:\n  - {nama: Register legalisasi, berkas: register.pdf}\n", ""
    )
    assert found(text, "LKP018") == []
    text = replace(text, where, word)
    [(step, field, line)] = found(text, "LKP018")
    assert line == line_of(text, word.strip())
    assert field == word.split(":")[0].strip()
    assert step in ("ajukan", "tanda")
    assert found(replace(COMPLETE, where, word), "LKP018") == []  # there is a lampiran


def test_lkp020_step_without_activity() -> None:
    text = replace(COMPLETE, "    kegiatan: Menandatangani legalisasi\n", "    kegiatan: '-'\n")
    assert found(text, "LKP020") == [("tanda", "kegiatan", line_of(text, "    kegiatan: '-'"))]
    assert found(COMPLETE, "LKP020") == []


def test_lkp021_step_without_actor() -> None:
    text = replace(COMPLETE, "    pelaksana: [camat]\n", "    pelaksana: []\n")
    text = replace(text, "  - {id: camat, nama: Camat}\n", "")
    assert found(text, "LKP021") == [("tanda", "pelaksana", line_of(text, "    pelaksana: []"))]
    text = replace(COMPLETE, "    pelaksana: [camat]\n", "")
    assert found(text, "LKP021") == [("tanda", "pelaksana", line_of(text, "  - id: tanda"))]
    assert found(COMPLETE, "LKP021") == []


def test_lkp022_process_without_output() -> None:
    text = replace(COMPLETE, "    output: Salinan terlegalisasi\n", "")
    assert found(text, "LKP022") == [("tanda", "output", line_of(text, "  - id: tanda"))]
    # decisions and capsules are exempt
    text = replace(COMPLETE, "    output: Berkas terperiksa\n", "")
    text = replace(text, "    output: Permohonan\n", "")
    assert found(text, "LKP022") == []


def test_lkp023_first_step_without_kelengkapan() -> None:
    text = replace(
        COMPLETE, "    kelengkapan: [Dokumen asli, Salinan dokumen]\n", "    kelengkapan: []\n"
    )
    assert found(text, "LKP023") == [
        ("ajukan", "kelengkapan", line_of(text, "    kelengkapan: []"))
    ]
    assert found(COMPLETE, "LKP023") == []

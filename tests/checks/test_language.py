"""Family bahasa (BHS): each rule fires at an exact place and stays quiet on good text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sopan.checks import CheckConfig, Finding, Severity, run_checks
from sopan.checks.language import (
    analyse_kegiatan,
    men,
    nominal_to_verb,
    passive_to_active,
    pen,
    person_marker,
    sentence_lengths,
)
from sopan.checks.register import FileRegister
from sopan.document import load_document, load_path
from tests.checks.documents import COMPLETE, TODAY, line_of, replace

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.sop.yaml"))
REAL_SOPS = Path("/work/shared/data/real-sops")
DEMO_REGISTER = ROOT / "src" / "sopan" / "demo" / "organisation.yaml"


def findings(text: str, code: str, **kwargs: Any) -> list[Finding]:
    kwargs.setdefault("today", TODAY)
    result = run_checks(load_document(text, filename="uji.sop.yaml"), **kwargs)
    return [f for f in result if f.code == code]


def found(text: str, code: str, **kwargs: Any) -> list[tuple[str | None, str | None, int | None]]:
    return [
        (f.location.step, f.location.field, f.location.line) for f in findings(text, code, **kwargs)
    ]


def with_kegiatan(kegiatan: str) -> str:
    return replace(COMPLETE, "kegiatan: Memeriksa kelengkapan berkas", f"kegiatan: {kegiatan}")


def test_complete_document_is_quiet() -> None:
    result = run_checks(load_document(COMPLETE), today=TODAY)
    assert [f.code for f in result if f.code.startswith(("BHS", "HKM"))] == []


# --- BHS001 passive, BHS002 noun phrase -------------------------------------------------------


def test_bhs001_passive_with_agent_is_rewritten_actively() -> None:
    text = with_kegiatan("Berkas permohonan diperiksa oleh Petugas Pelayanan")
    result = findings(text, "BHS001")
    assert found(text, "BHS001") == [("periksa", "kegiatan", line_of(text, "Berkas permohonan"))]
    assert result[0].severity is Severity.WARNING
    assert "Petugas Pelayanan memeriksa berkas permohonan" in result[0].hint()
    assert "diperiksa" in result[0].message()
    assert found(COMPLETE, "BHS001") == []


def test_bhs002_noun_phrase_is_rewritten() -> None:
    text = with_kegiatan("Pemeriksaan kelengkapan berkas")
    result = findings(text, "BHS002")
    assert found(text, "BHS002") == [("periksa", "kegiatan", line_of(text, "Pemeriksaan"))]
    assert "“Memeriksa kelengkapan berkas”" in result[0].hint()
    assert found(COMPLETE, "BHS002") == []


@pytest.mark.parametrize(
    ("kegiatan", "kind", "suggestion"),
    [
        # Phrases as written in published SOPs (activities of SOP AP of dinas, kecamatan,
        # BPS and puskesmas), and the rewrite the rule proposes.
        ("Pemeriksaan berkas", "nomina", "Memeriksa berkas"),
        ("Penerimaan surat masuk", "nomina", "Menerima surat masuk"),
        ("Pencatatan surat dalam buku agenda", "nomina", "Mencatat surat dalam buku agenda"),
        ("Penyerahan SK kepada pemohon", "nomina", "Menyerahkan SK kepada pemohon"),
        (
            "Penyampaian laporan kepada Kepala Dinas",
            "nomina",
            "Menyampaikan laporan kepada Kepala Dinas",
        ),
        ("Penandatanganan surat oleh Kepala Dinas", "nomina", "Kepala Dinas menandatangani surat"),
        ("Pengesahan dokumen", "nomina", "Mengesahkan dokumen"),
        ("Pengecekan kelengkapan persyaratan", "nomina", "Mengecek kelengkapan persyaratan"),
        ("Persetujuan cuti oleh atasan langsung", "nomina", "Atasan langsung menyetujui cuti"),
        ("Pengarsipan dokumen", "nomina", "Mengarsipkan dokumen"),
        ("Penyusunan konsep surat keputusan", "nomina", "Menyusun konsep surat keputusan"),
        ("Pelayanan pemohon di loket", "nomina", "Melayani pemohon di loket"),
        ("Pengiriman berkas ke provinsi", "nomina", "Mengirimkan berkas ke provinsi"),
        ("Penerbitan akta kelahiran", "nomina", "Menerbitkan akta kelahiran"),
        ("Pembuatan berita acara", "nomina", "Membuat berita acara"),
        ("Penomoran surat keluar", "nomina", "Menomori surat keluar"),
        ("Perbaikan berkas oleh pemohon", "nomina", "Pemohon memperbaiki berkas"),
        ("Verifikasi berkas permohonan", "nomina", "Memverifikasi berkas permohonan"),
        ("Koordinasi dengan bidang terkait", "nomina", "Berkoordinasi dengan bidang terkait"),
        ("Pengolahan data hasil survei", "nomina", "Mengolah data hasil survei"),
        ("Berkas diperiksa oleh Kasi", "pasif", "Kasi memeriksa berkas"),
        ("Surat diagendakan oleh petugas", "pasif", "Petugas mengagendakan surat"),
        (
            "Berkas diteruskan kepada Kepala Bidang",
            "pasif",
            "Meneruskan berkas kepada Kepala Bidang",
        ),
        (
            "Surat keputusan ditandatangani oleh Bupati",
            "pasif",
            "Bupati menandatangani surat keputusan",
        ),
        ("Konsep disetujui oleh Sekretaris", "pasif", "Sekretaris menyetujui konsep"),
        ("Dokumen diperbaiki oleh pemohon", "pasif", "Pemohon memperbaiki dokumen"),
        ("Diserahkan kepada pemohon", "pasif", "Menyerahkan kepada pemohon"),
        (
            "Apabila lengkap, berkas diproses oleh operator",
            "pasif",
            "Apabila lengkap, operator memproses berkas",
        ),
    ],
)
def test_rewrite_table(kegiatan: str, kind: str, suggestion: str) -> None:
    verdict = analyse_kegiatan(kegiatan)
    assert verdict is not None
    assert (verdict.kind, verdict.suggestion) == (kind, suggestion)


@pytest.mark.parametrize(
    "kegiatan",
    [
        # Active forms, as in the real SOPs and the demo SOPs: nothing to report.
        "Pengguna layanan membutuhkan layanan pengaduan",
        "Petugas layanan menerima pengaduan yang diberikan oleh pengguna layanan",
        "Resepsionis mengarahkan pengguna layanan untuk registrasi",
        "Menerima, memvalidasi dan memeriksa kelengkapan berkas; jika lengkap diproses",
        "Memperbaiki dan mengunggah ulang dokumen persyaratan",
        "Berkoordinasi dengan Bagian Hukum",
        "Datang ke loket pelayanan",
        "Setelah berkas diverifikasi, Kepala Dinas menandatangani surat",
        "Pemohon datang ke loket dan menyerahkan berkas",
        "Pejabat Pengadaan melakukan klarifikasi",
        "Pimpinan menandatangani surat",
        # Not an action at all, or cannot be told without a parser: left alone.
        "Surat masuk",
        "Selesai",
    ],
)
def test_active_or_unknown_is_quiet(kegiatan: str) -> None:
    assert analyse_kegiatan(kegiatan) is None


def test_ter_form_and_passive_without_agent() -> None:
    verdict = analyse_kegiatan("Peraturan Bupati ditetapkan")
    assert verdict is not None and (verdict.kind, verdict.suggestion) == (
        "pasif",
        "Menetapkan Peraturan Bupati",
    )
    verdict = analyse_kegiatan("Tercatat dalam buku register")
    assert verdict is not None and (verdict.kind, verdict.suggestion) == ("pasif", None)
    verdict = analyse_kegiatan("Berkas yang lengkap diteruskan ke Kasi")
    assert verdict is not None and verdict.word == "diteruskan"
    assert verdict.suggestion == "Meneruskan berkas yang lengkap ke Kasi"


@pytest.mark.parametrize(
    ("base", "verb"),
    [
        ("periksa", "memeriksa"),
        ("terima", "menerima"),
        ("kirim", "mengirim"),
        ("susun", "menyusun"),
        ("buat", "membuat"),
        ("catat", "mencatat"),
        ("arsip", "mengarsip"),
        ("lapor", "melapor"),
        ("rekam", "merekam"),
        ("cek", "mengecek"),
        ("proses", "memproses"),
        ("klarifikasi", "mengklarifikasi"),
        ("verifikasi", "memverifikasi"),
        ("hitung", "menghitung"),
        ("jadwal", "menjadwal"),
        ("kaji", "mengkaji"),
        ("standar", "menstandar"),
    ],
)
def test_men_allomorphs(base: str, verb: str) -> None:
    assert men(base) == verb
    assert pen(base) == "pe" + verb[2:]


def test_morphology_refuses_non_actions() -> None:
    assert nominal_to_verb("peraturan") is None
    assert nominal_to_verb("pengadilan") is None
    assert nominal_to_verb("pengguna") is None
    assert nominal_to_verb("penyerahan") == "menyerahkan"
    assert passive_to_active("dinas") is None
    assert passive_to_active("disposisi") is None
    assert passive_to_active("dikembalikan") == "mengembalikan"


# --- BHS003 long sentences ---------------------------------------------------------------------


LONG = " ".join(["Memeriksa kelengkapan berkas"] + ["dan dokumen pendukung"] * 12)


def test_bhs003_long_sentence_and_threshold() -> None:
    text = with_kegiatan(LONG)
    assert sentence_lengths(LONG) == [39]
    result = findings(text, "BHS003")
    assert found(text, "BHS003") == [("periksa", "kegiatan", line_of(text, LONG))]
    assert "39 kata (batas 35)" in result[0].message()
    assert found(text, "BHS003", config=CheckConfig(thresholds={"kalimat_maks_kata": 40})) == []
    assert found(COMPLETE, "BHS003") == []
    # Two sentences of 20 words each are fine.
    assert max(sentence_lengths("Satu dua tiga. Empat lima; enam")) == 3


# --- BHS004 vague words ------------------------------------------------------------------------


def test_bhs004_vague_words_name_their_field() -> None:
    text = replace(COMPLETE, "    waktu: 10 menit\n", "    waktu: segera\n")
    text = replace(
        text, "kelengkapan: [Dokumen asli, Salinan dokumen]", "kelengkapan: [KTP, KK, dll.]"
    )
    text = replace(text, "dalam satu hari.", "dalam satu hari, bila diperlukan.")
    result = findings(text, "BHS004")
    assert found(text, "BHS004") == [
        (None, "tujuan", line_of(text, "tujuan:")),
        ("ajukan", "kelengkapan", line_of(text, "kelengkapan: [KTP")),
        ("periksa", "waktu", line_of(text, "waktu: segera")),
    ]
    assert [f.params["word"] for f in result] == ["bila diperlukan", "dll.", "segera"]
    assert "kriteria" in result[0].hint()
    assert found(COMPLETE, "BHS004") == []


def test_bhs004_urgency_class_and_extra_words() -> None:
    text = with_kegiatan("Memeriksa surat bersifat sangat segera")
    assert found(text, "BHS004") == []
    text = with_kegiatan("Memeriksa berkas sebisanya")
    assert found(text, "BHS004") == []
    config = CheckConfig(extra_vague_words=("sebisanya",))
    assert found(text, "BHS004", config=config) == [
        ("periksa", "kegiatan", line_of(text, "sebisanya"))
    ]


# --- BHS005 acronyms ---------------------------------------------------------------------------


def test_bhs005_undefined_acronym_once_at_first_use() -> None:
    text = with_kegiatan("Mencatat permohonan dalam SIPKD")
    text = replace(text, "    output: Salinan terlegalisasi\n", "    output: Data SIPKD\n")
    result = findings(text, "BHS005")
    assert found(text, "BHS005") == [("periksa", "kegiatan", line_of(text, "dalam SIPKD"))]
    assert result[0].severity is Severity.INFO
    assert result[0].params["word"] == "SIPKD"


@pytest.mark.parametrize(
    "edit",
    [
        # defined in definisi
        (
            "definisi:\n",
            "definisi:\n  - {istilah: SIPKD, arti: Sistem Informasi Pengelolaan Keuangan Daerah}\n",
        ),
        # written in brackets after its expansion
        (
            "dalam satu hari.",
            "dalam satu hari melalui Sistem Informasi Pengelolaan Keuangan Daerah (SIPKD).",
        ),
        # or its expansion in brackets after it
        (
            "dalam satu hari.",
            "dalam satu hari melalui SIPKD (Sistem Informasi Pengelolaan Keuangan Daerah).",
        ),
        # spelled out by capitalised words elsewhere (initials S-I-M-P-E-L)
        (
            "instansi: Pemerintah Kabupaten Uji",
            "instansi: Sistem Informasi Pengelolaan Keuangan Daerah",
        ),
    ],
)
def test_bhs005_defined_acronyms_are_quiet(edit: tuple[str, str]) -> None:
    text = replace(with_kegiatan("Mencatat permohonan dalam SIPKD"), *edit)
    assert found(text, "BHS005") == []


def test_bhs005_known_lists_and_ordinary_capitals() -> None:
    text = with_kegiatan("Mencatat NIK, KTP-el dan NIP dalam SIPKD; WAJIB diisi Golongan III")
    assert [f.params["word"] for f in findings(text, "BHS005")] == ["SIPKD"]
    config = CheckConfig(known_acronyms=("SIPKD",))
    assert found(text, "BHS005", config=config) == []


# --- BHS006 persons as actors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "marker"),
    [
        ("Ibu Sri Wahyuni", "Ibu"),
        ("Bpk. Ahmad", "Bpk."),
        ("Sdr. Budi Santoso", "Sdr."),
        ("Rina Marlina, S.Kom.", "S.Kom."),
        ("Dr. Ir. Hasan", "Dr. I"),
        ("Agus Salim, S.STP, M.Si.", "S.STP"),
        ("Pelaksana 198001012005011001", "198001012005011001"),
    ],
)
def test_person_markers(name: str, marker: str) -> None:
    assert person_marker(name) == marker


@pytest.mark.parametrize("name", ["Kepala Seksi Pelayanan", "Ibu Hamil", "Pemohon", "Camat"])
def test_positions_are_not_persons(name: str) -> None:
    assert person_marker(name) is None


def test_bhs006_location() -> None:
    text = replace(COMPLETE, "nama: Petugas Pelayanan}", "nama: 'Ibu Rina Marlina, S.Kom.'}")
    assert found(text, "BHS006") == [(None, "pelaksana.1.nama", line_of(text, "Ibu Rina"))]
    assert found(COMPLETE, "BHS006") == []


# --- BHS007 one actor or term, several spellings -----------------------------------------------


def test_bhs007_position_abbreviation_in_text() -> None:
    text = replace(COMPLETE, "nama: Petugas Pelayanan}", "nama: Kasi Pelayanan}")
    text = replace(
        text,
        "kegiatan: Menyerahkan dokumen",
        "kegiatan: Menyerahkan dokumen kepada Kepala Seksi Pelayanan",
    )
    result = findings(text, "BHS007")
    assert found(text, "BHS007") == [("serah", "kegiatan", line_of(text, "kepada Kepala Seksi"))]
    assert result[0].params == {
        "name": "Kasi Pelayanan",
        "variant": "Kepala Seksi Pelayanan",
        "field": "kegiatan",
        "step": "serah",
    }
    assert found(COMPLETE, "BHS007") == []


def test_bhs007_same_stems_and_separators() -> None:
    text = with_kegiatan("Memeriksa kelengkapan berkas bersama Petugas Layanan")
    assert [f.params["variant"] for f in findings(text, "BHS007")] == ["Petugas Layanan"]
    # "layanannya" is the same word with -nya, not another spelling
    assert found(with_kegiatan("Memeriksa berkas Petugas Pelayanannya"), "BHS007") == []
    text = replace(COMPLETE, "{istilah: Legalisasi,", "{istilah: KTP-el,")
    text = with_kegiatan("Memeriksa KTP el pemohon").replace(
        "{istilah: Legalisasi,", "{istilah: KTP-el,"
    )
    assert [(f.params["name"], f.params["variant"]) for f in findings(text, "BHS007")] == [
        ("KTP-el", "KTP el")
    ]


def test_bhs007_two_actors_one_position_and_term_variants() -> None:
    text = replace(
        COMPLETE,
        "  - {id: camat, nama: Camat}\n",
        "  - {id: camat, nama: Camat}\n  - {id: petugas2, nama: petugas  pelayanan}\n",
    )
    assert found(text, "BHS007") == [
        (None, "pelaksana.3.nama", line_of(text, "petugas  pelayanan"))
    ]
    text = with_kegiatan("Memeriksa KTP-el dan e-KTP lama")
    assert [(f.params["name"], f.params["variant"]) for f in findings(text, "BHS007")] == [
        ("KTP-el", "e-KTP")
    ]


# --- BHS008 labels, BHS009 spelling ------------------------------------------------------------


def test_bhs008_label_typos() -> None:
    text = replace(
        COMPLETE, "{label: Tidak lengkap, ke: ajukan}", "{label: Tdk lengkap, ke: ajukan}"
    )
    result = findings(text, "BHS008")
    assert found(text, "BHS008") == [("periksa", "cabang", line_of(text, "{label: Tdk"))]
    assert result[0].hint() == "Tulis “Tidak”."
    text = replace(COMPLETE, "    output: Permohonan\n", "    output: Mutu Buku terpenuhi\n")
    assert [f.params["right"] for f in findings(text, "BHS008")] == ["Mutu Baku"]
    assert found(COMPLETE, "BHS008") == []


def test_bhs009_non_standard_spelling() -> None:
    text = with_kegiatan("Memeriksa surat ijin dan resiko")
    result = findings(text, "BHS009")
    assert [(f.params["word"], f.params["right"]) for f in result] == [
        ("ijin", "izin"),
        ("resiko", "risiko"),
    ]
    assert found(text, "BHS009")[0] == ("periksa", "kegiatan", line_of(text, "surat ijin"))
    assert found(COMPLETE, "BHS009") == []


# --- the demo SOPs and the real SOPs -----------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_have_no_language_or_legal_warning(path: Path) -> None:
    register = FileRegister.from_file(DEMO_REGISTER)
    for kwargs in ({}, {"register": register}):
        result = run_checks(load_path(path), today=TODAY, **kwargs)
        serious = [
            (f.code, f.message())
            for f in result
            if f.code.startswith(("BHS", "HKM")) and f.severity is not Severity.INFO
        ]
        assert serious == []


REAL_EXPECTED = {
    "bps_bengkulu_layanan_pengaduan.sop.yaml": [
        # "Website PPID (ppid.bps.go.id, ...)": PPID is not explained anywhere (BPS is: the
        # instansi is "Badan Pusat Statistik Provinsi Bengkulu").
        ("BHS005", "pilih_media", "keterangan", "PPID"),
        # The actor column says "Petugas Layanan", row 7 says "Petugas pelayanan".
        ("BHS007", "hasil", "kegiatan", "Petugas pelayanan"),
    ],
    "disdukcapil_poso_penerbitan_akta_kelahiran.sop.yaml": [
        # The actor column "JFU" (Jabatan Fungsional Umum) is never written out.
        ("BHS005", None, "pelaksana.4.nama", "JFU"),
        # Columns say Kasi, Kabid, Kadis; the activities say kepala seksi, kepala bidang,
        # Kepala Dinas.
        ("BHS007", "1", "kegiatan", "kepala seksi"),
        ("BHS007", "4", "kegiatan", "kepala bidang"),
        ("BHS007", "5", "kegiatan", "Kepala Dinas"),
    ],
}


@pytest.mark.parametrize("name", sorted(REAL_EXPECTED))
def test_real_sops_language_findings(name: str) -> None:
    result = run_checks(load_path(REAL_SOPS / name), today=TODAY)
    language = [
        (
            f.code,
            f.location.step,
            f.location.field,
            f.params.get("word") or f.params.get("variant"),
        )
        for f in result
        if f.code.startswith("BHS")
    ]
    assert language == REAL_EXPECTED[name]

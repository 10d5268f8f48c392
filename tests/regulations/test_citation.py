"""The citation parser on real dasar_hukum lines (pure: no database)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from sopan.regulations.citation import Citation, citation_key, parse_citation

REAL_SOPS = Path("/work/shared/data/real-sops")

# line → (jenis, jenis_singkat, nomor, tahun, tentang)
CASES: list[tuple[str, tuple[str, str, str, int, str | None]]] = [
    (
        "Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan",
        ("Undang-Undang", "UU", "43", 2009, "Kearsipan"),
    ),
    (
        "UU No. 25 Tahun 2009 tentang Pelayanan Publik",
        ("Undang-Undang", "UU", "25", 2009, "Pelayanan Publik"),
    ),
    (
        "PP No. 37 Tahun 2007 tentang Administrasi Kependudukan",
        ("Peraturan Pemerintah", "PP", "37", 2007, "Administrasi Kependudukan"),
    ),
    (
        "Peraturan Presiden Nomor 86 Tahun 2007 tentang Badan Pusat Statistik",
        ("Peraturan Presiden", "Perpres", "86", 2007, "Badan Pusat Statistik"),
    ),
    ("Perpres 16/2018", ("Peraturan Presiden", "Perpres", "16", 2018, None)),
    (
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 "
        "Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi "
        "Pemerintahan",
        (
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
            "PermenPANRB",
            "35",
            2012,
            "Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan",
        ),
    ),
    (
        "PermenPANRB No. 35 Tahun 2012",
        (
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
            "PermenPANRB",
            "35",
            2012,
            None,
        ),
    ),
    (
        "Permenpan No. PER/21/M.PAN/11/2008",
        (
            "Peraturan Menteri Negara Pendayagunaan Aparatur Negara",
            "Permenpan",
            "PER/21/M.PAN/11/2008",
            2008,
            None,
        ),
    ),
    (
        "Peraturan Badan Pusat Statistik Nomor 7 Tahun 2020 tentang Organisasi dan Tata Kerja "
        "Badan Pusat Statistik",
        (
            "Peraturan Badan Pusat Statistik",
            "Perban BPS",
            "7",
            2020,
            "Organisasi dan Tata Kerja Badan Pusat Statistik",
        ),
    ),
    (
        "Permendagri Nomor 77 Tahun 2020",
        ("Peraturan Menteri Dalam Negeri", "Permendagri", "77", 2020, None),
    ),
    (
        "Peraturan Daerah Kabupaten X Nomor 3 Tahun 2019 tentang Retribusi Jasa Umum",
        ("Peraturan Daerah Kabupaten X", "Perda Kabupaten X", "3", 2019, "Retribusi Jasa Umum"),
    ),
    (
        "Perda Kab. Poso No. 3 Tahun 2019",
        ("Peraturan Daerah Kabupaten Poso", "Perda Kabupaten Poso", "3", 2019, None),
    ),
    (
        "Peraturan Bupati Poso Nomor 12 Tahun 2021 tentang Kedudukan dan Susunan Organisasi",
        ("Peraturan Bupati Poso", "Perbup Poso", "12", 2021, "Kedudukan dan Susunan Organisasi"),
    ),
    (
        "Peraturan Walikota Bandung Nomor 5 Tahun 2020",
        ("Peraturan Wali Kota Bandung", "Perwali Bandung", "5", 2020, None),
    ),
    (
        "Pergub Bengkulu No. 1 Th. 2022",
        ("Peraturan Gubernur Bengkulu", "Pergub Bengkulu", "1", 2022, None),
    ),
    (
        "Keputusan Kepala Badan Pusat Statistik Nomor 1052 Tahun 2021 tentang Tim Kerja",
        ("Keputusan Kepala Badan Pusat Statistik", "Kepka BPS", "1052", 2021, "Tim Kerja"),
    ),
    (
        "Instruksi Presiden Nomor 9 Tahun 2000 tentang Pengarusutamaan Gender",
        ("Instruksi Presiden", "Inpres", "9", 2000, "Pengarusutamaan Gender"),
    ),
    (
        "SE Menteri PAN-RB No. 20 Tahun 2021",
        (
            "Surat Edaran Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
            "SE MenPANRB",
            "20",
            2021,
            None,
        ),
    ),
    (
        "UU No. 23 Tahun 2006 tentang Administrasi Kependudukan sebagaimana telah diubah "
        "dengan UU No. 24 Tahun 2013",
        ("Undang-Undang", "UU", "23", 2006, "Administrasi Kependudukan"),
    ),
    (
        "UU No. 23 Tahun 2006 jo. UU No. 24 Tahun 2013 tentang Administrasi Kependudukan",
        ("Undang-Undang", "UU", "23", 2006, None),
    ),
    (
        "Undang-Undang Republik Indonesia Nomor 16 Tahun 1997 tentang Statistik",
        ("Undang-Undang", "UU", "16", 1997, "Statistik"),
    ),
    (
        "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945",
        ("Undang-Undang Dasar", "UUD", "", 1945, None),
    ),
    (
        "1. Peraturan Pemerintah Nomor 51 Tahun 1999 tentang Penyelenggaraan Statistik;",
        ("Peraturan Pemerintah", "PP", "51", 1999, "Penyelenggaraan Statistik"),
    ),
    (
        "PERATURAN PEMERINTAH NOMOR 24 TAHUN 2013",
        ("Peraturan Pemerintah", "PP", "24", 2013, None),
    ),
    (
        "Perba BPS 1/2023",
        ("Peraturan Badan Pusat Statistik", "Perban BPS", "1", 2023, None),
    ),
    (
        "Perka BPS No. 19 Tahun 2013",
        ("Peraturan Kepala Badan Pusat Statistik", "Perka BPS", "19", 2013, None),
    ),
    (
        "Peraturan ANRI No. 5 Tahun 2021 tentang Pedoman Umum Tata Naskah Dinas",
        (
            "Peraturan Arsip Nasional Republik Indonesia",
            "Peraturan ANRI",
            "5",
            2021,
            "Pedoman Umum Tata Naskah Dinas",
        ),
    ),
    (
        "PMK No. 190/PMK.05/2012",
        ("Peraturan Menteri Keuangan", "PMK", "190/PMK.05/2012", 2012, None),
    ),
    ("Keppres No. 7 Tahun 2015", ("Keputusan Presiden", "Keppres", "7", 2015, None)),
    ("Inpres Nomor 3 Tahun 2003", ("Instruksi Presiden", "Inpres", "3", 2003, None)),
]


@pytest.mark.parametrize(("line", "expected"), CASES, ids=[case[0][:40] for case in CASES])
def test_real_world_lines(line: str, expected: tuple[str, str, str, int, str | None]) -> None:
    assert parse_citation(line) == Citation(*expected)


@pytest.mark.parametrize(
    "line",
    [
        "dst.",
        "",
        "   ",
        "Peraturan perundang-undangan terkait",
        "Memiliki pengalaman bekerja minimal 2 tahun",
        "SOP Surat Masuk Nomor 3",
        "Kebijakan Kepala Dinas",
        "Peraturan Menteri Dalam Negeri",  # a type without number or year
    ],
)
def test_non_citations_give_none(line: str) -> None:
    assert parse_citation(line) is None


def _dasar_hukum_of_real_sops() -> list[str]:
    yaml = YAML(typ="safe")
    lines: list[str] = []
    for path in sorted(REAL_SOPS.glob("*.sop.yaml")):
        lines += yaml.load(path.read_text(encoding="utf-8")).get("dasar_hukum") or []
    return lines


def test_every_real_sop_line_is_read_or_refused() -> None:
    read = {line: parse_citation(line) for line in _dasar_hukum_of_real_sops()}
    assert read["dst."] is None
    labels = sorted(c.label for c in read.values() if c is not None)
    assert labels == [
        "PP 37/2007",
        "PP 51/1999",
        "Perban BPS 5/2023",
        "Perban BPS 7/2020",
        "Perpres 86/2007",
        "UU 16/1997",
        "UU 20/2023",
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("PermenPANRB No. 35 Tahun 2012", CASES[5][0]),
        ("Perka BPS No. 19 Tahun 2013", "Peraturan Kepala Badan Pusat Statistik Nomor 19/2013"),
        ("Perwali Bandung No. 05 Tahun 2020", "Peraturan Wali Kota Bandung Nomor 5 Tahun 2020"),
        ("UU 25/2009", "Undang-undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"),
        ("Permenpan RB Nomor 35 Tahun 2012", "Permenpan No. 35 Tahun 2012"),
    ],
)
def test_spellings_of_one_instrument_share_a_key(a: str, b: str) -> None:
    ca, cb = parse_citation(a), parse_citation(b)
    assert ca is not None and cb is not None
    assert citation_key(ca) == citation_key(cb)


def test_different_instruments_have_different_keys() -> None:
    keys = {
        citation_key(c)
        for c in map(parse_citation, ["UU 25/2009", "PP 25/2009", "UU 26/2009", "UU 25/2010"])
        if c is not None
    }
    assert len(keys) == 4

"""Family hukum (HKM): each rule fires at the dasar hukum line it is about, and stays quiet on
a current, complete legal basis."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sopan.checks import Finding, RegisterEntry, Severity, run_checks
from sopan.checks.legal import amendment_named, cites_old_guideline, is_placeholder
from sopan.checks.register import FileRegister
from sopan.document import load_document, load_path
from tests.checks.documents import COMPLETE, TODAY, line_of, replace

REAL_SOPS = Path("/work/shared/data/real-sops")
UU_25 = "  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n"

REGISTER = FileRegister.from_entries(
    [
        {"jenis": "Undang-Undang", "nomor": "25", "tahun": 2009, "status": "berlaku"},
        {
            "jenis": "Peraturan Menteri Dalam Negeri",
            "nomor": "54",
            "tahun": 2009,
            "status": "dicabut",
            "dicabut_oleh": {
                "jenis": "Peraturan Menteri Dalam Negeri",
                "nomor": "1",
                "tahun": 2023,
            },
        },
        {"jenis": "Peraturan Pemerintah", "nomor": "37", "tahun": 2007, "status": "dicabut"},
        {
            "jenis": "Undang-Undang",
            "nomor": "23",
            "tahun": 2006,
            "status": "diubah",
            "diubah_oleh": {"jenis": "Undang-Undang", "nomor": "24", "tahun": 2013},
        },
        {
            "jenis": "Peraturan Presiden",
            "nomor": "16",
            "tahun": 2018,
            "status": "diubah",
            "diubah_oleh": {"jenis": "Peraturan Presiden", "nomor": "46", "tahun": 2025},
        },
        {"jenis": "Peraturan Pemerintah", "nomor": "11", "tahun": 2017, "status": "diubah"},
    ]
)


def with_lines(*lines: str) -> str:
    return replace(COMPLETE, UU_25, "".join(f"  - {line}\n" for line in lines))


def findings(text: str, code: str, **kwargs: Any) -> list[Finding]:
    kwargs.setdefault("today", TODAY)
    result = run_checks(load_document(text, filename="uji.sop.yaml"), **kwargs)
    return [f for f in result if f.code == code]


def found(text: str, code: str, **kwargs: Any) -> list[tuple[str | None, int | None]]:
    return [(f.location.field, f.location.line) for f in findings(text, code, **kwargs)]


def test_complete_document_is_quiet_with_and_without_register() -> None:
    for kwargs in ({}, {"register": REGISTER}):
        result = run_checks(load_document(COMPLETE), today=TODAY, **kwargs)
        assert [f.code for f in result if f.code.startswith("HKM")] == []


def test_hkm001_revoked_names_the_replacement() -> None:
    line = "Permendagri No. 54 Tahun 2009 tentang Tata Naskah Dinas di Lingkungan Pemda"
    text = with_lines(line)
    result = findings(text, "HKM001", register=REGISTER)
    assert found(text, "HKM001", register=REGISTER) == [("dasar_hukum.0", line_of(text, line))]
    assert result[0].severity is Severity.ERROR
    assert "Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023" in result[0].message()
    assert found(text, "HKM001") == []  # no register, no knowledge
    # revoked without a recorded replacement
    text = with_lines("PP Nomor 37 Tahun 2007 tentang Administrasi Kependudukan")
    assert findings(text, "HKM001", register=REGISTER)[0].params["label"] == (
        "Peraturan Pemerintah Nomor 37 Tahun 2007"
    )


def test_hkm002_amended_unless_the_line_names_the_amendment() -> None:
    plain = "Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan"
    text = with_lines(plain)
    result = findings(text, "HKM002", register=REGISTER)
    assert found(text, "HKM002", register=REGISTER) == [("dasar_hukum.0", line_of(text, plain))]
    assert result[0].severity is Severity.WARNING
    assert result[0].params["replaced_by"] == "Undang-Undang Nomor 24 Tahun 2013"
    for named in (
        f"{plain} sebagaimana telah diubah dengan Undang-Undang Nomor 24 Tahun 2013",
        f"{plain} jo. UU 24/2013",
        f"{plain} beserta perubahannya",
    ):
        assert found(with_lines(named), "HKM002", register=REGISTER) == []
    # an older amendment is named, not the latest one
    older = "Perpres No. 16 Tahun 2018 tentang PBJ sebagaimana telah diubah dengan Perpres 12/2021"
    result = findings(with_lines(older), "HKM002", register=REGISTER)
    assert "terakhir diubah dengan Peraturan Presiden Nomor 46 Tahun 2025" in result[0].message()
    # amended without a recorded amendment
    text = with_lines("PP Nomor 11 Tahun 2017 tentang Manajemen PNS")
    assert "replaced_by" not in findings(text, "HKM002", register=REGISTER)[0].params


def test_amendment_named() -> None:
    label = "Undang-Undang Nomor 24 Tahun 2013"
    assert amendment_named("UU 23/2006", label) is None
    assert amendment_named("UU 23/2006 sebagaimana diubah dengan UU Nomor 24 Tahun 2013", label)
    assert amendment_named("UU 23/2006 sebagaimana diubah dengan UU 1/2020", label) is False
    assert amendment_named("UU 23/2006 dan perubahannya", label) is True


def test_hkm003_incomplete_citations() -> None:
    text = with_lines("Peraturan tentang pelayanan", "Perpres 16/2018")
    result = findings(text, "HKM003")
    assert found(text, "HKM003") == [
        ("dasar_hukum.0", line_of(text, "Peraturan tentang")),
        ("dasar_hukum.1", line_of(text, "Perpres 16/2018")),
    ]
    assert all(f.severity is Severity.INFO for f in result)
    assert "Nomor" in result[0].hint() and "tentang" in result[0].hint()
    assert "Perpres 16/2018" in result[1].message()
    quiet = with_lines("Undang-Undang Dasar Negara Republik Indonesia Tahun 1945")
    assert found(quiet, "HKM003") == []


@pytest.mark.parametrize("line", ["dst.", "dll", "...", "'-'", "Dan seterusnya", "…"])
def test_hkm004_placeholders(line: str) -> None:
    assert is_placeholder(line.strip("'"))
    text = with_lines("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik", line)
    result = findings(text, "HKM004")
    assert [(f.location.field, f.severity) for f in result] == [("dasar_hukum.1", Severity.WARNING)]
    assert found(text, "HKM003") == []


def test_hkm004_quiet() -> None:
    assert not is_placeholder("Undang-Undang Nomor 25 Tahun 2009")
    assert found(COMPLETE, "HKM004") == []


@pytest.mark.parametrize(
    "line",
    [
        "Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/21/M.PAN/11/2008 "
        "tentang Pedoman Penyusunan SOP Administrasi Pemerintahan",
        "Permenpan No. PER/21/M.PAN/11/2008",
        "Permenpan Nomor 21 Tahun 2008 tentang Pedoman Penyusunan SOP",
        "Per/21/M.PAN/11/2008 tentang Pedoman Penyusunan Standar Operasional Prosedur",
    ],
)
def test_hkm005_old_sop_guideline_without_register(line: str) -> None:
    assert cites_old_guideline(line)
    text = with_lines(line)
    result = findings(text, "HKM005")
    assert [(f.location.field, f.severity) for f in result] == [("dasar_hukum.0", Severity.ERROR)]
    assert "Nomor 35 Tahun 2012" in result[0].hint()


def test_hkm005_quiet_on_the_current_guideline_and_when_the_register_says_it() -> None:
    current = "PermenPANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP"
    assert not cites_old_guideline(current)
    assert found(with_lines(current), "HKM005") == []
    old = "Permenpan No. PER/21/M.PAN/11/2008 tentang Pedoman Penyusunan SOP AP"

    class Revoked:
        def lookup(self, line: str) -> RegisterEntry | None:
            return RegisterEntry("Permenpan PER/21/M.PAN/11/2008", "dicabut", "PermenPANRB 35/2012")

    text = with_lines(old)
    assert found(text, "HKM005", register=Revoked()) == []
    assert [f.code for f in findings(text, "HKM001", register=Revoked())] == ["HKM001"]


def test_hkm006_duplicate() -> None:
    text = with_lines(
        "UU No. 25 Tahun 2009 tentang Pelayanan Publik",
        "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan UU Pelayanan Publik",
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    )
    result = findings(text, "HKM006")
    assert found(text, "HKM006") == [("dasar_hukum.2", line_of(text, "Undang-Undang Nomor 25"))]
    assert result[0].params["first"] == 1
    assert found(COMPLETE, "HKM006") == []


def test_a_register_with_lookup_many_is_asked_once() -> None:
    calls: list[list[str]] = []

    class Batch:
        def lookup(self, line: str) -> RegisterEntry | None:
            raise AssertionError("lookup_many should be used")

        def lookup_many(self, lines: list[str]) -> list[RegisterEntry | None]:
            calls.append(list(lines))
            return [None] * len(lines)

    text = with_lines("UU 25/2009 tentang Pelayanan Publik", "PP 96/2012 tentang Pelaksanaan")
    run_checks(load_document(text), today=TODAY, register=Batch())
    assert calls == [["UU 25/2009 tentang Pelayanan Publik", "PP 96/2012 tentang Pelaksanaan"]]


REAL_EXPECTED = {
    "bps_bengkulu_layanan_pengaduan.sop.yaml": [],
    # "dst." stands for the rest of the legal basis, which the form never wrote out.
    "disdukcapil_poso_penerbitan_akta_kelahiran.sop.yaml": [("HKM004", "dasar_hukum.1")],
}


@pytest.mark.parametrize("name", sorted(REAL_EXPECTED))
def test_real_sops_legal_findings(name: str) -> None:
    result = run_checks(load_path(REAL_SOPS / name), today=TODAY)
    assert [(f.code, f.location.field) for f in result if f.code.startswith("HKM")] == (
        REAL_EXPECTED[name]
    )

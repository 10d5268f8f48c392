"""The two real, signed SOPs (../shared/data/real-sops): no error at all, and exactly these
findings of the families kelengkapan, struktur, waktu and tata kelola, each explained.

Both are legitimate signed documents in the PermenPANRB 35/2012 layout, so what they lack is
mostly what the Permen's identity block does not print (tujuan, ruang lingkup, indikator,
eskalasi, riwayat: elements of the ASN guide) and mutu baku cells left empty. None of it may
block: the list below has warnings and infos only.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sopan.checks import Severity, run_checks
from sopan.document import load_path
from tests.checks.documents import FAMILIES
from tests.document.conftest import REAL_SOPS

TODAY = dt.date(2026, 11, 28)
BY_NAME = {path.name: path for path in REAL_SOPS}

EXPECTED = {
    "bps_bengkulu_layanan_pengaduan.sop.yaml": [
        # Guide elements the Permen's identity block has no box for: warnings, never errors.
        ("LKP005", None),  # no tujuan
        ("LKP006", None),  # no ruang lingkup
        ("LKP015", None),  # no indikator
        ("LKP017", None),  # no eskalasi
        ("LKP007", None),  # uses "BPS", "PPID", "LAPOR" and has no definisi (info)
        ("LKP013", None),  # pencatatan box printed empty (info: real SOPs do that)
        ("LKP016", None),  # no pelaporan (info)
        ("LKP019", None),  # no riwayat (info)
        ("WKT006", None),  # menit, jam and 10 hari kerja mixed: total shown (info)
        ("LKP023", "butuh"),  # first row "needs a complaint service": no kelengkapan (info)
        ("WKT001", "pilih_media"),  # decision without a time in the original
        ("LKP022", "registrasi"),  # output cell empty in the original
        ("WKT001", "pilih_sarana"),  # decision without a time in the original
        ("LKP022", "terima"),  # output cell empty
        ("LKP022", "sampaikan"),  # output cell empty
        ("LKP022", "hasil"),  # output cell empty
        ("WKT001", "hasil"),  # waktu cell empty
    ],
    "disdukcapil_poso_penerbitan_akta_kelahiran.sop.yaml": [
        ("LKP005", None),  # no tujuan
        ("LKP006", None),  # no ruang lingkup
        ("LKP015", None),  # no indikator
        ("LKP017", None),  # no eskalasi
        # Only the first page could be read: start and end symbols are not known.
        ("STR001", None),
        ("STR002", None),
        ("LKP007", None),  # "JFU", "KK", "KTP" without definisi (info)
        ("LKP011", None),  # peringatan box not readable / empty (info)
        ("LKP016", None),  # no pelaporan (info)
        ("LKP019", None),  # no riwayat (info)
        # Waktu and output are missing for every readable row (README of real-sops); step 2
        # is a decision, so it has no LKP022.
        ("LKP022", "1"),
        ("WKT001", "1"),
        ("WKT001", "2"),
        *[(code, str(n)) for n in range(3, 10) for code in ("LKP022", "WKT001")],
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_sop_findings(name: str) -> None:
    findings = run_checks(load_path(BY_NAME[name]), today=TODAY)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    mine = [(f.code, f.location.step) for f in findings if f.code.startswith(FAMILIES)]
    assert mine == EXPECTED[name]
    assert all(f.severity is not Severity.ERROR for f in findings)


def test_real_sops_are_both_covered() -> None:
    assert sorted(BY_NAME) == sorted(EXPECTED)

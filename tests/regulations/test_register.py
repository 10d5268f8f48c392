"""The regulation register as the quality checks see it: a YAML file (FileRegister) and the
database (register_for), including how many queries a document costs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sopan.checks import CheckConfigError, RegisterEntry, run_checks
from sopan.checks.register import FileRegister, RegisterBatchLookup
from sopan.document import load_document
from sopan.regulations.selectors import register_for
from sopan.regulations.services import (
    regulation_create,
    regulation_mark_amended,
    regulation_mark_revoked,
)
from tests.checks.documents import COMPLETE, TODAY, replace
from tests.conftest import World

DEMO = Path(__file__).resolve().parents[2] / "src" / "sopan" / "demo" / "organisation.yaml"

FILE = """\
- {jenis: Undang-Undang, nomor: "23", tahun: 2006, tentang: Administrasi Kependudukan,
   status: diubah, diubah_oleh: {jenis: Undang-Undang, nomor: "24", tahun: 2013}}
- {jenis: Undang-Undang, nomor: "24", tahun: 2013, status: berlaku}
- {jenis: Peraturan Menteri Pendayagunaan Aparatur Negara, nomor: PER/21/M.PAN/11/2008,
   tahun: 2008, status: dicabut,
   dicabut_oleh: {jenis: Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi
   Birokrasi, nomor: "35", tahun: 2012}}
- {jenis: Perbup Sukamaju, nomor: 18, tahun: "2021"}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "register.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_file_register_reads_any_spelling(tmp_path: Path) -> None:
    register = FileRegister.from_file(write(tmp_path, FILE))
    assert len(register) == 4
    assert register.lookup("UU No. 23 Tahun 2006 tentang Adminduk") == RegisterEntry(
        "Undang-Undang Nomor 23 Tahun 2006", "diubah", "Undang-Undang Nomor 24 Tahun 2013"
    )
    revoked = register.lookup("Permenpan No. PER/21/M.PAN/11/2008")
    assert revoked is not None and revoked.status == "dicabut"
    assert revoked.replaced_by == (
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 "
        "Tahun 2012"
    )
    berlaku = register.lookup("Peraturan Bupati Sukamaju Nomor 18 Tahun 2021 tentang X")
    assert berlaku is not None and berlaku.status == "berlaku" and berlaku.replaced_by is None
    assert register.lookup("UU 25/2009") is None
    assert register.lookup("dst.") is None
    assert register.lookup_many(["UU 24/2013", "dst."]) == [
        RegisterEntry("Undang-Undang Nomor 24 Tahun 2013", "berlaku"),
        None,
    ]
    assert isinstance(register, RegisterBatchLookup)


def test_the_demo_organisation_file_is_a_register() -> None:
    register = FileRegister.from_file(DEMO)
    entry = register.lookup("UU 5/2014 tentang ASN")
    assert entry == RegisterEntry(
        "Undang-Undang Nomor 5 Tahun 2014", "dicabut", "Undang-Undang Nomor 20 Tahun 2023"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{a: 1}", "daftar peraturan"),
        ("- [1, 2]", "entri ke-1: harus berupa pemetaan"),
        ("- {nomor: '1', tahun: 2020}", "entri ke-1: jenis peraturan wajib diisi"),
        ("- {jenis: Surat Sakti, nomor: '1', tahun: 2020}", "tidak dikenali"),
        ("- {jenis: UU, nomor: '1', tahun: 20}", "tahun harus berupa tahun empat angka"),
        ("- {jenis: UU, nomor: '1', tahun: 2020, status: batal}", "status 'batal' tidak dikenal"),
        ("- {jenis: UU, nomor: '1', tahun: 2020, nomer: 2}", "kunci tidak dikenal: nomer"),
        (
            "- {jenis: UU, nomor: '1', tahun: 2020, status: berlaku, dicabut_oleh: UU 2/2021}",
            "berstatus berlaku tetapi",
        ),
        ("- {jenis: UU, nomor: '1', tahun: 2020, diubah_oleh: bukan peraturan}", "diubah_oleh"),
        (
            "- {jenis: UU, nomor: '1', tahun: 2020}\n"
            "- {jenis: Undang-Undang, nomor: 1, tahun: 2020}",
            "entri ke-2 (Undang-Undang Nomor 1 Tahun 2020) sudah tercantum",
        ),
        ("- {jenis: UU, nomor: '1', tahun: 2020", "YAML tidak sah (baris"),
    ],
)
def test_bad_files_name_the_file_and_the_entry(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(CheckConfigError) as error:
        FileRegister.from_file(path)
    assert str(error.value).startswith(str(path))
    assert message in str(error.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CheckConfigError, match="tidak ditemukan"):
        FileRegister.from_file(tmp_path / "tidak-ada.yaml")


def test_checks_with_a_file_register(tmp_path: Path) -> None:
    register = FileRegister.from_file(write(tmp_path, FILE))
    text = replace(
        COMPLETE,
        "  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n",
        "  - UU Nomor 23 Tahun 2006 tentang Administrasi Kependudukan\n",
    )
    codes = [f.code for f in run_checks(load_document(text), today=TODAY, register=register)]
    assert "HKM002" in codes


# --- the database register -------------------------------------------------------------------

LINES = [
    "UU No. 23 Tahun 2006 tentang Administrasi Kependudukan",
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "Permendagri 54/2009 tentang Tata Naskah Dinas",
    "Perbup Kabupaten A No. 3 Tahun 2019 tentang Pelayanan",
    "dst.",
]


@pytest.fixture
def registered(world: World) -> dict[str, Any]:
    uu23 = regulation_create(jenis="UU", nomor="23", tahun=2006, by=None)
    uu24 = regulation_create(jenis="UU", nomor="24", tahun=2013, by=None)
    regulation_mark_amended(regulation=uu23, by_regulation=uu24, by=None)
    regulation_create(jenis="UU", nomor="25", tahun=2009, by=None)
    tnd = regulation_create(jenis="Permendagri", nomor="54", tahun=2009, by=None)
    tnd_new = regulation_create(jenis="Permendagri", nomor="1", tahun=2023, by=None)
    regulation_mark_revoked(regulation=tnd, by_regulation=tnd_new, by=None)
    regulation_create(
        jenis="Perbup Kabupaten A", nomor="3", tahun=2019, instansi=world.kabupaten_a, by=None
    )
    return {"world": world}


@pytest.mark.django_db
def test_register_for_answers_a_document_in_one_query(
    registered: dict[str, Any], django_assert_num_queries: Any
) -> None:
    world = registered["world"]
    register = register_for(world.kabupaten_a)
    with django_assert_num_queries(1):
        entries = register.lookup_many(LINES)
    assert entries == [
        RegisterEntry(
            "Undang-Undang Nomor 23 Tahun 2006", "diubah", "Undang-Undang Nomor 24 Tahun 2013"
        ),
        RegisterEntry("Undang-Undang Nomor 25 Tahun 2009", "berlaku"),
        RegisterEntry(
            "Peraturan Menteri Dalam Negeri Nomor 54 Tahun 2009",
            "dicabut",
            "Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023",
        ),
        RegisterEntry("Peraturan Bupati Kabupaten A Nomor 3 Tahun 2019", "berlaku"),
        None,
    ]
    with django_assert_num_queries(0):  # answers are kept per line
        assert register.lookup(LINES[1]) == entries[1]
    # another instansi does not see Kabupaten A's own regulation
    assert register_for(world.kabupaten_b).lookup(LINES[3]) is None


@pytest.mark.django_db
def test_run_checks_with_the_database_register(
    registered: dict[str, Any], django_assert_num_queries: Any
) -> None:
    world = registered["world"]
    text = replace(
        COMPLETE,
        "  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n",
        "".join(f"  - {line}\n" for line in LINES),
    )
    document = load_document(text)
    with django_assert_num_queries(1):
        findings = run_checks(document, today=TODAY, register=register_for(world.kabupaten_a))
    codes = [(f.code, f.location.field) for f in findings if f.code.startswith("HKM")]
    assert ("HKM001", "dasar_hukum.2") in codes
    assert ("HKM002", "dasar_hukum.0") in codes
    assert ("HKM004", "dasar_hukum.4") in codes


@pytest.mark.django_db
def test_no_query_without_citations(world: World, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        assert register_for(world.kabupaten_a).lookup_many(["dst.", "Lihat lampiran"]) == [
            None,
            None,
        ]

"""Spreadsheet import through HTTP: good XLSX and CSV; broken files name the row and column and
import NOTHING (row counts unchanged)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from sopan.inventory.models import Process
from sopan.inventory.spreadsheet import COLUMNS
from tests.conftest import World
from tests.sopdocs import make_sop

pytestmark = pytest.mark.django_db

HEADERS = [column.header for column in COLUMNS]


def good_row(unit: str = "DX", output: str = "Legalisir", **changes: Any) -> list[Any]:
    values = {
        "Kode Unit": unit,
        "Tugas": "Melaksanakan pelayanan administrasi",
        "Fungsi": "Pelayanan dokumen",
        "Uraian Tugas": "Melegalisir salinan dokumen",
        "Kegiatan": "Legalisir salinan",
        "Output": output,
        "Aspek Kegiatan": "pelaksanaan",
        "Judul SOP": "",
        "Kategori": "Layanan publik",
        "Melayani Publik": "Ya",
        "Volume per bulan": 120,
        "Kemungkinan Risiko": 3,
        "Dampak Risiko": 4,
        "Pengaduan 12 bulan": 2,
        "Temuan Audit 12 bulan": 0,
        "Kode SOP": "",
        "Catatan": "",
        **changes,
    }
    return [values[header] for header in HEADERS]


def xlsx(rows: list[list[Any]], headers: list[str] = HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Inventaris"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[Any]], headers: list[str] = HEADERS, sep: str = ";") -> bytes:
    lines = [sep.join(headers), *(sep.join(str(v) for v in row) for row in rows)]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def upload(user: User, name: str, content: bytes) -> Any:
    client = Client()
    client.force_login(user)
    return client.post("/inventaris/impor/", {"berkas": SimpleUploadedFile(name, content)})


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"inventory", "sops", "audit"}
    }


def problems(response: Any) -> list[str]:
    assert response.status_code == 200
    return list(response.context["problems"])


def test_good_xlsx_imports_every_row(koordinator: User, world: World) -> None:
    sop = make_sop(world.dinas_x, "Pelayanan Legalisir").sop
    content = xlsx(
        [
            good_row(),
            good_row("DX-BY", "Arsip", **{"Kategori": "lainnya", "Melayani Publik": "Tidak"}),
            good_row("ORG", "Renstra", **{"Aspek Kegiatan": "Penyusunan", "Kode SOP": ""}),
            good_row("DZ", "Gaji", **{"Volume per bulan": "1.000", "Kode SOP": ""}),
            good_row("dx", "Legalisir", **{"Aspek Kegiatan": "evaluasi", "Kode SOP": sop.kode}),
        ]
    )
    response = upload(koordinator, "inventaris.xlsx", content)
    assert response.status_code == 302, response.context and response.context["problems"]
    processes = {p.judul_sop: p for p in Process.objects.all()}
    assert set(processes) == {
        "SOP Pelaksanaan Legalisir",
        "SOP Pelaksanaan Arsip",
        "SOP Penyusunan Renstra",
        "SOP Pelaksanaan Gaji",
        "SOP Evaluasi Legalisir",
    }
    assert processes["SOP Pelaksanaan Gaji"].volume_per_bulan == 1000
    assert processes["SOP Pelaksanaan Gaji"].unit == world.dinas_z
    assert processes["SOP Evaluasi Legalisir"].sop == sop
    assert processes["SOP Penyusunan Renstra"].aspek == "penyusunan"
    assert processes["SOP Pelaksanaan Arsip"].melayani_publik is False


def test_importing_the_same_file_again_updates_instead_of_duplicating(
    koordinator: User, world: World
) -> None:
    upload(koordinator, "a.xlsx", xlsx([good_row()]))
    response = upload(koordinator, "a.xlsx", xlsx([good_row(**{"Volume per bulan": 999})]))
    assert response.status_code == 302
    assert Process.objects.get().volume_per_bulan == 999


def test_good_csv_with_semicolons_and_commas(koordinator: User, world: World) -> None:
    assert upload(koordinator, "a.csv", csv_bytes([good_row()])).status_code == 302
    content = csv_bytes([good_row("DZ", "Gaji")], sep=",")
    assert upload(koordinator, "b.csv", content).status_code == 302
    assert Process.objects.count() == 2


def test_empty_rows_are_skipped_not_errors(koordinator: User, world: World) -> None:
    blank = [""] * len(HEADERS)
    content = xlsx([blank, good_row(), [None] * len(HEADERS), good_row("DZ", "Gaji"), blank])
    assert upload(koordinator, "a.xlsx", content).status_code == 302
    assert Process.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"Volume per bulan": "banyak"}, "Baris 3, kolom Volume per bulan: 'banyak' bukan angka."),
        (
            {"Volume per bulan": "12,5"},
            "Baris 3, kolom Volume per bulan: '12,5' bukan bilangan bulat.",
        ),
        ({"Pengaduan 12 bulan": -2}, "Baris 3, kolom Pengaduan 12 bulan: -2 tidak boleh negatif."),
        (
            {"Kemungkinan Risiko": 0},
            "Baris 3, kolom Kemungkinan Risiko: 0 di luar rentang 1 sampai 5.",
        ),
        ({"Dampak Risiko": 6}, "Baris 3, kolom Dampak Risiko: 6 di luar rentang 1 sampai 5."),
        ({"Dampak Risiko": ""}, "Baris 3, kolom Dampak Risiko: wajib diisi."),
        (
            {"Kode Unit": "DINAS-ENTAH"},
            "Baris 3, kolom Kode Unit: kode unit 'DINAS-ENTAH' tidak dikenal.",
        ),
        ({"Kode Unit": "DQ"}, "Baris 3, kolom Kode Unit: kode unit 'DQ' tidak dikenal."),
        (
            {"Kategori": "rahasia"},
            "Baris 3, kolom Kategori: 'rahasia' bukan kategori yang dikenal.",
        ),
        (
            {"Melayani Publik": "mungkin"},
            "Baris 3, kolom Melayani Publik: 'mungkin' bukan Ya atau Tidak.",
        ),
        ({"Tugas": "  "}, "Baris 3, kolom Tugas: wajib diisi."),
        ({"Kode SOP": "tidak-ada"}, "Baris 3, kolom Kode SOP: kode SOP 'tidak-ada' tidak dikenal."),
    ],
)
def test_a_bad_cell_names_row_and_column_and_imports_nothing(
    koordinator: User, world: World, changes: dict[str, Any], message: str
) -> None:
    before = row_counts()
    content = xlsx([good_row(), good_row("DZ", "Gaji", **changes), good_row("ORG", "Renstra")])
    assert problems(upload(koordinator, "a.xlsx", content)) == [message]
    assert row_counts() == before
    assert problems(
        upload(koordinator, "a.csv", csv_bytes([good_row(), good_row("DZ", "Gaji", **changes)]))
    ) == [message]
    assert row_counts() == before


def test_every_problem_is_listed(koordinator: User, world: World) -> None:
    content = xlsx(
        [
            good_row(**{"Volume per bulan": "banyak", "Kemungkinan Risiko": 9}),
            good_row("DZ", "Gaji"),
            good_row("DZ", "Gaji"),
        ]
    )
    assert problems(upload(koordinator, "a.xlsx", content)) == [
        "Baris 2, kolom Volume per bulan: 'banyak' bukan angka.",
        "Baris 2, kolom Kemungkinan Risiko: 9 di luar rentang 1 sampai 5.",
        "Baris 4: proses yang sama sudah ada di baris 3.",
    ]
    assert Process.objects.count() == 0


def test_missing_and_unknown_columns(koordinator: User, world: World) -> None:
    headers = [h for h in HEADERS if h != "Dampak Risiko"] + ["Warna"]
    rows = [
        [v for h, v in zip(HEADERS, good_row(), strict=True) if h != "Dampak Risiko"] + ["merah"]
    ]
    found = problems(upload(koordinator, "a.xlsx", xlsx(rows, headers)))
    assert found[0] == "Baris 1: kolom 'Warna' tidak dikenal."
    assert found[1] == "Baris 1: kolom wajib tidak ada: Dampak Risiko."
    assert found[2].startswith("Gunakan baris judul dari templat: Kode Unit, Tugas,")
    assert Process.objects.count() == 0


def test_wrong_columns_of_another_spreadsheet(koordinator: User, world: World) -> None:
    content = csv_bytes([["1", "Budi", "Jl. Mawar"]], headers=["No", "Nama", "Alamat"])
    found = problems(upload(koordinator, "a.csv", content))
    assert "Baris 1: kolom 'Nama' tidak dikenal." in found
    assert any(p.startswith("Baris 1: kolom wajib tidak ada: Kode Unit, Tugas,") for p in found)


def test_a_unit_outside_the_persons_scope_is_refused(penyusun: User, world: World) -> None:
    content = xlsx([good_row(), good_row("DZ", "Gaji")])
    assert problems(upload(penyusun, "a.xlsx", content)) == [
        "Baris 3, kolom Kode Unit: Anda tidak berwenang mengubah inventaris unit Dinas Z."
    ]
    assert Process.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "a.xlsx",
            b"%PDF-1.4 not a workbook",
            "Berkas ini bukan lembar kerja XLSX yang dapat dibaca (rusak atau format lain).",
        ),
        (
            "a.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "Berkas ini bukan CSV (berisi data biner).",
        ),
        ("a.pdf", b"%PDF-1.4", "Jenis berkas tidak didukung; gunakan .xlsx atau .csv."),
        (
            "a.xls",
            b"\xd0\xcf\x11\xe0",
            "Format .xls (Excel 97-2003) tidak didukung; simpan sebagai .xlsx atau .csv.",
        ),
        (
            "a.xlsx",
            b"",
            "Berkas ini bukan lembar kerja XLSX yang dapat dibaca (rusak atau format lain).",
        ),
    ],
)
def test_not_a_spreadsheet(
    koordinator: User, world: World, name: str, content: bytes, message: str
) -> None:
    before = row_counts()
    response = upload(koordinator, name, content)
    if not content:  # Django refuses an empty upload before the import sees it
        assert response.context["form"].errors["berkas"]
    else:
        assert problems(response) == [message]
    assert row_counts() == before


def test_zip_that_is_not_a_workbook(koordinator: User, world: World) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "halo")
    found = problems(upload(koordinator, "a.xlsx", buffer.getvalue()))
    assert found == [
        "Berkas ini bukan lembar kerja XLSX yang dapat dibaca (rusak atau format lain)."
    ]


def test_macro_enabled_workbooks_are_refused(koordinator: User, world: World) -> None:
    good = xlsx([good_row()])
    assert problems(upload(koordinator, "a.xlsm", good)) == [
        "Berkas dengan makro (.xlsm) tidak diterima; simpan sebagai .xlsx lalu unggah lagi."
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/vbaProject.bin", b"\x00VBA")
    assert problems(upload(koordinator, "renamed.xlsx", buffer.getvalue())) == [
        "Berkas ini memuat makro (VBA); simpan tanpa makro sebagai .xlsx lalu unggah lagi."
    ]
    assert Process.objects.count() == 0


def test_a_file_over_the_limit_is_refused(koordinator: User, world: World, settings: Any) -> None:
    settings.SOPAN_INVENTORY_IMPORT_MAX_BYTES = 20 * 1024
    huge = csv_bytes([good_row(output=f"Output {n}") for n in range(400)])
    assert len(huge) > 20 * 1024
    found = problems(upload(koordinator, "a.csv", huge))
    assert found == [f"Berkas terlalu besar ({len(huge) // 1024} KB); paling besar 20 KB."]
    assert Process.objects.count() == 0


def test_a_header_only_file_says_there_is_no_data(koordinator: User, world: World) -> None:
    assert problems(upload(koordinator, "a.xlsx", xlsx([]))) == [
        "Berkas tidak berisi baris data di bawah baris judul."
    ]


def test_people_who_may_not_edit_cannot_import(pemeriksa: User, world: World) -> None:
    assert upload(pemeriksa, "a.xlsx", xlsx([good_row()])).status_code == 403
    assert Process.objects.count() == 0


def test_import_needs_csrf(koordinator: User, world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(koordinator)
    response = client.post(
        "/inventaris/impor/", {"berkas": SimpleUploadedFile("a.xlsx", xlsx([good_row()]))}
    )
    assert response.status_code == 403
    assert Process.objects.count() == 0


def test_template_has_header_examples_and_instructions(koordinator: User, world: World) -> None:
    client = Client()
    client.force_login(koordinator)
    response = client.get("/inventaris/impor/templat.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Inventaris", "Petunjuk", "Kode Unit"]
    rows = list(workbook["Inventaris"].iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert len(rows) == 4
    instructions = " ".join(
        str(c) for row in workbook["Petunjuk"].iter_rows(values_only=True) for c in row if c
    )
    assert "tidak ada baris yang disimpan" in instructions
    codes = [row[0] for row in workbook["Kode Unit"].iter_rows(min_row=2, values_only=True)]
    assert codes == ["PEMKAB", "SETDA", "ORG", "DX", "DX-BY", "DZ"]

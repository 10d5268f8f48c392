"""XLSX exports of the ranked list and Tabel 6 open with openpyxl and hold the rows."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.test import Client
from openpyxl import load_workbook

from sopan.inventory.models import Process

pytestmark = pytest.mark.django_db


def download(user: User, url: str) -> object:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment;" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content))


def test_ranked_list_xlsx(koordinator: User, inventory: dict[str, Process]) -> None:
    workbook = download(koordinator, "/inventaris/peringkat.xlsx")
    rows = list(workbook["Peringkat"].iter_rows(values_only=True))  # type: ignore[attr-defined]
    assert rows[0][0] == "Peringkat Prioritas Proses"
    assert rows[3][:3] == ("Peringkat", "Skor", "Judul SOP")
    assert rows[4][:4] == (1, 111.8, "SOP Pelaksanaan Legalisir Dokumen", "Dinas X")
    assert len(rows) == 4 + 4  # title, subtitle, blank, header, four processes


def test_ranked_list_xlsx_follows_the_scope(penyusun: User, inventory: dict[str, Process]) -> None:
    workbook = download(penyusun, "/inventaris/peringkat.xlsx")
    titles = [r[2] for r in workbook["Peringkat"].iter_rows(min_row=5, values_only=True)]  # type: ignore[attr-defined]
    assert titles == ["SOP Pelaksanaan Legalisir Dokumen", "SOP Distribusi Arsip Surat"]


def test_tabel6_xlsx_numbered_with_an_importable_data_sheet(
    koordinator: User, inventory: dict[str, Process]
) -> None:
    workbook = download(koordinator, "/inventaris/tabel-6.xlsx")
    assert workbook.sheetnames == ["Tabel 6", "Inventaris"]  # type: ignore[attr-defined]
    rows = list(workbook["Tabel 6"].iter_rows(min_row=4, values_only=True))  # type: ignore[attr-defined]
    assert rows[0] == (
        "No",
        "Tugas",
        "Fungsi",
        "Uraian Tugas",
        "Kegiatan",
        "Output",
        "Aspek Kegiatan",
        "Judul SOP",
    )
    assert rows[1][0] == "A Bagian Organisasi"
    assert rows[1][1] == "1 Melaksanakan pelayanan"
    assert rows[1][4] == "a) Kegiatan Renstra"
    assert rows[1][5] == "(1) Renstra"
    assert rows[1][7] == "1. SOP Penyusunan Renstra"
    assert len(rows) == 1 + 4
    data = list(workbook["Inventaris"].iter_rows(values_only=True))  # type: ignore[attr-defined]
    assert data[0][0] == "Kode Unit" and len(data) == 5

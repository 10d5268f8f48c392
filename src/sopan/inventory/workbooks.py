"""Writing XLSX files: the import template (header, examples, instructions, unit codes), the
one-sheet reports of :mod:`sopan.inventory.exports`, and the import-format data sheet."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from sopan.inventory.choices import Kategori
from sopan.inventory.spreadsheet import COLUMNS, MAX_ROWS, SHEET_NAME, max_bytes

EXAMPLE_ROWS: tuple[dict[str, Any], ...] = (
    {
        "unit": "bag-org",
        "tugas": "Menyiapkan perumusan kebijakan kelembagaan dan tata laksana",
        "fungsi": "Penyusunan kebijakan tata laksana",
        "uraian_tugas": "Menyusun pedoman dan standar operasional prosedur",
        "kegiatan": "Penyusunan rencana strategis bagian",
        "output": "Renstra",
        "aspek": "penyusunan",
        "kategori": "Lainnya",
        "melayani_publik": "Tidak",
        "volume_per_bulan": 0,
        "risiko_kemungkinan": 2,
        "risiko_dampak": 3,
        "pengaduan_12_bulan": 0,
        "temuan_audit_12_bulan": 1,
    },
    {
        "unit": "dukcapil-identitas",
        "tugas": "Melaksanakan pelayanan pendaftaran penduduk",
        "fungsi": "Pelayanan dokumen identitas",
        "uraian_tugas": "Menerbitkan KTP-el",
        "kegiatan": "Perekaman dan pencetakan KTP-el",
        "output": "KTP-el",
        "aspek": "pelaksanaan",
        "judul": "SOP Penerbitan KTP-el",
        "kategori": "Layanan publik",
        "melayani_publik": "Ya",
        "volume_per_bulan": 1200,
        "risiko_kemungkinan": 4,
        "risiko_dampak": 4,
        "pengaduan_12_bulan": 18,
        "temuan_audit_12_bulan": 2,
    },
    {
        "unit": "dukcapil-identitas",
        "tugas": "Melaksanakan pelayanan pendaftaran penduduk",
        "fungsi": "Pelayanan dokumen identitas",
        "uraian_tugas": "Menerbitkan KTP-el",
        "kegiatan": "Pelaporan kinerja layanan KTP-el",
        "output": "Laporan bulanan layanan KTP-el",
        "aspek": "pelaporan",
        "kategori": "Layanan publik",
        "melayani_publik": "Tidak",
        "volume_per_bulan": 1,
        "risiko_kemungkinan": 2,
        "risiko_dampak": 2,
    },
)

# ---- writing -------------------------------------------------------------------------------

_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDE6F0")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _header_row(sheet: Any, headers: Iterable[str], widths: Iterable[int] | None = None) -> None:
    sheet.append(list(headers))
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
        cell.fill = _HEAD_FILL
        cell.alignment = _WRAP
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[_column_letter(index)].width = width
    sheet.freeze_panes = f"A{sheet.max_row + 1}"


def _column_letter(index: int) -> str:
    return str(get_column_letter(index))


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_xlsx(*, unit_codes: Sequence[tuple[str, str]]) -> bytes:
    """The import template: header row and example rows, instructions, the user's unit codes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    _header_row(sheet, (c.header for c in COLUMNS), (c.width for c in COLUMNS))
    for example in EXAMPLE_ROWS:
        sheet.append([example.get(column.key, "") for column in COLUMNS])
    with translation.override("id"):
        _validations(sheet)
    _instructions(workbook.create_sheet(_("Petunjuk")))
    codes = workbook.create_sheet(_("Kode Unit"))
    _header_row(codes, (_("Kode Unit"), _("Nama Unit")), (24, 60))
    for code, name in unit_codes:
        codes.append([code, name])
    return _save(workbook)


def _validations(sheet: Any) -> None:
    columns = {c.key: _column_letter(i) for i, c in enumerate(COLUMNS, start=1)}
    last = MAX_ROWS + 1
    kategori = DataValidation(
        type="list", formula1='"' + ",".join(str(label) for _v, label in Kategori.choices) + '"'
    )
    kategori.add(f"{columns['kategori']}2:{columns['kategori']}{last}")
    publik = DataValidation(type="list", formula1='"Ya,Tidak"')
    publik.add(f"{columns['melayani_publik']}2:{columns['melayani_publik']}{last}")
    risk = DataValidation(type="whole", operator="between", formula1="1", formula2="5")
    for key in ("risiko_kemungkinan", "risiko_dampak"):
        risk.add(f"{columns[key]}2:{columns[key]}{last}")
    for validation in (kategori, publik, risk):
        sheet.add_data_validation(validation)


def _instructions(sheet: Any) -> None:
    lines = [
        _("Petunjuk pengisian Inventaris Proses (Formulir Identifikasi SOP AP, Tabel 6)"),
        "",
        _("1. Isi lembar Inventaris: satu baris untuk satu proses (satu judul SOP)."),
        _("2. Jangan mengubah baris judul kolom. Baris kosong dilewati."),
        _("3. Angka ditulis bulat tanpa satuan; kolom angka yang kosong dianggap 0."),
        _("4. Kemungkinan dan Dampak Risiko diisi 1 sampai 5, seperti register risiko SPIP."),
        _(
            "5. Bila ada satu saja kesalahan, tidak ada baris yang disimpan; sopan menyebut baris "
            "dan kolom yang salah."
        ),
        _(
            "6. Baris dengan unit, tugas, fungsi, uraian tugas, kegiatan, output dan aspek yang "
            "sama dengan proses yang sudah ada memperbarui proses itu."
        ),
        _("7. Simpan sebagai .xlsx (tanpa makro) atau .csv, paling besar {limit} KB.").format(
            limit=max_bytes() // 1024
        ),
        "",
    ]
    for line in lines:
        sheet.append([line])
    sheet["A1"].font = _BOLD
    _header_row(sheet, (_("Kolom"), _("Wajib"), _("Keterangan")), (26, 10, 90))
    for column in COLUMNS:
        sheet.append([column.header, _("Ya") if column.required else _("Tidak"), str(column.help)])
    sheet.freeze_panes = None


def table_xlsx(
    *,
    title: str,
    subtitle: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[int] = (),
    extra: Callable[[Workbook], None] | None = None,
    sheet_name: str = "",
) -> bytes:
    """A one-sheet report: a title, a subtitle, a header row and the rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (sheet_name or title)[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([subtitle])
    sheet.append([])
    _header_row(sheet, headers, widths)
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            cell.alignment = _WRAP
    if extra is not None:
        extra(workbook)
    return _save(workbook)


def data_sheet(workbook: Workbook, rows: Iterable[Sequence[Any]]) -> None:
    """A sheet in the import format (so an export can be edited and imported again)."""
    sheet = workbook.create_sheet(SHEET_NAME)
    _header_row(sheet, (c.header for c in COLUMNS), (c.width for c in COLUMNS))
    for row in rows:
        sheet.append(list(row))


def iter_import_values(rows: Iterable[Any]) -> Iterator[list[Any]]:
    """Processes as rows of the import format (a process's unit and SOP by code), always in
    Indonesian so the file can be imported again whatever the language of the page."""
    for process in rows:
        with translation.override("id"):
            values = _import_values(process)
        yield values


def _import_values(process: Any) -> list[Any]:
    return [
        process.unit.kode,
        process.tugas,
        process.fungsi,
        process.uraian_tugas,
        process.kegiatan,
        process.output,
        process.aspek,
        process.judul,
        process.get_kategori_display(),
        _("Ya") if process.melayani_publik else _("Tidak"),
        process.volume_per_bulan,
        process.risiko_kemungkinan,
        process.risiko_dampak,
        process.pengaduan_12_bulan,
        process.temuan_audit_12_bulan,
        process.sop.kode if process.sop else "",
        process.catatan,
    ]

"""Spreadsheet import of the inventory: reading and checking XLSX and CSV (writing: workbooks.py).

Import rules (also in the template's "Petunjuk" sheet and ``docs/inventory.md``):

- ``.xlsx`` or ``.csv`` only; ``.xlsm`` (macros), ``.xls`` and anything else are refused, and so
  is an ``.xlsx`` that carries a VBA project; files over :func:`max_bytes` (5 MB by default,
  setting ``SOPAN_INVENTORY_IMPORT_MAX_BYTES``) and XLSX whose unpacked size passes 50 MB too;
- the first non-empty row of the sheet "Inventaris" (else the first sheet) is the header; every
  column in :data:`COLUMNS` marked required must be there, unknown columns are an error;
- empty rows are skipped; numbers are whole and not negative ("1.000" is a thousand), risk is
  1 to 5, empty counts are 0; "Melayani Publik" is Ya/Tidak;
- every problem is reported as "Baris N, kolom X: …" with the spreadsheet's own row number,
  and a file with any problem imports nothing.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from sopan.inventory.choices import Aspek, Kategori
from sopan.inventory.selectors import can_edit
from sopan.inventory.services import ImportResult, ImportRow, ProcessData, processes_import
from sopan.organisations.models import Instansi, Unit
from sopan.sops.models import Sop

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 5000
MAX_REPORTED = 50
SHEET_NAME = "Inventaris"


def max_bytes() -> int:
    return int(getattr(settings, "SOPAN_INVENTORY_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as written in the spreadsheet (Indonesian, not translated: it is data)
    required: bool
    help: Any  # lazy translated text for the instructions sheet
    width: int = 18


COLUMNS: tuple[Column, ...] = (
    Column(
        "unit", "Kode Unit", True, gettext_lazy("Kode unit kerja (lihat lembar Kode Unit)."), 16
    ),
    Column("tugas", "Tugas", True, gettext_lazy("Tugas unit, wajib."), 30),
    Column("fungsi", "Fungsi", False, gettext_lazy("Fungsi yang menjalankan tugas itu."), 30),
    Column("uraian_tugas", "Uraian Tugas", False, gettext_lazy("Uraian tugas."), 30),
    Column("kegiatan", "Kegiatan", True, gettext_lazy("Kegiatan nyata di balik tugas, wajib."), 30),
    Column("output", "Output", True, gettext_lazy("Output akhir kegiatan, wajib."), 24),
    Column(
        "aspek",
        "Aspek Kegiatan",
        True,
        gettext_lazy(
            "Biasanya fungsi manajemen: penyusunan, pelaksanaan, evaluasi, pelaporan, "
            "publikasi, distribusi."
        ),
        16,
    ),
    Column(
        "judul",
        "Judul SOP",
        False,
        gettext_lazy("Boleh dikosongkan: diusulkan dari aspek + output (SOP Penyusunan Renstra)."),
        34,
    ),
    Column(
        "kategori",
        "Kategori",
        True,
        gettext_lazy(
            "Layanan publik, keuangan, pengadaan, pengaduan, kepegawaian, perizinan, teknis "
            "atau lainnya (kosong = lainnya)."
        ),
    ),
    Column(
        "melayani_publik",
        "Melayani Publik",
        True,
        gettext_lazy("Ya atau Tidak (kosong = Tidak)."),
        12,
    ),
    Column(
        "volume_per_bulan",
        "Volume per bulan",
        True,
        gettext_lazy("Berapa kali per bulan, bilangan bulat (kosong = 0)."),
        12,
    ),
    Column(
        "risiko_kemungkinan",
        "Kemungkinan Risiko",
        True,
        gettext_lazy("1 sampai 5, seperti register risiko SPIP."),
        12,
    ),
    Column(
        "risiko_dampak",
        "Dampak Risiko",
        True,
        gettext_lazy("1 sampai 5, seperti register risiko SPIP."),
        12,
    ),
    Column(
        "pengaduan_12_bulan",
        "Pengaduan 12 bulan",
        True,
        gettext_lazy("Jumlah pengaduan dalam 12 bulan terakhir (kosong = 0)."),
        12,
    ),
    Column(
        "temuan_audit_12_bulan",
        "Temuan Audit 12 bulan",
        True,
        gettext_lazy("Jumlah temuan audit dalam 12 bulan terakhir (kosong = 0)."),
        12,
    ),
    Column(
        "sop",
        "Kode SOP",
        False,
        gettext_lazy("Kode SOP yang sudah ada di sopan, bila proses ini sudah punya SOP."),
        20,
    ),
    Column("catatan", "Catatan", False, gettext_lazy("Catatan bebas."), 24),
)
BY_KEY = {column.key: column for column in COLUMNS}


class SpreadsheetError(Exception):
    """The file cannot be read as an inventory at all, or some rows are wrong.

    ``messages`` are Indonesian (in the active language), one per problem, each naming the row
    and the column.
    """

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = list(messages)


def _norm_header(value: Any) -> str:
    text = re.sub(r"\s+", " ", str(value or "")).strip().rstrip("*").strip().lower()
    return text


HEADER_ALIASES = {_norm_header(column.header): column.key for column in COLUMNS} | {
    "unit": "unit",
    "kode unit kerja": "unit",
    "volume/bulan": "volume_per_bulan",
    "kemungkinan": "risiko_kemungkinan",
    "dampak": "risiko_dampak",
    "pengaduan": "pengaduan_12_bulan",
    "temuan audit": "temuan_audit_12_bulan",
    "aspek": "aspek",
    "no": "",  # a numbering column some people keep: ignored
    "no.": "",
}


# ---- reading -------------------------------------------------------------------------------


def read_table(filename: str, content: bytes) -> list[tuple[int, list[Any]]]:
    """The non-empty rows of the file as (row number, cells), header first."""
    if len(content) > max_bytes():
        raise SpreadsheetError(
            [
                _("Berkas terlalu besar ({size} KB); paling besar {limit} KB.").format(
                    size=len(content) // 1024, limit=max_bytes() // 1024
                )
            ]
        )
    name = filename.lower()
    if name.endswith(".xlsm") or name.endswith(".xltm"):
        raise SpreadsheetError(
            [
                _(
                    "Berkas dengan makro (.xlsm) tidak diterima; simpan sebagai .xlsx lalu "
                    "unggah lagi."
                )
            ]
        )
    if name.endswith(".xls"):
        raise SpreadsheetError(
            [_("Format .xls (Excel 97-2003) tidak didukung; simpan sebagai .xlsx atau .csv.")]
        )
    if name.endswith(".xlsx"):
        return _xlsx_rows(content)
    if name.endswith(".csv") or name.endswith(".txt"):
        return _csv_rows(content)
    raise SpreadsheetError([_("Jenis berkas tidak didukung; gunakan .xlsx atau .csv.")])


def _not_xlsx() -> SpreadsheetError:
    return SpreadsheetError(
        [_("Berkas ini bukan lembar kerja XLSX yang dapat dibaca (rusak atau format lain).")]
    )


def _xlsx_rows(content: bytes) -> list[tuple[int, list[Any]]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as error:
        raise _not_xlsx() from error
    if any(member.filename.lower().endswith("vbaproject.bin") for member in members):
        raise SpreadsheetError(
            [_("Berkas ini memuat makro (VBA); simpan tanpa makro sebagai .xlsx lalu unggah lagi.")]
        )
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise SpreadsheetError([_("Isi berkas XLSX terlalu besar setelah dibuka.")])
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise _not_xlsx() from error
    try:
        sheet = (
            workbook[SHEET_NAME] if SHEET_NAME in workbook.sheetnames else workbook.worksheets[0]
        )
        rows: list[tuple[int, list[Any]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = list(values)
            if any(not _blank(cell) for cell in cells):
                rows.append((number, cells))
                if len(rows) > MAX_ROWS + 1:
                    raise _too_many_rows()
        return rows
    finally:
        workbook.close()


def _too_many_rows() -> SpreadsheetError:
    return SpreadsheetError(
        [
            _("Berkas berisi lebih dari {limit} baris; bagi menjadi beberapa berkas.").format(
                limit=MAX_ROWS
            )
        ]
    )


def _csv_rows(content: bytes) -> list[tuple[int, list[Any]]]:
    if b"\x00" in content:
        raise SpreadsheetError([_("Berkas ini bukan CSV (berisi data biner).")])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    rows: list[tuple[int, list[Any]]] = []
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
            if any(not _blank(cell) for cell in cells):
                rows.append((number, cells))
                if len(rows) > MAX_ROWS + 1:
                    raise _too_many_rows()
    except csv.Error as error:
        raise SpreadsheetError(
            [_("Berkas CSV tidak dapat dibaca: {error}").format(error=error)]
        ) from error
    return rows


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# ---- converting ----------------------------------------------------------------------------


class _CellError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")


def _whole(value: Any, *, blank: int | None = 0) -> int:
    if _blank(value):
        if blank is None:
            raise _CellError(_("wajib diisi"))
        return blank
    if isinstance(value, bool):
        raise _CellError(_("'{value}' bukan angka").format(value=value))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise _CellError(_("'{value}' bukan bilangan bulat").format(value=_text(value)))
        number = int(value)
    else:
        text = str(value).strip().replace(" ", "")
        if _THOUSANDS.fullmatch(text):
            text = text.replace(".", "")
        if re.fullmatch(r"[+-]?\d+", text):
            number = int(text)
        elif re.fullmatch(r"[+-]?\d+([.,]\d+)?", text):
            raise _CellError(_("'{value}' bukan bilangan bulat").format(value=str(value).strip()))
        else:
            raise _CellError(_("'{value}' bukan angka").format(value=str(value).strip()))
    if number < 0:
        raise _CellError(_("{value} tidak boleh negatif").format(value=number))
    return number


def _risk(value: Any) -> int:
    number = _whole(value, blank=None)
    if not 1 <= number <= 5:
        raise _CellError(_("{value} di luar rentang 1 sampai 5").format(value=number))
    return number


_YES = {"ya", "y", "yes", "1", "true", "benar"}
_NO = {"tidak", "t", "tdk", "no", "n", "0", "false", "salah", ""}


def _yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise _CellError(_("'{value}' bukan Ya atau Tidak").format(value=_text(value)))


def _kategori(value: Any) -> str:
    text = _text(value).lower().replace("_", " ")
    if not text:
        return Kategori.LAINNYA
    for choice, label in Kategori.choices:
        with translation.override("en"):
            english = str(label).lower()
        with translation.override("id"):
            indonesian = str(label).lower()
        if text in (choice.replace("_", " "), indonesian, english):
            return choice
    raise _CellError(_("'{value}' bukan kategori yang dikenal").format(value=_text(value)))


def _aspek(value: Any) -> str:
    text = _text(value)
    if not text:
        raise _CellError(_("wajib diisi"))
    lowered = text.lower()
    return lowered if lowered in Aspek.values else text


def _required(value: Any) -> str:
    text = _text(value)
    if not text:
        raise _CellError(_("wajib diisi"))
    return text


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "tugas": _required,
    "fungsi": _text,
    "uraian_tugas": _text,
    "kegiatan": _required,
    "output": _required,
    "aspek": _aspek,
    "judul": _text,
    "kategori": _kategori,
    "melayani_publik": _yes_no,
    "volume_per_bulan": _whole,
    "risiko_kemungkinan": _risk,
    "risiko_dampak": _risk,
    "pengaduan_12_bulan": _whole,
    "temuan_audit_12_bulan": _whole,
    "catatan": _text,
}


def _header_map(number: int, cells: list[Any]) -> dict[int, str]:
    """Column index → column key; wrong and missing columns are reported together."""
    problems: list[str] = []
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        if _blank(cell):
            continue
        key = HEADER_ALIASES.get(_norm_header(cell))
        if key is None:
            problems.append(
                _("Baris {row}: kolom '{column}' tidak dikenal.").format(
                    row=number, column=_text(cell)
                )
            )
        elif key and key in found.values():
            problems.append(
                _("Baris {row}: kolom '{column}' muncul dua kali.").format(
                    row=number, column=_text(cell)
                )
            )
        elif key:
            found[index] = key
    missing = [c.header for c in COLUMNS if c.required and c.key not in found.values()]
    if missing:
        problems.append(
            _("Baris {row}: kolom wajib tidak ada: {columns}.").format(
                row=number, columns=", ".join(missing)
            )
        )
    if problems:
        problems.append(
            _("Gunakan baris judul dari templat: {columns}.").format(
                columns=", ".join(c.header for c in COLUMNS)
            )
        )
        raise SpreadsheetError(problems)
    return found


def convert_rows(
    table: list[tuple[int, list[Any]]],
    *,
    units: Mapping[str, Unit],
    sops: Mapping[str, Sop],
    may_edit: Callable[[Unit], bool] = lambda unit: True,
) -> list[ImportRow]:
    """The data rows as :class:`ImportRow`; raises :class:`SpreadsheetError` listing every
    problem ("Baris 7, kolom Volume per bulan: 'banyak' bukan angka")."""
    if not table:
        raise SpreadsheetError([_("Berkas kosong: tidak ada baris judul maupun data.")])
    header_number, header = table[0]
    columns = _header_map(header_number, header)
    rows: list[ImportRow] = []
    problems: list[str] = []
    seen: dict[tuple[Any, ...], int] = {}
    for number, cells in table[1:]:
        values: dict[str, Any] = {}
        row_problems: list[str] = []
        for index, key in columns.items():
            raw = cells[index] if index < len(cells) else None
            try:
                values[key] = _convert(key, raw, units, sops)
                if key == "unit" and not may_edit(values[key]):
                    raise _CellError(
                        _("Anda tidak berwenang mengubah inventaris unit {unit}").format(
                            unit=values[key].nama
                        )
                    )
            except _CellError as error:
                row_problems.append(
                    _("Baris {row}, kolom {column}: {problem}.").format(
                        row=number, column=BY_KEY[key].header, problem=error.message
                    )
                )
        if row_problems:
            problems.extend(row_problems)
            continue
        unit = values.pop("unit")
        row = ImportRow(number=number, unit=unit, data=ProcessData(**values))
        identity = (unit.pk, *row.data.natural_key())
        if identity in seen:
            problems.append(
                _("Baris {row}: proses yang sama sudah ada di baris {first}.").format(
                    row=number, first=seen[identity]
                )
            )
            continue
        seen[identity] = number
        rows.append(row)
    if problems:
        raise SpreadsheetError(_limit(problems))
    if not rows:
        raise SpreadsheetError([_("Berkas tidak berisi baris data di bawah baris judul.")])
    return rows


def _convert(key: str, raw: Any, units: Mapping[str, Unit], sops: Mapping[str, Sop]) -> Any:
    if key == "unit":
        code = _text(raw)
        if not code:
            raise _CellError(_("wajib diisi"))
        unit = units.get(code.lower())
        if unit is None:
            raise _CellError(_("kode unit '{code}' tidak dikenal").format(code=code))
        return unit
    if key == "sop":
        code = _text(raw)
        if not code:
            return None
        sop = sops.get(code.lower())
        if sop is None:
            raise _CellError(_("kode SOP '{code}' tidak dikenal").format(code=code))
        return sop
    return CONVERTERS[key](raw)


def _limit(problems: list[str]) -> list[str]:
    if len(problems) <= MAX_REPORTED:
        return problems
    rest = len(problems) - MAX_REPORTED
    return [
        *problems[:MAX_REPORTED],
        _("… dan {count} kesalahan lain.").format(count=rest),
    ]


def import_spreadsheet(
    *, instansi: Instansi, filename: str, content: bytes, by: User | AnonymousUser | None
) -> ImportResult:
    """Read, check and write a file, all or nothing; raises :class:`SpreadsheetError`."""
    table = read_table(filename, content)
    units = {unit.kode.lower(): unit for unit in Unit.objects.filter(instansi=instansi)}
    sops = {sop.kode.lower(): sop for sop in Sop.objects.filter(instansi=instansi)}
    rows = convert_rows(
        table,
        units=units,
        sops=sops,
        may_edit=lambda unit: by is None or can_edit(by, unit),
    )
    try:
        return processes_import(instansi=instansi, rows=rows, by=by, filename=filename)
    except ValidationError as error:
        raise SpreadsheetError(_limit(error.messages)) from error

"""The dashboard as an XLSX workbook: one sheet per figure, the same tables as the page.

Each sheet: the title (row 1), the scope and period (row 2), what the figure counts (row 3),
the column headers (row 4), the rows from row 5 and, for totals, a last bold row. Numbers stay
numbers (a missing mean is an empty cell), so the sheet can be summed and charted again.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sopan.dashboard.presenters import Table

HEADER_ROW = 4
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_MUTED = Font(italic=True, color="5B6675")
_HEAD_FILL = PatternFill("solid", fgColor="DDE6F0")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)


def _widths(table: Table) -> list[int]:
    widths = []
    for index, header in enumerate(table.columns):
        values = [str(row[index]) for row in table.rows if index < len(row)]
        longest = max([len(header), *(len(v) for v in values)])
        widths.append(min(60, max(10, longest + 2)))
    return widths


def _sheet(workbook: Workbook, table: Table, subtitle: str) -> None:
    sheet = workbook.create_sheet(table.sheet[:31])
    sheet.append([table.title])
    sheet.append([subtitle])
    sheet.append([table.note])
    sheet["A1"].font = _TITLE
    sheet["A2"].font = _MUTED
    sheet["A3"].font = _MUTED
    sheet.append(table.columns)
    for cell in sheet[HEADER_ROW]:
        cell.font = _BOLD
        cell.fill = _HEAD_FILL
        cell.alignment = _WRAP
    for row in table.rows:
        sheet.append([_cell(value) for value in row])
    if table.footer:
        sheet.append([_cell(value) for value in table.footer])
        for cell in sheet[sheet.max_row]:
            cell.font = _BOLD
    for index, width in enumerate(_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"


def dashboard_xlsx(tables: Iterable[Table], *, subtitle: str) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        _sheet(workbook, table, subtitle)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""The printed forms of the inventory: Tabel 6 rows and the XLSX files (ranked list, Tabel 6)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sopan.inventory.models import Process
from sopan.inventory.selectors import RankedProcess, unit_label
from sopan.inventory.tabel6 import Tabel6Input, Tabel6Row, number_rows
from sopan.inventory.workbooks import data_sheet, iter_import_values, table_xlsx


def tabel6_rows(processes: Iterable[Process]) -> list[Tabel6Row]:
    return number_rows(
        [
            Tabel6Input(
                unit=unit_label(p.unit),
                tugas=p.tugas,
                fungsi=p.fungsi,
                uraian_tugas=p.uraian_tugas,
                kegiatan=p.kegiatan,
                output=p.output,
                aspek=p.aspek,
                judul=p.judul_sop,
                ref=p,
            )
            for p in processes
        ]
    )


def _yes_no(value: bool) -> str:
    return _("Ya") if value else _("Tidak")


def ranked_xlsx(ranked: Sequence[RankedProcess], *, subtitle: str) -> bytes:
    headers = [
        _("Peringkat"),
        _("Skor"),
        _("Judul SOP"),
        _("Unit Kerja"),
        _("Kategori"),
        _("Melayani Publik"),
        _("Volume per bulan"),
        _("Kemungkinan Risiko"),
        _("Dampak Risiko"),
        _("Pengaduan 12 bulan"),
        _("Temuan Audit 12 bulan"),
        _("Status SOP"),
        _("Kode SOP"),
    ]
    rows: list[list[Any]] = [
        [
            item.rank,
            item.score.skor,
            item.process.judul_sop,
            unit_label(item.process.unit),
            item.process.get_kategori_display(),
            _yes_no(item.process.melayani_publik),
            item.process.volume_per_bulan,
            item.process.risiko_kemungkinan,
            item.process.risiko_dampak,
            item.process.pengaduan_12_bulan,
            item.process.temuan_audit_12_bulan,
            item.state_label,
            item.process.sop.kode if item.process.sop else "",
        ]
        for item in ranked
    ]
    return table_xlsx(
        title=_("Peringkat Prioritas Proses"),
        subtitle=subtitle,
        headers=headers,
        rows=rows,
        widths=(10, 8, 44, 36, 16, 10, 10, 10, 10, 10, 10, 18, 24),
        sheet_name=_("Peringkat"),
    )


def tabel6_xlsx(processes: Sequence[Process], *, subtitle: str) -> bytes:
    """Tabel 6 as printed (8 columns, numbered), plus a sheet in the import format."""
    headers = [
        pgettext("kolom Tabel 6", "No"),
        _("Tugas"),
        _("Fungsi"),
        _("Uraian Tugas"),
        _("Kegiatan"),
        _("Output"),
        _("Aspek Kegiatan"),
        _("Judul SOP"),
    ]
    rows = [
        [
            " ".join(filter(None, (row.no.label, row.no.text))),
            _cell(row.tugas.label, row.tugas.text),
            _cell(row.fungsi.label, row.fungsi.text),
            _cell(row.uraian_tugas.label, row.uraian_tugas.text),
            _cell(row.kegiatan.label, row.kegiatan.text),
            _cell(row.output.label, row.output.text),
            row.aspek,
            f"{row.judul_no}. {row.judul}",
        ]
        for row in tabel6_rows(processes)
    ]
    return table_xlsx(
        title=_("Formulir Identifikasi SOP AP Berdasarkan Tugas dan Fungsi"),
        subtitle=subtitle,
        headers=headers,
        rows=rows,
        widths=(24, 30, 30, 30, 30, 24, 14, 36),
        sheet_name=_("Tabel 6"),
        extra=lambda workbook: data_sheet(workbook, iter_import_values(processes)),
    )


def _cell(label: str, text: str) -> str:
    return f"{label} {text}".strip() if text else ""

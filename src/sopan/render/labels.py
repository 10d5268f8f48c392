"""The printed labels of the SOP AP layout and Indonesian dates, shared by every format."""

from __future__ import annotations

import datetime as dt

from sopan.i18n import gettext_noop as N
from sopan.i18n import translate
from sopan.organisations.nip import format_nip

IDENTITY_LABELS = {
    "nomor": N("Nomor SOP"),
    "pembuatan": N("Tanggal Pembuatan"),
    "revisi": N("Tanggal Revisi"),
    "efektif": N("Tanggal Efektif"),
    "disahkan_oleh": N("Disahkan oleh"),
    "nama": N("Nama SOP"),
}
ELEMENT_LABELS = {
    "dasar_hukum": N("Dasar Hukum"),
    "kualifikasi_pelaksana": N("Kualifikasi Pelaksana"),
    "keterkaitan": N("Keterkaitan"),
    "peralatan": N("Peralatan/Perlengkapan"),
    "peringatan": N("Peringatan"),
    "pencatatan": N("Pencatatan dan Pendataan"),
}
TABLE_LABELS = {
    "no": N("No"),
    "kegiatan": N("Kegiatan"),
    "pelaksana": N("Pelaksana"),
    "mutu_baku": N("Mutu Baku"),
    "kelengkapan": N("Kelengkapan"),
    "waktu": N("Waktu"),
    "output": N("Output"),
    "keterangan": N("Keterangan"),
}
DRAFT_MARK = N("KONSEP")

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def label(message: str, lang: str = "id") -> str:
    return translate(message, lang)


def format_date(value: dt.date | None, lang: str = "id") -> str:
    """``2 Juni 2025`` (or ``2 June 2025``); ``-`` when there is no date."""
    if value is None:
        return "-"
    months = MONTHS_EN if lang == "en" else MONTHS_ID
    return f"{value.day} {months[value.month - 1]} {value.year}"


def format_nip_line(nip: str | None) -> str:
    """``NIP 19660825 198802 1 001`` as printed under a signature; empty when absent."""
    return f"NIP {format_nip(nip)}" if nip else ""

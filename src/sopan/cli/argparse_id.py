"""Bahasa Indonesia for argparse's own words ("usage:", "options", error messages).

argparse looks its strings up through a module-level ``_``; we swap it for a lookup in this
table when the CLI runs in Indonesian. Keys are argparse's English msgids.
"""

from __future__ import annotations

import argparse

ARGPARSE_ID = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen",
    "options": "opsi",
    "optional arguments": "opsi",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan versi program lalu keluar",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "pilihan tidak sah: %(value)r (pilih dari %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "expected one argument": "perlu satu argumen",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": (
        "opsi ambigu: %(option)s bisa berarti %(matches)s"
    ),
}


def use_language(lang: str) -> None:
    table = ARGPARSE_ID if lang == "id" else {}
    argparse._ = lambda message: table.get(message, message)  # type: ignore[attr-defined]

"""Proposed SOP titles and the numbering of the printed Tabel 6 (pure)."""

from __future__ import annotations

import pytest

from sopan.inventory.tabel6 import Tabel6Input, letters, number_rows
from sopan.inventory.titles import propose_title


@pytest.mark.parametrize(
    ("output", "aspek", "title"),
    [
        ("Renstra", "penyusunan", "SOP Penyusunan Renstra"),
        ("Laporan Keuangan", "pelaporan", "SOP Pelaporan Laporan Keuangan"),
        ("  KTP-el ", "pelaksanaan", "SOP Pelaksanaan KTP-el"),
        ("Penyusunan Renja", "penyusunan", "SOP Penyusunan Renja"),
        ("SOP Publikasi Informasi", "publikasi", "SOP Publikasi Informasi"),
        ("informasi publik", "Publikasi", "SOP Publikasi informasi publik"),
        ("Renstra", "", "SOP Renstra"),
    ],
)
def test_title_is_aspect_plus_output(output: str, aspek: str, title: str) -> None:
    assert propose_title(output=output, aspek=aspek) == title


def test_letters() -> None:
    assert [letters(n, upper=True) for n in (1, 2, 26, 27, 28)] == ["A", "B", "Z", "AA", "AB"]
    assert letters(3, upper=False) == "c"


def row(unit: str, tugas: str, fungsi: str, uraian: str, kegiatan: str, output: str) -> Tabel6Input:
    return Tabel6Input(unit, tugas, fungsi, uraian, kegiatan, output, "penyusunan", f"SOP {output}")


def test_numbering_follows_the_form() -> None:
    rows = number_rows(
        [
            row("Bagian Organisasi", "T1", "F1", "U1", "K1", "O1"),
            row("Bagian Organisasi", "T1", "F1", "U1", "K1", "O2"),
            row("Bagian Organisasi", "T1", "F1", "U1", "K2", "O3"),
            row("Bagian Organisasi", "T1", "F2", "U2", "K3", "O4"),
            row("Bagian Organisasi", "T2", "F3", "U3", "K4", "O5"),
            row("Bagian Umum", "T9", "F9", "U9", "K9", "O9"),
            # A second row of the first tugas later in the input is grouped with it.
            row("Bagian Organisasi", "T1", "F1", "U1", "K1", "O6"),
        ]
    )
    printed = [
        (
            r.no.label,
            r.tugas.label,
            r.fungsi.label,
            r.uraian_tugas.label,
            r.kegiatan.label,
            r.output.label,
            r.judul_no,
            r.judul,
        )
        for r in rows
    ]
    assert printed == [
        ("A", "1", "a", "1)", "a)", "(1)", 1, "SOP O1"),
        ("", "", "", "", "", "(2)", 2, "SOP O2"),
        ("", "", "", "", "", "(3)", 3, "SOP O6"),
        ("", "", "", "", "b)", "(1)", 4, "SOP O3"),
        ("", "", "b", "1)", "a)", "(1)", 5, "SOP O4"),
        ("", "2", "a", "1)", "a)", "(1)", 6, "SOP O5"),
        ("B", "1", "a", "1)", "a)", "(1)", 7, "SOP O9"),
    ]
    assert rows[0].no.text == "Bagian Organisasi" and rows[1].no.text == ""
    assert rows[3].kegiatan.text == "K2"


def test_two_aspects_of_one_output_share_its_number() -> None:
    first = Tabel6Input("U", "T", "F", "R", "K", "Renstra", "penyusunan", "SOP Penyusunan Renstra")
    second = Tabel6Input("U", "T", "F", "R", "K", "Renstra", "evaluasi", "SOP Evaluasi Renstra")
    rows = number_rows([first, second])
    assert [(r.output.label, r.aspek, r.judul_no) for r in rows] == [
        ("(1)", "penyusunan", 1),
        ("", "evaluasi", 2),
    ]


def test_an_empty_fungsi_has_no_label() -> None:
    rows = number_rows([row("U", "T", "", "", "K", "O")])
    assert (rows[0].fungsi.label, rows[0].uraian_tugas.label, rows[0].kegiatan.label) == (
        "",
        "",
        "a)",
    )

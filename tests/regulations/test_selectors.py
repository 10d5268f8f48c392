"""Matching dasar_hukum lines to the register."""

from __future__ import annotations

from typing import Any

import pytest

from sopan.regulations.selectors import match_citation, matches_for_lines
from sopan.regulations.services import regulation_create
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_match_any_spelling() -> None:
    regulation = regulation_create(
        jenis="Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
        nomor="35",
        tahun=2012,
        by=None,
    )
    assert match_citation("PermenPANRB No. 35 Tahun 2012") == regulation
    assert match_citation("Permenpan RB Nomor 35 Tahun 2012 tentang Pedoman SOP AP") == regulation
    assert match_citation("PermenPANRB No. 36 Tahun 2012") is None
    assert match_citation("dst.") is None


def test_instansi_rows_are_seen_only_by_that_instansi_and_win(world: World) -> None:
    national = regulation_create(jenis="UU", nomor="25", tahun=2009, by=None)
    local = regulation_create(
        jenis="UU", nomor="25", tahun=2009, instansi=world.kabupaten_a, by=None, catatan="salinan"
    )
    perda = regulation_create(
        jenis="Perda Kabupaten A", nomor="3", tahun=2019, instansi=world.kabupaten_a, by=None
    )
    assert match_citation("UU 25/2009") == national
    assert match_citation("UU 25/2009", instansi=world.kabupaten_a) == local
    assert match_citation("UU 25/2009", instansi=world.kabupaten_b) == national
    assert match_citation("Perda Kabupaten A No. 3 Tahun 2019", instansi=world.kabupaten_a) == perda
    assert match_citation("Perda Kabupaten A No. 3 Tahun 2019", instansi=world.kabupaten_b) is None


def test_many_lines_in_one_query(django_assert_num_queries: Any) -> None:
    regs = [
        regulation_create(jenis="PP", nomor=str(n), tahun=2000 + n, by=None) for n in range(1, 21)
    ]
    lines = [f"PP Nomor {n} Tahun {2000 + n} tentang Hal {n}" for n in range(1, 21)]
    lines += ["dst.", "PP Nomor 99 Tahun 2001"]
    with django_assert_num_queries(1):
        found = matches_for_lines(lines)
    assert found == [*regs, None, None]


def test_no_query_when_no_line_is_a_citation(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        assert matches_for_lines(["dst.", "Lihat lampiran"]) == [None, None]

"""Numbering patterns (pure)."""

from __future__ import annotations

import pytest

from sopan.sops.numbering import (
    PRESET_GUIDE,
    PRESET_TND,
    PRESET_TND_BULAN,
    NumberParts,
    NumberPatternError,
    format_number,
    parse_pattern,
    uses_sequence,
)

PARTS = NumberParts(
    klasifikasi="000.2.3",
    urut=7,
    unit="ORG",
    jenis="administratif",
    kode="pelayanan-surat",
    month=4,
    year=2025,
    versi="2",
)


def test_tnd_preset() -> None:
    assert format_number(PRESET_TND, PARTS, padding=3) == "000.2.3/007/SOP/ORG/2025"


def test_sequence_blank_before_approval() -> None:
    draft = NumberParts(klasifikasi="000.2.3", unit="ORG", year=2025)
    assert format_number(PRESET_TND, draft) == "000.2.3/   /SOP/ORG/2025"


def test_width_in_the_token_wins() -> None:
    assert format_number("SOP-{urut:4}/{unit}/{tahun}", PARTS, padding=2) == "SOP-0007/ORG/2025"


def test_roman_month_and_guide_preset() -> None:
    assert format_number(PRESET_TND_BULAN, PARTS) == "000.2.3/7/ORG/IV/2025"
    assert format_number(PRESET_GUIDE, PARTS) == "ORG/ADM/pelayanan-surat/2025/2"


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("", "Pola nomor tidak boleh kosong."),
        ("{nomor}/SOP", "Token {nomor} tidak dikenal"),
        ("{tahun:2}", "Lebar hanya untuk {urut}, bukan {tahun}."),
        ("{urut/SOP", "Kurung kurawal tidak berpasangan"),
    ],
)
def test_bad_patterns(pattern: str, message: str) -> None:
    with pytest.raises(NumberPatternError) as error:
        parse_pattern(pattern)
    assert message in str(error.value)


def test_uses_sequence() -> None:
    assert uses_sequence(PRESET_TND)
    assert not uses_sequence(PRESET_GUIDE)

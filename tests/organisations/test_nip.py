import datetime as dt

import pytest

from sopan.organisations.nip import NipError, format_nip, validate_nip

VALID = "196608251988021001"


def test_valid_nip_is_returned_as_18_digits():
    assert validate_nip(VALID) == VALID
    assert validate_nip(" 19660825 198802 1 001 ") == VALID


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("19660825198802100", "NIP harus 18 angka (tertulis 17)"),
        ("1966082519880210011", "NIP harus 18 angka (tertulis 19)"),
        ("1966082A1988021001", 'NIP hanya boleh berisi angka (tertulis "1966082A1988021001")'),
        ("196602301988021001", "8 angka pertama NIP bukan tanggal lahir yang sah (19660230)"),
        ("196613251988021001", "8 angka pertama NIP bukan tanggal lahir yang sah (19661325)"),
        ("196608251988131001", "Angka ke-13–14 NIP bukan bulan yang sah (13)"),
        ("196608251988001001", "Angka ke-13–14 NIP bukan bulan yang sah (00)"),
        ("196608251988023001", "Angka ke-15 NIP (jenis kelamin) harus 1 atau 2, bukan 3"),
        ("196608251988021000", "3 angka terakhir NIP (nomor urut) tidak boleh 000"),
        (
            "199001012000011001",
            "Angka ke-9–14 NIP (TMT CPNS 200001) terlalu dekat dengan tanggal lahir: "
            "umur saat CPNS kurang dari 17 tahun",
        ),
    ],
)
def test_invalid_nip_says_what_is_wrong(text, message):
    with pytest.raises(ValueError) as caught:
        validate_nip(text)
    assert str(caught.value) == message
    assert isinstance(caught.value, NipError)


def test_cpns_start_in_the_future_is_refused():
    with pytest.raises(NipError, match="masa depan"):
        validate_nip("199001012031011001", today=dt.date(2030, 1, 1))


def test_birth_date_in_the_future_is_refused():
    with pytest.raises(NipError, match="tanggal lahir"):
        validate_nip(VALID, today=dt.date(1960, 1, 1))


def test_format_nip_groups_the_parts():
    assert format_nip(VALID) == "19660825 198802 1 001"
    assert format_nip("123") == "123"

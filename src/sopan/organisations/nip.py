"""NIP (Nomor Induk Pegawai) of an Indonesian civil servant: validation and display.

Pure Python (no Django). A NIP has 18 digits::

    19660825 198802 1 001
    |        |      | +-- serial number (001 and up)
    |        |      +---- sex: 1 man, 2 woman
    |        +----------- year and month the person became CPNS (TMT CPNS)
    +-------------------- date of birth (YYYYMMDD)
"""

from __future__ import annotations

import datetime as dt

from sopan.i18n import gettext_noop

NIP_LENGTH = 18
# Nobody becomes a civil servant before this age (years); "roughly" per the BKN rules (18),
# with a year's slack for the month of birth.
MIN_AGE_AT_CPNS = 17


class NipError(ValueError):
    """A NIP that fails validation. ``str()`` is the Indonesian message; ``msgid`` and
    ``params`` let a Django caller translate it."""

    def __init__(self, msgid: str, **params: object) -> None:
        self.msgid = msgid
        self.params = params
        super().__init__(msgid.format(**params))


def validate_nip(text: str, *, today: dt.date | None = None) -> str:
    """Return the NIP as 18 digits (spaces removed), or raise :class:`NipError`."""
    nip = "".join(str(text).split())
    today = today or dt.date.today()
    if not nip.isdigit() or not nip.isascii():
        raise NipError(gettext_noop('NIP hanya boleh berisi angka (tertulis "{text}")'), text=nip)
    if len(nip) != NIP_LENGTH:
        raise NipError(gettext_noop("NIP harus 18 angka (tertulis {count})"), count=len(nip))
    birth = _birth_date(nip[:8], today)
    _check_cpns(nip[8:14], birth, today)
    if nip[14] not in "12":
        raise NipError(
            gettext_noop("Angka ke-15 NIP (jenis kelamin) harus 1 atau 2, bukan {digit}"),
            digit=nip[14],
        )
    if nip[15:] == "000":
        raise NipError(gettext_noop("3 angka terakhir NIP (nomor urut) tidak boleh 000"))
    return nip


def _birth_date(digits: str, today: dt.date) -> dt.date:
    try:
        birth = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        birth = None
    if birth is None or birth.year < 1900 or birth > today:
        raise NipError(
            gettext_noop("8 angka pertama NIP bukan tanggal lahir yang sah ({digits})"),
            digits=digits,
        )
    return birth


def _check_cpns(digits: str, birth: dt.date, today: dt.date) -> None:
    year, month = int(digits[:4]), int(digits[4:6])
    if not 1 <= month <= 12:
        raise NipError(
            gettext_noop("Angka ke-13–14 NIP bukan bulan yang sah ({month})"), month=digits[4:6]
        )
    if (year, month) > (today.year, today.month):
        raise NipError(
            gettext_noop("Angka ke-9–14 NIP (TMT CPNS {digits}) ada di masa depan"),
            digits=digits,
        )
    if year - birth.year < MIN_AGE_AT_CPNS:
        raise NipError(
            gettext_noop(
                "Angka ke-9–14 NIP (TMT CPNS {digits}) terlalu dekat dengan tanggal lahir: "
                "umur saat CPNS kurang dari {age} tahun"
            ),
            digits=digits,
            age=MIN_AGE_AT_CPNS,
        )


def format_nip(nip: str) -> str:
    """``"196608251988021001"`` → ``"19660825 198802 1 001"`` (input need not be valid)."""
    digits = "".join(str(nip).split())
    if len(digits) != NIP_LENGTH:
        return digits
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"

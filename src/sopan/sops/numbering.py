"""SOP numbers from a pattern of tokens (pure: no Django, no database).

PermenPANRB 35/2012 leaves the number to the tata naskah dinas of each instansi
(REGULATION.md §7), so the pattern is configured per instansi. Tokens:

``{klasifikasi}``  archive classification code (per SOP, else the instansi default)
``{urut}``         sequence per instansi per year; ``{urut:3}`` pads to 3 digits
``{unit}``         unit code (singkatan or kode)
``{jenis}``        ADM or TEK
``{kode}``         the SOP's own code (the process)
``{bulan}``        month in Roman numerals (I–XII)
``{tahun}``        four-digit year
``{versi}``        version number

Everything else is literal text. Before approval the sequence is not known: it is written
as blanks of the same width, as on paper (``000.2.3/   /SOP/ORG/2025``).
"""

from __future__ import annotations

import dataclasses
import re

from sopan.i18n import gettext_noop

TOKENS = ("klasifikasi", "urut", "unit", "jenis", "kode", "bulan", "tahun", "versi")

# The common tata naskah dinas shape (Mojokerto's "188.4/ /SOP/417.304/2016").
PRESET_TND = "{klasifikasi}/{urut}/SOP/{unit}/{tahun}"
# Classification / sequence / unit / Roman month / year (Disperin NTB "530/ /01-IND/IV/2019").
PRESET_TND_BULAN = "{klasifikasi}/{urut}/{unit}/{bulan}/{tahun}"
# The reference guide's convention: unit/type/process/year/version.
PRESET_GUIDE = "{unit}/{jenis}/{kode}/{tahun}/{versi}"
PRESETS = {"tnd": PRESET_TND, "tnd_bulan": PRESET_TND_BULAN, "panduan": PRESET_GUIDE}

_TOKEN = re.compile(r"\{([a-z]+)(?::(\d{1,2}))?\}")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_JENIS = {"administratif": "ADM", "teknis": "TEK"}


class NumberPatternError(ValueError):
    def __init__(self, msgid: str, **params: object) -> None:
        self.msgid = msgid
        self.params = params
        super().__init__(msgid.format(**params))


@dataclasses.dataclass(frozen=True)
class NumberParts:
    klasifikasi: str = ""
    urut: int | None = None  # None: not assigned yet (draft)
    unit: str = ""
    jenis: str = ""
    kode: str = ""
    month: int = 1
    year: int = 2000
    versi: str = ""


def parse_pattern(pattern: str) -> list[str | tuple[str, int | None]]:
    """Split ``pattern`` into literal texts and ``(token, width)`` pairs."""
    if not pattern.strip():
        raise NumberPatternError(gettext_noop("Pola nomor tidak boleh kosong."))
    parts: list[str | tuple[str, int | None]] = []
    position = 0
    for match in _TOKEN.finditer(pattern):
        if match.start() > position:
            parts.append(pattern[position : match.start()])
        name, width = match.group(1), match.group(2)
        if name not in TOKENS:
            raise NumberPatternError(
                gettext_noop("Token {token} tidak dikenal; yang dikenal: {known}."),
                token="{" + name + "}",
                known=", ".join("{" + t + "}" for t in TOKENS),
            )
        if width is not None and name != "urut":
            raise NumberPatternError(
                gettext_noop("Lebar hanya untuk {{urut}}, bukan {token}."), token="{" + name + "}"
            )
        parts.append((name, int(width) if width is not None else None))
        position = match.end()
    if position < len(pattern):
        parts.append(pattern[position:])
    leftover = [p for p in parts if isinstance(p, str) and ("{" in p or "}" in p)]
    if leftover:
        raise NumberPatternError(
            gettext_noop("Kurung kurawal tidak berpasangan dalam pola: {text}."), text=leftover[0]
        )
    return parts


def roman_month(month: int) -> str:
    return _ROMAN[month - 1]


def format_number(pattern: str, parts: NumberParts, *, padding: int = 0) -> str:
    """The number of ``parts`` in ``pattern``; a missing ``urut`` becomes blanks."""
    out: list[str] = []
    for piece in parse_pattern(pattern):
        if isinstance(piece, str):
            out.append(piece)
            continue
        name, width = piece
        out.append(_token_value(name, width if width is not None else padding, parts))
    return "".join(out)


def uses_sequence(pattern: str) -> bool:
    return any(isinstance(p, tuple) and p[0] == "urut" for p in parse_pattern(pattern))


def _token_value(name: str, width: int, parts: NumberParts) -> str:
    if name == "urut":
        if parts.urut is None:
            return " " * max(width, 3)
        return str(parts.urut).zfill(width)
    if name == "bulan":
        return roman_month(parts.month)
    if name == "tahun":
        return f"{parts.year:04d}"
    if name == "jenis":
        return _JENIS.get(parts.jenis, parts.jenis.upper())
    value: str = getattr(parts, name)
    return value

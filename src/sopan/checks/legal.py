"""Family "hukum": the dasar hukum of an SOP (codes HKM...).

PermenPANRB 35/2012 asks for the laws and regulations behind the procedure; the principle of
*kepatuhan hukum* (Permendagri 52/2011) means they must be in force. Each ``dasar_hukum``
line is read with :func:`sopan.regulations.citation.parse_citation` (type, number, year,
subject). With a register (:mod:`sopan.checks.register`), its status is looked up: one call
for all lines of the document when the register offers ``lookup_many``.

- HKM001: the register marks the cited regulation revoked (*dicabut*): error, naming what
  replaced it.
- HKM002: the register marks it amended (*diubah*): warning, unless the line already names
  the amendment ("sebagaimana telah diubah dengan ...", "jo. ...", "beserta perubahannya").
  When the line names an amendment by number and year but not the one the register gives as
  the latest, it is still reported, naming the latest.
- HKM003: a line that is not a full citation (type, number, year, "tentang"): info, with the
  expected form as hint. The 1945 Constitution needs no number nor "tentang".
- HKM004: a placeholder ("dst.", "dll.", "...") instead of a regulation: warning.
- HKM005: Permenpan PER/21/M.PAN/11/2008 cited (revoked by PermenPANRB 35/2012): built-in
  knowledge, works without a register; error. Quiet when the register already reports the
  line as revoked (HKM001).
- HKM006: the same regulation cited twice (same :func:`citation_key`): warning at the
  repeat.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from sopan.checks.base import CheckContext, Finding, rule
from sopan.checks.register import RegisterEntry, lookup_lines, parse_line
from sopan.checks.severity import Severity
from sopan.i18n import gettext_noop as N
from sopan.regulations.citation import Citation, citation_key

FAMILY = "hukum"

_parse = parse_line

_PLACEHOLDER = re.compile(
    r"\s*(?:\d{1,2}[.)]\s*)?(?:dst|dll|dsb|dan\s+seterusnya|dan\s+lain[\s-]+lain|dan\s+sebagainya"
    r"|tba|tbd|belum\s+ada|-+|\.{2,}|…|\?+)\.?\s*",
    re.IGNORECASE,
)
_AMENDMENT = re.compile(
    r"\b(?:sebagaimana\s+(?:telah\s+)?(?:beberapa\s+kali\s+)?(?:diubah|diganti)"
    r"|yang\s+telah\s+(?:beberapa\s+kali\s+)?diubah|terakhir\s+diubah|jo\b\.?|juncto\b"
    r"|(?:beserta|dan|serta)\s+(?:segala\s+)?perubahannya)",
    re.IGNORECASE,
)
_NUMBER_YEAR = re.compile(
    r"(?:Nomor|Nomer|No\.?)\s*:?\s*([0-9A-Za-z./-]+?)\s*,?\s*(?:Tahun|Thn\.?|Th\.?)\s*(\d{4})"
    r"|\b(\d{1,4})\s*/\s*(\d{4})\b",
    re.IGNORECASE,
)
_CONSTITUTION = "Undang-Undang Dasar"

# PermenPAN PER/21/M.PAN/11/2008, the SOP guideline revoked by PermenPANRB 35/2012.
_OLD_GUIDELINE_KEYS = frozenset(
    citation_key(Citation("Peraturan Menteri Negara Pendayagunaan Aparatur Negara", "", n, 2008))
    for n in ("PER/21/M.PAN/11/2008", "21")
)
_OLD_GUIDELINE_TEXT = re.compile(r"PER\s*/\s*21\s*/\s*M\s*\.?\s*PAN\s*/\s*11\s*/\s*2008", re.I)
NEW_GUIDELINE = (
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun "
    "2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan"
)


@dataclass(frozen=True)
class Line:
    index: int  # position in dasar_hukum
    text: str
    citation: Citation | None
    entry: RegisterEntry | None


T = TypeVar("T")


def _memo(context: CheckContext, key: str, build: Callable[[], T]) -> T:
    store = vars(context)
    name = f"_hukum_{key}"
    if name not in store:
        store[name] = build()
    value: T = store[name]
    return value


def _lines(context: CheckContext) -> list[Line]:
    def build() -> list[Line]:
        texts = [str(t) for t in context.document.dasar_hukum]
        entries: list[RegisterEntry | None] = [None] * len(texts)
        if context.register is not None and texts:
            entries = lookup_lines(context.register, texts)
        return [
            Line(i, text, _parse(text), entry)
            for i, (text, entry) in enumerate(zip(texts, entries, strict=True))
        ]

    return _memo(context, "lines", build)


def _label(line: Line) -> str:
    if line.entry is not None:
        return line.entry.label
    return line.citation.label if line.citation is not None else line.text.strip()


def _number_year_pairs(text: str) -> set[tuple[str, int]]:
    pairs = set()
    for match in _NUMBER_YEAR.finditer(text):
        nomor = match.group(1) or match.group(3)
        tahun = match.group(2) or match.group(4)
        pairs.add((_nomor_key(nomor), int(tahun)))
    return pairs


def _nomor_key(nomor: str) -> str:
    text = nomor.strip(" .,").upper()
    return str(int(text)) if text.isdigit() else text


def amendment_named(line: str, replaced_by: str | None) -> bool | None:
    """Whether ``line`` names the amendment ``replaced_by``: ``True`` (named, or a generic
    "beserta perubahannya"), ``False`` (it names another amendment), ``None`` (names none)."""
    marker = _AMENDMENT.search(line)
    if marker is None:
        return None
    named = _number_year_pairs(line[marker.start() :])
    latest = _parse(replaced_by) if replaced_by else None
    if latest is None or not named:
        return True  # nothing to compare: "beserta perubahannya", "jo." without a number
    return (_nomor_key(latest.nomor), latest.tahun) in named


@rule(
    "HKM001",
    family=FAMILY,
    severity=Severity.ERROR,
    title=N("Dasar hukum sudah dicabut"),
    why=N(
        "Prinsip kepatuhan hukum (Permendagri 52/2011, PermenPANRB 35/2012): SOP harus "
        "berdasar peraturan yang masih berlaku. Register peraturan mencatat peraturan ini "
        "sudah dicabut."
    ),
    bad="dasar_hukum:\n  - Peraturan Menteri Dalam Negeri Nomor 54 Tahun 2009 tentang Tata "
    "Naskah Dinas di Lingkungan Pemerintah Daerah",
    good="dasar_hukum:\n  - Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Tata "
    "Naskah Dinas di Lingkungan Pemerintah Daerah",
)
def revoked(context: CheckContext) -> Iterator[Finding]:
    for line in _lines(context):
        if line.entry is None or line.entry.status != "dicabut":
            continue
        location = context.field_location("dasar_hukum", line.index)
        if line.entry.replaced_by:
            yield context.finding(
                "HKM001",
                N("Dasar hukum ke-{number} ({label}) sudah dicabut dengan {replaced_by}."),
                N("Ganti dengan peraturan yang berlaku: {replaced_by}."),
                location,
                number=line.index + 1,
                label=line.entry.label,
                replaced_by=line.entry.replaced_by,
            )
        else:
            yield context.finding(
                "HKM001",
                N("Dasar hukum ke-{number} ({label}) sudah dicabut."),
                N("Ganti dengan peraturan pengganti yang berlaku, atau hapus baris ini."),
                location,
                number=line.index + 1,
                label=line.entry.label,
            )


@rule(
    "HKM002",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Dasar hukum sudah diubah"),
    why=N(
        "Prinsip kepatuhan hukum: peraturan yang sudah diubah dirujuk beserta perubahannya, "
        "agar pelaksana membaca ketentuan yang berlaku."
    ),
    bad="  - Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan",
    good="  - Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan "
    "sebagaimana telah diubah dengan Undang-Undang Nomor 24 Tahun 2013",
)
def amended(context: CheckContext) -> Iterator[Finding]:
    for line in _lines(context):
        if line.entry is None or line.entry.status != "diubah":
            continue
        named = amendment_named(line.text, line.entry.replaced_by)
        if named:
            continue
        location = context.field_location("dasar_hukum", line.index)
        params = {"number": line.index + 1, "label": line.entry.label}
        if line.entry.replaced_by is None:
            yield context.finding(
                "HKM002",
                N("Dasar hukum ke-{number} ({label}) sudah diubah."),
                N("Sebut peraturan perubahannya, mis. “... sebagaimana telah diubah dengan ...”."),
                location,
                **params,
            )
        elif named is False:
            yield context.finding(
                "HKM002",
                N(
                    "Dasar hukum ke-{number} ({label}) terakhir diubah dengan {replaced_by}, "
                    "yang belum disebut."
                ),
                N("Sebut perubahan terakhirnya: “... terakhir diubah dengan {replaced_by}”."),
                location,
                replaced_by=line.entry.replaced_by,
                **params,
            )
        else:
            yield context.finding(
                "HKM002",
                N("Dasar hukum ke-{number} ({label}) sudah diubah dengan {replaced_by}."),
                N("Tambahkan “sebagaimana telah diubah dengan {replaced_by}”."),
                location,
                replaced_by=line.entry.replaced_by,
                **params,
            )


@lru_cache(maxsize=4096)
def is_placeholder(text: str) -> bool:
    """``dst.``, ``dll.``, ``...``: a line standing for regulations not written out."""
    return _PLACEHOLDER.fullmatch(text) is not None


@rule(
    "HKM003",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Dasar hukum tidak ditulis lengkap"),
    why=N(
        "PermenPANRB 35/2012: dasar hukum menyebut peraturan perundang-undangan yang menjadi "
        "landasan prosedur; tanpa jenis, nomor, tahun dan judulnya (tentang), peraturan itu "
        "tidak dapat dikenali atau diperiksa statusnya."
    ),
    bad="  - Perpres tentang pengadaan",
    good="  - Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah",
)
def incomplete_citation(context: CheckContext) -> Iterator[Finding]:
    for line in _lines(context):
        if not line.text.strip() or is_placeholder(line.text):
            continue
        location = context.field_location("dasar_hukum", line.index)
        if line.citation is None:
            yield context.finding(
                "HKM003",
                N("Dasar hukum ke-{number} tidak terbaca sebagai peraturan: “{text}”."),
                N(
                    "Tulis dengan bentuk: jenis peraturan, Nomor, Tahun, tentang judul; mis. "
                    "“Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang "
                    "Nomor 25 Tahun 2009 tentang Pelayanan Publik”."
                ),
                location,
                number=line.index + 1,
                text=line.text.strip(),
            )
        elif not line.citation.tentang and line.citation.jenis != _CONSTITUTION:
            yield context.finding(
                "HKM003",
                N("Dasar hukum ke-{number} ({label}) tidak menyebut judulnya (tentang ...)."),
                N("Tambahkan judul peraturan: “{label} tentang ...”."),
                location,
                number=line.index + 1,
                label=_label(line),
            )


@rule(
    "HKM004",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Dasar hukum berisi tempat kosong"),
    why=N(
        "Dasar hukum yang ditulis “dst.” atau “dll.” tidak menyebut peraturan apa pun; SOP yang "
        "ditetapkan harus menyebut semua dasar hukumnya."
    ),
    bad="dasar_hukum:\n  - PP No. 37 Tahun 2007 tentang Administrasi Kependudukan\n  - dst.",
    good="dasar_hukum:\n  - Peraturan Pemerintah Nomor 40 Tahun 2019 tentang ...",
)
def placeholder(context: CheckContext) -> Iterator[Finding]:
    for line in _lines(context):
        if line.text.strip() and is_placeholder(line.text):
            yield context.finding(
                "HKM004",
                N("Dasar hukum ke-{number} hanya berisi “{text}”."),
                N("Tulis lengkap peraturan yang dimaksud, atau hapus baris ini."),
                context.field_location("dasar_hukum", line.index),
                number=line.index + 1,
                text=line.text.strip(),
            )


@lru_cache(maxsize=4096)
def cites_old_guideline(line: str) -> bool:
    """Whether ``line`` cites Permenpan PER/21/M.PAN/11/2008."""
    citation = _parse(line)
    if citation is not None and citation_key(citation) in _OLD_GUIDELINE_KEYS:
        return True
    head = _AMENDMENT.split(line, maxsplit=1)[0]
    return _OLD_GUIDELINE_TEXT.search(head) is not None


@rule(
    "HKM005",
    family=FAMILY,
    severity=Severity.ERROR,
    title=N("Pedoman SOP lama (PER/21/M.PAN/11/2008)"),
    why=N(
        "Permenpan PER/21/M.PAN/11/2008 tentang Pedoman Penyusunan SOP Administrasi "
        "Pemerintahan dicabut dan diganti PermenPANRB Nomor 35 Tahun 2012."
    ),
    bad="  - Peraturan Menteri Negara PAN Nomor PER/21/M.PAN/11/2008 tentang Pedoman "
    "Penyusunan SOP Administrasi Pemerintahan",
    good="  - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP "
    "Administrasi Pemerintahan",
)
def old_guideline(context: CheckContext) -> Iterator[Finding]:
    for line in _lines(context):
        if line.entry is not None and line.entry.status == "dicabut":
            continue  # HKM001 says it, with the register's words
        if cites_old_guideline(line.text):
            yield context.finding(
                "HKM005",
                N(
                    "Dasar hukum ke-{number} menyebut Permenpan PER/21/M.PAN/11/2008 yang sudah "
                    "dicabut dengan PermenPANRB Nomor 35 Tahun 2012."
                ),
                N("Ganti dengan {replacement}."),
                context.field_location("dasar_hukum", line.index),
                number=line.index + 1,
                replacement=NEW_GUIDELINE,
            )


@rule(
    "HKM006",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Dasar hukum disebut dua kali"),
    why=N("Prinsip kesederhanaan: setiap peraturan cukup disebut sekali di dasar hukum."),
    bad="  - UU No. 25 Tahun 2009 tentang Pelayanan Publik\n"
    "  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    good="  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
)
def duplicate(context: CheckContext) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for line in _lines(context):
        if line.citation is None:
            continue
        key = citation_key(line.citation)
        if key not in first:
            first[key] = line.index
            continue
        yield context.finding(
            "HKM006",
            N("Dasar hukum ke-{number} ({label}) sama dengan dasar hukum ke-{first}."),
            N("Hapus salah satunya."),
            context.field_location("dasar_hukum", line.index),
            number=line.index + 1,
            first=first[key] + 1,
            label=_label(line),
        )

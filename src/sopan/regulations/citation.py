"""Reading a ``dasar_hukum`` line as a citation of one legal instrument.

PURE: no Django import. ``parse_citation`` turns the ways Indonesian offices write a legal
basis ("UU No. 25 Tahun 2009 tentang ...", "Perpres 16/2018", "Permenpan No.
PER/21/M.PAN/11/2008", "Peraturan Daerah Kabupaten X Nomor 3 Tahun 2019 ...") into a
:class:`Citation` with the instrument's type in its long and short form, its number, year and
subject. Only the first instrument of a line is read: "jo." and "sebagaimana telah diubah"
tails name amendments, which the register links separately. A line that names no instrument
with a number or year ("dst.", free text) gives ``None``: a citation is never guessed.

``citation_key`` gives the text the register matches on, so "PermenPANRB No. 35 Tahun 2012"
and "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun
2012" find the same regulation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Citation", "citation_key", "normalise_jenis", "parse_citation"]


@dataclass(frozen=True, slots=True)
class Citation:
    jenis: str  # long form, e.g. "Peraturan Pemerintah"
    jenis_singkat: str  # e.g. "PP"
    nomor: str  # text: "37", "PER/21/M.PAN/11/2008"; "" when the instrument has none (UUD)
    tahun: int
    tentang: str | None = None

    @property
    def label(self) -> str:
        """Short label, e.g. ``PP 37/2007`` or ``Permenpan PER/21/M.PAN/11/2008``."""
        if not self.nomor:
            return f"{self.jenis_singkat} {self.tahun}"
        if self.nomor.isdigit():
            return f"{self.jenis_singkat} {self.nomor}/{self.tahun}"
        return f"{self.jenis_singkat} {self.nomor}"


# Abbreviations at the start of a line, keyed by lower-case letters only (so "Perpres",
# "PERPRES" and "Per-pres" agree), mapped to the long form they stand for.
_ALIASES: dict[str, str] = {
    "uu": "Undang-Undang",
    "uud": "Undang-Undang Dasar",
    "perppu": "Peraturan Pemerintah Pengganti Undang-Undang",
    "perpu": "Peraturan Pemerintah Pengganti Undang-Undang",
    "pp": "Peraturan Pemerintah",
    "perpres": "Peraturan Presiden",
    "keppres": "Keputusan Presiden",
    "kepres": "Keputusan Presiden",
    "inpres": "Instruksi Presiden",
    "permen": "Peraturan Menteri",
    "permenpanrb": "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
    "permenpan": "Peraturan Menteri Negara Pendayagunaan Aparatur Negara",
    "kepmenpan": "Keputusan Menteri Negara Pendayagunaan Aparatur Negara",
    "kepmenpanrb": "Keputusan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
    "permendagri": "Peraturan Menteri Dalam Negeri",
    "permenkeu": "Peraturan Menteri Keuangan",
    "pmk": "Peraturan Menteri Keuangan",
    "permenkes": "Peraturan Menteri Kesehatan",
    "kepmen": "Keputusan Menteri",
    "perda": "Peraturan Daerah",
    "perbup": "Peraturan Bupati",
    "perwali": "Peraturan Wali Kota",
    "perwalkot": "Peraturan Wali Kota",
    "pergub": "Peraturan Gubernur",
    "perka": "Peraturan Kepala",
    "perban": "Peraturan Badan",
    "perba": "Peraturan Badan",
    "se": "Surat Edaran",
}

# The words a legal instrument's type starts with once abbreviations are expanded.
_HEADS = ("Undang-Undang", "Peraturan", "Keputusan", "Instruksi", "Surat Edaran")

# Long form (or its start) → short form, longest first. The third value names a word the
# long prefix shares with the issuer ("Peraturan Badan" + "Pusat Statistik" → "Perban BPS").
_SHORT_FORMS: list[tuple[str, str, str]] = sorted(
    [
        ("Undang-Undang Dasar", "UUD", ""),
        ("Undang-Undang", "UU", ""),
        ("Peraturan Pemerintah Pengganti Undang-Undang", "Perppu", ""),
        ("Peraturan Pemerintah", "PP", ""),
        ("Peraturan Presiden", "Perpres", ""),
        ("Keputusan Presiden", "Keppres", ""),
        ("Instruksi Presiden", "Inpres", ""),
        (
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
            "PermenPANRB",
            "",
        ),
        ("Peraturan Menteri Negara Pendayagunaan Aparatur Negara", "Permenpan", ""),
        ("Peraturan Menteri Pendayagunaan Aparatur Negara", "Permenpan", ""),
        (
            "Keputusan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
            "KepmenPANRB",
            "",
        ),
        ("Keputusan Menteri Negara Pendayagunaan Aparatur Negara", "Kepmenpan", ""),
        ("Keputusan Menteri Pendayagunaan Aparatur Negara", "Kepmenpan", ""),
        ("Peraturan Menteri Dalam Negeri", "Permendagri", ""),
        ("Peraturan Menteri Keuangan", "PMK", ""),
        ("Peraturan Menteri Kesehatan", "Permenkes", ""),
        ("Peraturan Menteri", "Permen", ""),
        ("Keputusan Menteri", "Kepmen", ""),
        ("Peraturan Daerah", "Perda", ""),
        ("Peraturan Bupati", "Perbup", ""),
        ("Peraturan Wali Kota", "Perwali", ""),
        ("Peraturan Gubernur", "Pergub", ""),
        ("Peraturan Kepala", "Perka", ""),
        ("Keputusan Kepala", "Kepka", ""),
        ("Peraturan Badan", "Perban", "Badan"),
        ("Surat Edaran", "SE", ""),
    ],
    key=lambda row: -len(row[0]),
)

# Issuers written as acronyms, expanded so the long and the short spelling match.
_ISSUERS: dict[str, str] = {
    "BPS": "Badan Pusat Statistik",
    "ANRI": "Arsip Nasional Republik Indonesia",
    "BNPB": "Badan Nasional Penanggulangan Bencana",
    "BKN": "Badan Kepegawaian Negara",
    "LAN": "Lembaga Administrasi Negara",
    "BPKP": "Badan Pengawasan Keuangan dan Pembangunan",
    "BPOM": "Badan Pengawas Obat dan Makanan",
    "BSSN": "Badan Siber dan Sandi Negara",
    "PANRB": "Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
    "PAN": "Pendayagunaan Aparatur Negara",
    "Kab.": "Kabupaten",
    "Kab": "Kabupaten",
    "Prov.": "Provinsi",
    "Prov": "Provinsi",
    "Kota.": "Kota",
}
_ISSUER_SHORT = {
    long: short for short, long in _ISSUERS.items() if short.isupper() and short != "PAN"
} | {"Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi": "MenPANRB"}

_LIST_MARKER = re.compile(r"^\s*(?:[-•*·]|\(?(?:\d{1,3}|[a-zA-Z])[.)])\s+")
# Where the first instrument's text ends: amendments and joint readings follow.
_TAIL = re.compile(
    r"[,;]?\s*(?:\bjo\b\.?|\bjuncto\b|\bsebagaimana\b|\byang\s+telah\s+(?:beberapa\s+kali\s+)?"
    r"diubah\b|\b(?:beserta|dan)\s+(?:segala\s+)?perubahannya\b|\bserta\s+perubahannya\b)",
    re.IGNORECASE,
)
_TENTANG = re.compile(r"\btentang\b\s*:?", re.IGNORECASE)
_NOMOR_WORD = r"(?:Nomor|Nomer|No\.?|Nr\.?)"
_TAHUN_WORD = r"(?:Tahun|Thn\.?|Th\.?)"
_WITH_NUMBER = re.compile(
    rf"^(?P<jenis>.+?)\s*\b{_NOMOR_WORD}\s*:?\s*(?P<nomor>.+?)"
    rf"(?:\s*,?\s*\b{_TAHUN_WORD}\s*(?P<tahun>\d{{4}}))?$",
    re.IGNORECASE,
)
_SLASH_ONLY = re.compile(r"^(?P<jenis>.+?)\s+(?P<nomor>\d+[A-Za-z]?)\s*/\s*(?P<tahun>\d{4})$")
_YEAR_ONLY = re.compile(rf"^(?P<jenis>.+?)\s*\b{_TAHUN_WORD}\s*(?P<tahun>\d{{4}})$", re.IGNORECASE)
_NUMBER_SLASH_YEAR = re.compile(r"^(?P<nomor>\d+[A-Za-z]?)\s*/\s*(?P<tahun>\d{4})$")
_YEAR_IN_NUMBER = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_REPUBLIK = re.compile(r"\s+(?:Negara\s+)?(?:Republik\s+Indonesia|RI)$", re.IGNORECASE)


def parse_citation(line: str) -> Citation | None:
    """Read the first legal instrument cited in ``line``; ``None`` when it names none."""
    text = _clean(line)
    if not text:
        return None
    head, tentang = _split_tentang(text)
    found = _number_and_year(head)
    if found is None:
        return None
    jenis_text, nomor, tahun = found
    jenis = normalise_jenis(jenis_text)
    if jenis is None:
        return None
    return Citation(
        jenis=jenis,
        jenis_singkat=_short_form(jenis),
        nomor=nomor,
        tahun=tahun,
        tentang=tentang,
    )


def citation_key(c: Citation) -> str:
    """The text two citations of the same instrument share (type, number, year)."""
    return f"{_jenis_key(c.jenis)}|{_nomor_key(c.nomor)}|{c.tahun}"


def normalise_jenis(text: str) -> str | None:
    """``"Perda Kab. Poso"`` → ``"Peraturan Daerah Kabupaten Poso"``; ``None`` if not a type."""
    words = _expand_alias(_spaces(text).strip(" ,.:;"))
    if words is None:
        return None
    base, issuer = words
    issuer = _expand_issuer(issuer)
    jenis = _dedupe_adjacent(f"{base} {issuer}".strip())
    if not jenis.endswith("Arsip Nasional Republik Indonesia"):
        jenis = _REPUBLIK.sub("", jenis)
    return jenis


def _clean(line: str) -> str:
    text = _spaces(line.replace("\u2013", "-").replace("\u2014", "-"))
    text = _LIST_MARKER.sub("", text)
    tail = _TAIL.search(text)
    if tail is not None and tail.start() > 0:
        text = text[: tail.start()]
    return text.strip(" ,;.")


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _split_tentang(text: str) -> tuple[str, str | None]:
    match = _TENTANG.search(text)
    if match is None:
        return text.strip(" ,"), None
    tentang = text[match.end() :].strip(" ,;.:")
    return text[: match.start()].strip(" ,"), tentang or None


def _number_and_year(head: str) -> tuple[str, str, int] | None:
    match = _WITH_NUMBER.match(head)
    if match is not None:
        nomor = match["nomor"].strip(" ,.:")
        if match["tahun"]:
            return match["jenis"], nomor, int(match["tahun"])
        slash = _NUMBER_SLASH_YEAR.match(nomor)
        if slash is not None:
            return match["jenis"], slash["nomor"], int(slash["tahun"])
        years = _YEAR_IN_NUMBER.findall(nomor)
        if not years:
            return None
        return match["jenis"], nomor, int(years[-1])
    match = _SLASH_ONLY.match(head)
    if match is not None:
        return match["jenis"], match["nomor"], int(match["tahun"])
    match = _YEAR_ONLY.match(head)
    if match is not None:
        return match["jenis"], "", int(match["tahun"])
    return None


def _letters(word: str) -> str:
    return re.sub(r"[^a-z]", "", word.lower())


def _expand_alias(text: str) -> tuple[str, str] | None:
    """Split into (long type, issuer text), expanding an abbreviation at the start."""
    text = re.sub(r"(?i)\b(permen|kepmen|men)\s*-?\s*pan\s*[-&]?\s*rb\b", r"\1PANRB", text)
    text = re.sub(r"(?i)\bpan\s*[-&]?\s*rb\b", "PANRB", text)
    text = re.sub(r"(?i)\bundang[\s-]+undang\b", "Undang-Undang", text)
    text = re.sub(r"(?i)\bwali\s*kota\b", "Wali Kota", text)
    first, _, rest = text.partition(" ")
    alias = _ALIASES.get(_letters(first))
    if alias is not None:
        return alias, rest
    for head in _HEADS:
        if text.lower().startswith(head.lower()) and (
            len(text) == len(head) or text[len(head)] == " "
        ):
            return _title_words(text[: len(head)], head), text[len(head) :].strip()
    return None


def _title_words(written: str, canonical: str) -> str:
    # The type words take their canonical spelling; the issuer keeps the writer's.
    return canonical if written.lower() == canonical.lower() else written


def _expand_issuer(issuer: str) -> str:
    words = [_ISSUERS.get(word, word) for word in issuer.split()]
    text = " ".join(words)
    for base in ("Pemerintah", "Presiden", "Daerah", "Menteri", "Kepala", "Badan", "Dasar"):
        # "Peraturan Pemerintah" written in capitals keeps its canonical spelling.
        text = re.sub(rf"^{base}\b", base, text, flags=re.IGNORECASE)
    return text


def _dedupe_adjacent(text: str) -> str:
    # "Perban" + "BPS" → "Peraturan Badan" + "Badan Pusat Statistik": keep one "Badan".
    return re.sub(r"\b(\w+) \1\b", r"\1", text)


def _short_form(jenis: str) -> str:
    for long, short, carry in _SHORT_FORMS:
        if jenis == long:
            return short
        if jenis.startswith(long + " "):
            issuer = jenis[len(long) + 1 :]
            if carry:
                issuer = f"{carry} {issuer}"
            return f"{short} {_ISSUER_SHORT.get(issuer, issuer)}"
    base, _, issuer = jenis.partition(" ")
    return f"{base} {_ISSUER_SHORT.get(issuer, issuer)}".strip()


def _jenis_key(jenis: str) -> str:
    text = jenis.lower()
    # One ministry under two names: "Menteri Negara PAN" (to 2009) and "Menteri PAN dan RB".
    text = text.replace("menteri negara ", "menteri ")
    text = text.replace(" dan reformasi birokrasi", "")
    return re.sub(r"[^a-z0-9]", "", text)


def _nomor_key(nomor: str) -> str:
    text = re.sub(r"\s+", "", nomor.upper())
    return str(int(text)) if text.isdigit() else text

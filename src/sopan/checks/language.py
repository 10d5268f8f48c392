"""Family "bahasa": plain Indonesian in the SOP text (codes BHS...).

PermenPANRB 35/2012 and Permendagri 52/2011 put *kemudahan dan kejelasan* first among the
drafting principles: an SOP is read by the people who carry it out, so each activity is one
clear action ("Memeriksa berkas"), measurable words are used instead of vague ones, terms and
acronyms are explained and each actor has one name. The rules here check what can be checked
from the text alone, with Indonesian language resources (PySastrawi's stemmer, root-word and
stop-word lists) and small word lists shipped in ``checks/data``.

Heuristics, and their limits (the rules prefer missing a problem to reporting a wrong one):

- **BHS001/BHS002 - kegiatan not starting with an active verb.** The first words of a
  ``kegiatan`` are read left to right (at most ten). A meN-/memper- word that is not itself a
  root word ("menerima", "memperbaiki", but not "media", "meja", "menteri"), a ber- word
  built on a root ("berkoordinasi", not "berkas", "berita") or a common bare verb (datang,
  hadir, kembali, masuk, ...) means the sentence is active: nothing is reported. So an
  actor named as subject is fine ("Petugas layanan menerima pengaduan"). A di- word built on
  a root ("diperiksa", "diserahkan", "diperbaiki") found first is passive (BHS001) unless it
  follows "yang" (a relative clause: "berkas yang diterima") or sits inside a clause opened by
  setelah/jika/apabila/... up to its comma; a ter- word ("tercatat", "tersedia") is reported
  only as the very first word. A first word that is a pe(N)-an/per-an nominalisation
  ("Pemeriksaan", "Penyerahan") or a listed loan noun ("Verifikasi") with no active verb in
  the next five words is a noun phrase (BHS002); nouns that are not actions (peraturan,
  pengadilan, pendidikan, ...) are not. Other bare noun phrases ("Surat masuk") are not
  reported: they cannot be told from an actor-subject without a parser.
  The rewrite is built from the stem PySastrawi gives, checked by rebuilding the word from
  it (peN- + stem + -an must give the word back, so "pengetikan" wrongly stemmed to "keti" is
  dropped), with the meN- allomorph: mem- (b, f, v, p), men- (c, d, j, t, z), meng- (vowels,
  g, h, k), meny- (s), me- (l, m, n, r, w, y), menge- (one syllable: mengecek); initial
  k/p/t/s drop before a vowel (memeriksa, menerima, mengirim, menyusun) but not in a cluster
  (memproses, mengklarifikasi). The verb suffix lost in the noun (-kan, -i) comes from
  ``data/verba.txt`` (serah kan: penyerahan -> menyerahkan); the same file lists the words
  no rule derives (persetujuan -> menyetujui, pengesahan -> mengesahkan). "X di-verb oleh Y"
  becomes "Y meN-verb X"; "Pemeriksaan X oleh Y" becomes "Y memeriksa X".
- **BHS003 - long sentences**: words per sentence in ``kegiatan`` and ``keterangan`` above the
  threshold ``kalimat_maks_kata`` (default 35). Sentences end at . ! ? before a capital or
  digit, at ; and at a blank line. No readability formula: the ones in use are calibrated
  for English.
- **BHS004 - vague words** (``data/kata_kabur.txt`` plus ``kata_kabur_tambahan``) in
  kegiatan, kelengkapan, output, waktu, keterangan, tujuan and ruang lingkup. "segera" after
  "sangat" or "(ber)sifat" is the official urgency class of a letter, not vague.
- **BHS005 - undefined acronyms**: a token with two capitals in one hyphen part ("KTP-el",
  "SP4N-LAPOR!", "PPK-SKPD"; not "Senin-Kamis", not Roman numerals, not a capitalised
  ordinary word such as "WAJIB" or "LAPOR") used in the SOP but defined nowhere. Defined means:
  named in a ``definisi`` istilah, written in brackets after or before its expansion
  ("Kartu Keluarga (KK)", "SIAK (Sistem Informasi ...)"), spelled out by the initials of
  capitalised words anywhere in the document ("Badan Pusat Statistik" for BPS), listed in
  ``data/akronim_umum.txt`` or in ``akronim_dikenal``. Reported once, where first used.
  Identity fields that are names or numbers (nomor, instansi, unit, the signer's name,
  dasar hukum, file names) are not read.
- **BHS006 - a person instead of a position** as an actor: Bapak/Ibu/Sdr./..., academic
  titles (S.Kom., M.Si., Dr., Ir., S.STP) or an 18-digit NIP. "Ibu hamil" and similar
  roles of the public are not names.
- **BHS007 - one actor or term, several spellings**: two actors that differ only in case,
  spaces, punctuation or a shortened position title (Kasi = Kepala Seksi, from
  ``data/singkatan_jabatan.txt``); an actor written with the other form in the text ("Kasi"
  in the column, "kepala seksi" in the activity); an actor of two or more words written in
  the text with the same head word and the other words differing only in affixes ("Petugas
  Layanan" / "Petugas pelayanan"); a ``definisi`` istilah or actor written with other
  spaces or hyphens ("KTP-el" / "KTP el"); two forms of a term in ``data/varian_istilah.txt``
  (KTP-el / e-KTP).
- **BHS008 - misspelt standard labels** ("Mutu Buku", "Tdk") and **BHS009 - non-standard
  spelling** (ijin, antrian, resiko, ...), from ``data/label_baku.txt`` and
  ``data/ejaan_tidak_baku.txt``.

Performance: the Sastrawi stemmer and word lists are built once, on first use; stems and
the kegiatan analysis are cached (``functools.lru_cache``); every regular expression is
compiled once (those built from an instansi's configuration are cached by its word list).
The texts of a document are collected once per check run and shared by the rules.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple, TypeVar

from sopan.checks.base import CheckContext, Finding, Location, rule
from sopan.checks.severity import Severity
from sopan.document import SopDocument
from sopan.i18n import gettext_noop as N

FAMILY = "bahasa"
DATA = Path(__file__).resolve().parent / "data"

DEFAULT_SENTENCE_WORDS = 35

# ---------------------------------------------------------------------------------------------
# Language resources, loaded once on first use


def _data_lines(name: str) -> list[str]:
    lines = []
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


def _pairs(name: str, separator: str = "=") -> list[tuple[str, str]]:
    pairs = []
    for line in _data_lines(name):
        left, _, right = line.partition(separator)
        pairs.append((left.strip(), right.strip()))
    return pairs


@cache
def _sastrawi() -> tuple[Any, frozenset[str]]:
    """PySastrawi's stemmer (without its own cache: ``stem`` caches) and its root words."""
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    words = [w for w in StemmerFactory().get_words() if w]
    return Stemmer(ArrayDictionary(words)), frozenset(words)


@cache
def _stop_words() -> frozenset[str]:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    return frozenset(StopWordRemoverFactory().get_stop_words())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The root of an Indonesian word (lower case), by PySastrawi."""
    return str(_sastrawi()[0].stem_word(word.lower()))


def is_root(word: str) -> bool:
    """Whether ``word`` (lower case) is in PySastrawi's root-word list."""
    return word in _sastrawi()[1]


@cache
def _verb_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(stem -> suffix of its active verb, word -> active verb) from ``data/verba.txt``."""
    suffixes: dict[str, str] = {}
    irregular: dict[str, str] = {}
    for line in _data_lines("verba.txt"):
        if "=" in line:
            word, _, verb = line.partition("=")
            irregular[word.strip().lower()] = verb.strip()
        else:
            base, _, suffix = line.rpartition(" ")
            suffixes[base.strip().lower()] = suffix.strip()
    return suffixes, irregular


# ---------------------------------------------------------------------------------------------
# Morphology: meN- and peN- with their allomorphs

_VOWELS = frozenset("aiueo")
_VOWEL_GROUP = re.compile(r"[aiueo]+")
# Stems whose k or p stays (mengkaji "study", not mengaji "recite"; mempunyai).
_KEEP_INITIAL = {"kaji": "mengkaji", "punya": "mempunya"}


@cache
def _hyphenator() -> Any:
    import pyphen

    return pyphen.Pyphen(lang="id_ID", left=1, right=1)


@lru_cache(maxsize=16384)
def syllables(word: str) -> int:
    """Syllables of an Indonesian word, from pyphen's ``id_ID`` patterns (bu-at: 2, cek: 1)."""
    if len(_VOWEL_GROUP.findall(word)) == len(re.findall(r"[aiueo]", word)) == 1:
        return 1
    return len(_hyphenator().positions(word)) + 1


@lru_cache(maxsize=16384)
def men(base: str) -> str:
    """meN- + ``base`` with the right allomorph: periksa -> memeriksa, cek -> mengecek."""
    s = base.lower()
    if not s:
        return s
    if s in _KEEP_INITIAL:
        return _KEEP_INITIAL[s]
    if syllables(s) == 1:
        return "menge" + s
    first = s[0]
    cluster = len(s) > 1 and s[1] not in _VOWELS
    if first in _VOWELS or first in "gh":
        return "meng" + s
    if first == "k":
        return "meng" + (s if cluster else s[1:])
    if first in "bfv":
        return "mem" + s
    if first == "p":
        return "mem" + (s if cluster else s[1:])
    if first in "cdjz":
        return "men" + s
    if first == "t":
        return "men" + (s if cluster else s[1:])
    if first == "s":
        return "men" + s if cluster else "meny" + s[1:]
    return "me" + s


def pen(base: str) -> str:
    """peN- + ``base`` (the noun prefix mirrors meN-): periksa -> pemeriksa."""
    return "pe" + men(base)[2:]


_ENCLITICS = ("kannya", "inya", "nya")
_NOT_ACTIONS = frozenset(
    {
        "pengadilan",
        "pemerintahan",
        "pendidikan",
        "pendapatan",
        "pelabuhan",
        "pemukiman",
        "penghasilan",
        "perusahaan",
        "peraturan",
        "perempuan",
        "pekerjaan",
        "persyaratan",
        "pertanyaan",
        "pernyataan",
        "peralatan",
        "perlengkapan",
        "perjanjian",
        "pengetahuan",
        "pelanggan",
        "pedesaan",
        "perkotaan",
        "perumahan",
        "perbankan",
        "pertanahan",
        "perpustakaan",
        "pemerintah",
        "penduduk",
        "pendapat",
        "penjelasan",
        "pengalaman",
        "pelatihan",
        "pendaratan",
        "pengantar",
        "perbendaharaan",
        "keuangan",
        "penganggaran",
    }
)
# Verbs without an affix that are actions on their own (masuk, keluar, kembali are left
# out: "surat masuk", "diserahkan kembali").
_BARE_VERBS = frozenset(
    {
        "datang",
        "pergi",
        "pulang",
        "tiba",
        "hadir",
        "ikut",
        "naik",
        "turun",
        "login",
        "logout",
        "selesai",
        "mulai",
        "pindah",
        "tunggu",
        "antre",
        "antri",
        "duduk",
        "singgah",
        "",
    }
)
_NOT_VERBS = frozenset({"mereka"})


@lru_cache(maxsize=16384)
def is_active(word: str) -> bool:
    """Whether ``word`` (lower case) reads as an active verb (meN-, memper-, ber-, bare)."""
    if word in _BARE_VERBS:
        return True
    if word in _NOT_VERBS:
        return False
    if word.startswith("me") and len(word) > 4:
        return not is_root(word)
    if word.startswith("ber") and len(word) > 5 and not is_root(word):
        base = stem(word)
        return base != word and is_root(base)
    return False


def _strip_enclitic(word: str) -> str:
    for enclitic in _ENCLITICS:
        if word.endswith(enclitic) and len(word) > len(enclitic) + 3:
            return word[: -len(enclitic)] + ("kan" if enclitic == "kannya" else "")
    return word


@lru_cache(maxsize=16384)
def passive_to_active(word: str) -> str | None:
    """For a di- verb (lower case) its active form ("" when it cannot be derived); ``None``
    when ``word`` is not a di- verb: diperiksa -> memeriksa, diperbaiki -> memperbaiki."""
    _, irregular = _verb_tables()
    if word in irregular and word.startswith("di") and not is_root(word):
        return irregular[word]
    if not word.startswith("di") or len(word) < 5 or is_root(word):
        return None
    base = stem(word)
    if base == word or not is_root(base):
        return None
    rest = _strip_enclitic(word[2:])
    if rest.startswith(base) and rest[len(base) :] in ("", "kan", "i"):
        return men(base) + rest[len(base) :]
    if rest.startswith("per") and rest[3:].startswith(base):
        return "mem" + rest
    return ""


@lru_cache(maxsize=16384)
def is_ter_form(word: str) -> bool:
    """A ter- word built on a root (tercatat, tersedia); "terima", "terbit" are roots."""
    if not word.startswith("ter") or len(word) < 6 or is_root(word):
        return False
    base = stem(word)
    return base != word and is_root(base) and word[3:].startswith(base)


@lru_cache(maxsize=16384)
def nominal_to_verb(word: str) -> str | None:
    """For a nominalisation (lower case) its active verb: pemeriksaan -> memeriksa,
    penyerahan -> menyerahkan, persetujuan -> menyetujui; ``None`` when it is not one."""
    suffixes, irregular = _verb_tables()
    if word in irregular and not _is_passive_key(word):
        return irregular[word]
    if word in _NOT_ACTIONS or len(word) < 7 or not word.startswith("pe"):
        return None
    if not word.endswith("an") or is_root(word):
        return None
    base = stem(word)
    if base == word or not is_root(base) or pen(base) + "an" != word:
        return None
    return men(base) + suffixes.get(base, "")


def _is_passive_key(word: str) -> bool:
    return word.startswith(("di", "ter")) and not is_root(word)


# ---------------------------------------------------------------------------------------------
# BHS001 / BHS002: the analysis of one kegiatan

_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_SUBORDINATORS = frozenset(
    {
        "setelah",
        "sesudah",
        "sebelum",
        "jika",
        "apabila",
        "bila",
        "kalau",
        "ketika",
        "saat",
        "sewaktu",
        "selama",
        "sambil",
        "untuk",
        "agar",
        "supaya",
        "karena",
        "sehingga",
        "hingga",
        "sampai",
        "bahwa",
        "dalam",
    }
)
_ASPECT = frozenset({"telah", "sudah", "belum", "akan", "sedang", "tidak", "harus"})
_AGENT_END = re.compile(
    r"[,;:.()]|\s(?:untuk|dan|atau|ke|kepada|di|dengan|sesuai|melalui|pada|yang|dalam|serta"
    r"|lalu|kemudian|agar|sebelum|setelah|paling|selambat-lambatnya|sebagai)\b",
    re.IGNORECASE,
)
_OLEH = re.compile(r"\s+oleh\s+", re.IGNORECASE)
_LIST_MARKER = re.compile(r"^\s*(?:[-•*]|\(?(?:\d{1,3}|[a-zA-Z])[.)])\s+")
_WINDOW = 10


@dataclass(frozen=True)
class Verdict:
    kind: Literal["pasif", "nomina"]
    word: str
    suggestion: str | None


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    """Lower the first letter of an ordinary sentence start ("Berkas permohonan"), not of
    a name or an acronym ("Surat Keputusan", "SK Bupati")."""
    words = text.split()
    if not words:
        return text
    first = words[0]
    if len(first) > 1 and first[1:].islower() and (len(words) == 1 or words[1][:1].islower()):
        return text[:1].lower() + text[1:]
    return text


def _join(*parts: str) -> str:
    text = " ".join(p.strip() for p in parts if p and p.strip())
    return re.sub(r"\s+([,;:.)])", r"\1", re.sub(r"\s+", " ", text)).strip()


def _split_agent(after: str) -> tuple[str, str] | None:
    """``after`` starts with "oleh AGENT ..."; (agent, rest) or ``None``."""
    match = _OLEH.match(after)
    if match is None:
        return None
    tail = after[match.end() :]
    end = _AGENT_END.search(tail)
    agent = (tail[: end.start()] if end else tail).strip()
    return (agent, tail[end.start() :] if end else "") if agent else None


def _rewrite_passive(text: str, start: int, end: int, active: str) -> str | None:
    if not active:
        return None
    subject = text[:start].strip()
    clause = ""
    if "," in subject:  # "Apabila berkas lengkap, diteruskan ..." keeps its opening clause
        cut = subject.rindex(",") + 1
        clause, subject = subject[:cut], subject[cut:].strip()
    after = text[end:]
    agent = _split_agent(after)
    if agent is not None:
        who, rest = agent
        who = who if clause else _upper_first(who)
        return _join(clause, who, active, _lower_first(subject), rest)
    verb = active if clause else _upper_first(active)
    return _join(clause, verb, _lower_first(subject), after)


def _rewrite_nominal(word: str, text: str, end: int, verb: str) -> str:
    rest = text[end:]
    if word == "koordinasi" and rest.strip().lower().startswith("dengan"):
        verb = "berkoordinasi"
    match = _OLEH.search(rest)
    if match is not None:
        agent = _split_agent(rest[match.start() :])
        if agent is not None:
            who, after = agent
            return _join(_upper_first(who), verb, rest[: match.start()], after)
    return _join(_upper_first(verb), rest)


@lru_cache(maxsize=16384)
def analyse_kegiatan(text: str) -> Verdict | None:
    """Whether a kegiatan starts with something other than an active verb (see the module
    docstring); ``None`` when it is fine or cannot be told."""
    text = _LIST_MARKER.sub("", text).strip()
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, 0, 400)]
    if not words:
        return None
    in_clause = False
    previous_end = 0
    for i, (word, start, end) in enumerate(words[:_WINDOW]):
        lower = word.lower()
        if any(mark in text[previous_end:start] for mark in ",;:"):
            in_clause = False
        previous_end = end
        if lower in _SUBORDINATORS:
            in_clause = True
            continue
        if in_clause:
            continue
        if is_active(lower):
            return None
        before = words[i - 1][0].lower() if i else ""
        if before == "yang" or (before in _ASPECT and i > 1 and words[i - 2][0].lower() == "yang"):
            continue
        active = passive_to_active(lower)
        if active is not None:
            return Verdict("pasif", word, _rewrite_passive(text, start, end, active))
        if i == 0 and is_ter_form(lower):
            return Verdict("pasif", word, None)
    first, _, first_end = words[0]
    verb = nominal_to_verb(first.lower())
    following = (w.lower() for w, _, _ in words[1:6])
    if verb is None or any(w not in _BARE_VERBS and is_active(w) for w in following):
        return None
    return Verdict("nomina", first, _rewrite_nominal(first.lower(), text, first_end, verb))


# ---------------------------------------------------------------------------------------------
# The texts of a document, collected once per check run

VAGUE = 1  # fields where vague words are reported (BHS004)
PROSE = 2  # read for acronyms, other spellings and non-standard spelling
SEARCH = 4  # searched for other spellings of actors and terms (BHS007)
LONG = 8  # sentence length (BHS003)
ANY = 16  # every text (labels, BHS008)

_STEP_FIELDS = (
    ("kegiatan", VAGUE | PROSE | SEARCH | LONG | ANY),
    ("kelengkapan", VAGUE | PROSE | SEARCH | ANY),
    ("waktu", VAGUE | ANY),
    ("output", VAGUE | PROSE | SEARCH | ANY),
    ("keterangan", VAGUE | PROSE | SEARCH | LONG | ANY),
)


class Text(NamedTuple):
    text: str
    path: tuple[str | int, ...]  # the key path in the file
    flags: int
    step: str | None = None  # the step id for a step's field

    @property
    def field(self) -> str:
        """ "kegiatan" (in a step), "tujuan", "ruang_lingkup.cakupan", "pelaksana.2.nama"..."""
        if self.step is not None:
            return str(self.path[2])
        return ".".join(str(p) for p in self.path)


def document_texts(document: SopDocument) -> list[Text]:
    """Every text of the document that a language rule reads, in file order."""
    texts: list[Text] = []
    append = texts.append
    prose = PROSE | SEARCH | ANY  # free text that may name actors and terms

    def add(value: str | None, flags: int, path: tuple[str | int, ...]) -> None:
        if value and not value.isspace():
            append(Text(value, path, flags))

    add(document.nama, PROSE | ANY, ("nama",))
    add(document.disahkan_oleh.jabatan, ANY, ("disahkan_oleh", "jabatan"))
    add(document.tujuan, VAGUE | prose, ("tujuan",))
    add(document.ruang_lingkup.cakupan, VAGUE | prose, ("ruang_lingkup", "cakupan"))
    for i, item in enumerate(document.ruang_lingkup.pengecualian):
        add(item, VAGUE | prose, ("ruang_lingkup", "pengecualian", i))
    for i, definisi in enumerate(document.definisi):
        add(definisi.arti, PROSE | ANY, ("definisi", i, "arti"))
    for name in ("kualifikasi_pelaksana", "peralatan", "peringatan", "pencatatan"):
        for i, item in enumerate(getattr(document, name)):
            add(item, prose, (name, i))
    for i, link in enumerate(document.keterkaitan):
        if isinstance(link, str):
            add(link, prose, ("keterkaitan", i))
        else:
            add(link.hubungan, prose, ("keterkaitan", i, "hubungan"))
    for i, actor in enumerate(document.pelaksana):
        add(actor.nama, PROSE | ANY, ("pelaksana", i, "nama"))
    for i, step in enumerate(document.langkah):
        step_id = step.step_id
        for name, flags in _STEP_FIELDS:
            value = getattr(step, name)
            if value is None:
                continue
            for entry in (value,) if isinstance(value, str) else value:
                if entry and not entry.isspace():
                    append(Text(entry, ("langkah", i, name), flags, step_id))
        for j, branch in enumerate(step.cabang):
            if branch.label and not branch.label.isspace():
                append(Text(branch.label, ("langkah", i, "cabang", j), PROSE | ANY, step_id))
    for i, indikator in enumerate(document.indikator):
        add(indikator.nama, prose, ("indikator", i, "nama"))
        add(indikator.rumus, prose, ("indikator", i, "rumus"))
        add(indikator.target, prose, ("indikator", i, "target"))
    add(document.pelaporan.kepada, prose, ("pelaporan", "kepada"))
    for i, eskalasi in enumerate(document.eskalasi):
        add(eskalasi.kondisi, prose, ("eskalasi", i, "kondisi"))
        add(eskalasi.tindakan, prose, ("eskalasi", i, "tindakan"))
        add(eskalasi.kepada, prose, ("eskalasi", i, "kepada"))
    for i, lampiran in enumerate(document.lampiran):
        add(lampiran.nama, PROSE | ANY, ("lampiran", i, "nama"))
    for i, riwayat in enumerate(document.riwayat):
        add(riwayat.ringkasan, ANY, ("riwayat", i, "ringkasan"))
        add(riwayat.alasan, ANY, ("riwayat", i, "alasan"))
    return texts


T = TypeVar("T")


def _memo(context: CheckContext, key: str, build: Callable[[], T]) -> T:
    """A value computed once per check run and shared by the rules of this family."""
    store = vars(context)
    name = f"_bahasa_{key}"
    if name not in store:
        store[name] = build()
    value: T = store[name]
    return value


_SEPARATOR = "\x00"  # between texts when joined: no pattern here matches across it
_ALNUM_WORD = re.compile(r"[0-9a-z]+")
# Splitting on white space after this gives the same words as _ALNUM_WORD, faster.
_PUNCTUATION_TO_SPACE = str.maketrans(
    dict.fromkeys("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\x00“”‘’–—…«»•", " ")
)


def _lower(text: str) -> str:
    """Lower case with the same length (a few Unicode letters grow when lowered)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _bounded(text: str, start: int) -> bool:
    """No letter, digit or hyphen right before ``start``: a match starts a word."""
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "-_")


class PhraseList:
    """Fixed phrases found in lower-cased text, cheaply: a phrase is looked for only when all
    its words occur in the document (one set of words per document), and then with a
    pattern that starts with a literal (fast to search)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.entries: list[tuple[frozenset[str], re.Pattern[str]]] = []
        for phrase in {p.strip() for p in phrases if p.strip()}:
            key = _vague_key(phrase)
            words = key.split()
            pattern = r"[\s-]+".join(re.escape(w) for w in words)
            pattern += r"\.?" if phrase.endswith(".") else ""
            needed = frozenset(_ALNUM_WORD.findall(key))
            if needed:
                self.entries.append((needed, re.compile(pattern + r"(?![\w-])")))

    def find(self, lowered: str, words: frozenset[str]) -> list[tuple[int, int]]:
        """(start, end) of every phrase in ``lowered``, longest first where they overlap."""
        spans = []
        for needed, pattern in self.entries:
            if needed <= words:
                spans += [
                    m.span() for m in pattern.finditer(lowered) if _bounded(lowered, m.start())
                ]
        spans.sort(key=lambda span: (span[0], -span[1]))
        kept: list[tuple[int, int]] = []
        for span in spans:
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        return kept


class Corpus:
    """The texts of one document, joined once (lower-cased once), so that one regular
    expression scans them all; a match is mapped back to its text and kept only when that
    text has the flag the rule reads."""

    def __init__(self, document: SopDocument) -> None:
        self.document = document
        self.texts = document_texts(document)
        self.joined = _SEPARATOR.join(t.text for t in self.texts)
        self.lowered = _lower(self.joined)
        starts = []
        position = 0
        for text in self.texts:
            starts.append(position)
            position += len(text.text) + 1
        self.starts = starts
        self._words: frozenset[str] | None = None

    @property
    def words(self) -> frozenset[str]:
        """Every lower-case word (letters and digits) of the document's texts."""
        if self._words is None:
            self._words = frozenset(self.lowered.translate(_PUNCTUATION_TO_SPACE).split())
        return self._words

    def text_at(self, position: int) -> Text:
        return self.texts[bisect_right(self.starts, position) - 1]

    def select(self, flag: int) -> str:
        """The texts with ``flag`` joined (for a source that needs no positions)."""
        return _SEPARATOR.join(t.text for t in self.texts if t.flags & flag)

    def acronyms(self, flag: int) -> Iterator[tuple[Text, str]]:
        """Tokens with two capitals in one hyphen part (see ``_ACRONYM``). Found from a
        cheap pattern (two capitals close together), then widened to the token: much faster
        than one pattern that checks where a token starts."""
        joined = self.joined
        end = 0
        for match in _CAPITALS.finditer(joined):
            start = match.start()
            if start < end:
                continue  # inside the token just read
            while start > 0 and (joined[start - 1].isalnum() or joined[start - 1] == "-"):
                start -= 1
            token = _TOKEN.match(joined, start)
            if token is None:
                continue
            end = token.end()
            text = self.text_at(start)
            if text.flags & flag and _ACRONYM.fullmatch(token.group()):
                yield text, token.group()

    def scan_lower(
        self, flag: int, pattern: re.Pattern[str]
    ) -> Iterator[tuple[Text, str, re.Match[str]]]:
        """Matches of a lower-case ``pattern`` that start a word, with the written text."""
        lowered = self.lowered
        for match in pattern.finditer(lowered):
            start = match.start()
            if _bounded(lowered, start):
                text = self.text_at(start)
                if text.flags & flag:
                    yield text, self.joined[start : match.end()], match

    def phrases(self, flag: int, phrases: PhraseList) -> Iterator[tuple[Text, str]]:
        """Each phrase of ``phrases`` in the texts with ``flag``, with the written text."""
        for start, end in phrases.find(self.lowered, self.words):
            text = self.text_at(start)
            if text.flags & flag:
                yield text, self.joined[start:end]


def _corpus(context: CheckContext) -> Corpus:
    return _memo(context, "corpus", lambda: Corpus(context.document))


def _texts(context: CheckContext) -> list[Text]:
    return _corpus(context).texts


def _location(context: CheckContext, text: Text) -> Location:
    if text.step is not None:
        return context.step_location(text.step, text.field, *text.path[3:])
    return context.field_location(*text.path)


def _step_message(text: Text, in_step: str, elsewhere: str) -> str:
    return in_step if text.step is not None else elsewhere


def _where(text: Text) -> dict[str, str]:
    return {"field": text.field, "step": text.step or ""}


# ---------------------------------------------------------------------------------------------
# BHS001, BHS002


def _kegiatan_verdicts(context: CheckContext) -> list[tuple[str, Verdict]]:
    def build() -> list[tuple[str, Verdict]]:
        found = []
        for step in context.document.langkah:
            if step.kegiatan:
                verdict = analyse_kegiatan(step.kegiatan)
                if verdict is not None:
                    found.append((step.step_id, verdict))
        return found

    return _memo(context, "kegiatan", build)


@rule(
    "BHS001",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Kegiatan dalam kalimat pasif"),
    why=N(
        "Prinsip kemudahan dan kejelasan (PermenPANRB 35/2012): kegiatan ditulis dengan kata "
        "kerja aktif agar jelas siapa melakukan apa; pelakunya adalah pelaksana langkah."
    ),
    bad="kegiatan: Berkas diperiksa oleh Kasi Pelayanan",
    good="kegiatan: Memeriksa berkas    # pelaksana: [kasi]",
)
def passive_kegiatan(context: CheckContext) -> Iterator[Finding]:
    for step_id, verdict in _kegiatan_verdicts(context):
        if verdict.kind != "pasif":
            continue
        location = context.step_location(step_id, "kegiatan")
        if verdict.suggestion:
            yield context.finding(
                "BHS001",
                N("Langkah {step}: kegiatan ditulis dalam bentuk pasif (“{word}”)."),
                N("Tulis dengan kata kerja aktif, misalnya: “{suggestion}”."),
                location,
                step=step_id,
                word=verdict.word,
                suggestion=verdict.suggestion,
            )
        else:
            yield context.finding(
                "BHS001",
                N("Langkah {step}: kegiatan ditulis dalam bentuk pasif (“{word}”)."),
                N(
                    "Tulis dengan kata kerja aktif berawalan me-, mis. “Memeriksa berkas”; "
                    "pelakunya dicantumkan di kolom pelaksana."
                ),
                location,
                step=step_id,
                word=verdict.word,
            )


@rule(
    "BHS002",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Kegiatan berupa frasa benda"),
    why=N(
        "Prinsip kemudahan dan kejelasan (PermenPANRB 35/2012): setiap langkah adalah satu "
        "tindakan, jadi kegiatan diawali kata kerja, bukan kata benda seperti “Pemeriksaan”."
    ),
    bad="kegiatan: Pemeriksaan kelengkapan berkas",
    good="kegiatan: Memeriksa kelengkapan berkas",
)
def nominal_kegiatan(context: CheckContext) -> Iterator[Finding]:
    for step_id, verdict in _kegiatan_verdicts(context):
        if verdict.kind != "nomina":
            continue
        yield context.finding(
            "BHS002",
            N("Langkah {step}: kegiatan diawali kata benda “{word}”, bukan kata kerja."),
            N("Awali dengan kata kerja aktif, misalnya: “{suggestion}”."),
            context.step_location(step_id, "kegiatan"),
            step=step_id,
            word=verdict.word,
            suggestion=verdict.suggestion or "",
        )


# ---------------------------------------------------------------------------------------------
# BHS003: long sentences

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"“])|;|\n\s*\n")
_COUNTED_WORD = re.compile(r"[A-Za-z0-9]+(?:['’./,-][A-Za-z0-9]+)*")


def sentence_lengths(text: str) -> list[int]:
    """Words per sentence."""
    return [len(_COUNTED_WORD.findall(part)) for part in _SENTENCE_END.split(text)]


@rule(
    "BHS003",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Kalimat terlalu panjang"),
    why=N(
        "Prinsip kesederhanaan: hindari kalimat berliku. Kalimat di kegiatan atau keterangan "
        "yang lebih panjang dari ambang kalimat_maks_kata (bawaan 35 kata) sulit diikuti "
        "pelaksana; satu langkah memuat satu kegiatan."
    ),
    bad="kegiatan: Menerima berkas, memeriksa ..., lalu ... (40 kata dalam satu kalimat)",
    good="kegiatan: Memeriksa kelengkapan berkas   # langkah lain untuk tindakan berikutnya",
)
def long_sentences(context: CheckContext) -> Iterator[Finding]:
    limit = int(context.config.threshold("kalimat_maks_kata", DEFAULT_SENTENCE_WORDS))
    for text in _texts(context):
        if not text.flags & LONG or text.text.count(" ") < limit:
            continue  # fewer words than the limit in the whole text
        longest = max(sentence_lengths(text.text), default=0)
        if longest > limit:
            yield context.finding(
                "BHS003",
                N("Langkah {step}: satu kalimat di {field} berisi {count} kata (batas {limit})."),
                N(
                    "Pecah menjadi beberapa kalimat pendek, atau pisahkan tindakan yang berbeda "
                    "menjadi langkah tersendiri."
                ),
                _location(context, text),
                count=longest,
                limit=limit,
                **_where(text),
            )


# ---------------------------------------------------------------------------------------------
# BHS004: vague words

_VAGUE_HINTS = {
    "waktu": N("Sebut batas waktu yang terukur, mis. “paling lama 1 hari kerja”."),
    "daftar": N("Sebut semua butirnya, atau rujuk lampiran yang memuat daftar lengkapnya."),
    "syarat": N("Sebut kriteria kapan tindakan itu dilakukan, mis. “jika nilai di atas ...”."),
    "ukuran": N("Sebut jumlah atau ukuran yang jelas."),
    "cara": N("Sebut cara atau standar yang dirujuk."),
    "lain": N("Ganti dengan ukuran, batas waktu atau kriteria yang dapat diperiksa."),
}


@cache
def _vague_table() -> tuple[PhraseList, dict[str, str]]:
    pairs = _pairs("kata_kabur.txt", "|")
    return PhraseList(p for p, _ in pairs), {_vague_key(p): kind for p, kind in pairs}


_SEPARATORS = re.compile(r"[\s-]+")


@lru_cache(maxsize=8192)
def _vague_key(phrase: str) -> str:
    return _SEPARATORS.sub(" ", phrase.lower()).strip().rstrip(".")


@lru_cache(maxsize=256)
def _extra_vague(words: tuple[str, ...]) -> PhraseList | None:
    return PhraseList(words) if words else None


# "sangat segera", "(ber)sifat segera": the urgency class of a letter, not a vague word.
_URGENCY_CLASS = re.compile(r"(?:sangat|sifat)\s+$", re.IGNORECASE)


@rule(
    "BHS004",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Kata atau frasa kabur"),
    why=N(
        "Prinsip keterukuran: mutu baku dan kegiatan harus dapat diukur. Kata seperti "
        "“segera”, “dll.” atau “jika perlu” tidak menyebut kapan, apa saja atau dalam keadaan "
        "apa pelaksana bertindak."
    ),
    bad="waktu: segera\nkelengkapan: KTP, KK, dll.",
    good="waktu: 1 hari kerja\nkelengkapan: KTP, KK, akta kelahiran",
)
def vague_words(context: CheckContext) -> Iterator[Finding]:
    table, kinds = _vague_table()
    extra = _extra_vague(tuple(context.config.extra_vague_words))
    corpus = _corpus(context)
    seen: set[tuple[int, str]] = set()
    for phrases in (table, extra):
        if phrases is None:
            continue
        for text, word in corpus.phrases(VAGUE, phrases):
            key = _vague_key(word)
            if (id(text), key) in seen:
                continue
            seen.add((id(text), key))
            if key == "segera" and _urgency_class(text.text, word):
                continue
            kind = kinds.get(key, "lain") if phrases is table else "lain"
            yield context.finding(
                "BHS004",
                _step_message(
                    text,
                    N("Langkah {step}: kata kabur “{word}” di {field}."),
                    N("Kata kabur “{word}” di {field}."),
                ),
                _VAGUE_HINTS[kind],
                _location(context, text),
                word=word,
                **_where(text),
            )


def _urgency_class(text: str, word: str) -> bool:
    """Whether every "segera" in ``text`` is a letter's urgency class."""
    lowered = text.lower()
    starts = [m.start() for m in re.finditer(re.escape(word.lower()), lowered)]
    return all(_URGENCY_CLASS.search(lowered, 0, start) for start in starts)


# ---------------------------------------------------------------------------------------------
# BHS005: undefined acronyms

# A token with two capitals in one hyphen-separated part, e.g. KTP-el, SP4N-LAPOR!, PPh.
_ACRONYM = re.compile(
    r"(?<![\w-])(?:[A-Za-z0-9]+-)*[A-Za-z0-9]*[A-Z][a-z0-9]*[A-Z][A-Za-z0-9]*"
    r"(?:-[A-Za-z0-9]+)*!?(?![\w-])"
)
_CAPITALS = re.compile(r"[A-Z][a-z0-9]*[A-Z]")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*!?")
_ACRONYM_AT_END = re.compile(rf"({_ACRONYM.pattern})\s*\Z")
_ROMAN = re.compile(r"[IVXLCDM]+")
_PART_ACRONYM = re.compile(r"[A-Za-z0-9]*[A-Z][a-z0-9]*[A-Z][A-Za-z0-9]*")
_BRACKETED = re.compile(r"\(\s*([^()]{1,200}?)\s*\)")
_CONNECTORS = frozenset(
    {"dan", "atau", "serta", "di", "ke", "dari", "untuk", "pada", "dengan", "dalam", "yang", "&"}
)


@cache
def _common_acronyms() -> frozenset[str]:
    return frozenset(_data_lines("akronim_umum.txt"))


def _is_acronym(token: str) -> bool:
    bare = token.rstrip("!")
    if _ROMAN.fullmatch(bare):
        return False
    if bare.isalpha() and bare.isupper():
        lower = bare.lower()
        if lower in _stop_words() or is_root(lower) or (len(lower) > 4 and stem(lower) != lower):
            return False  # an ordinary word in capitals: WAJIB, LAPOR, MENERIMA
    return True


def _acronym_parts(token: str) -> list[str]:
    return [part for part in token.rstrip("!").split("-") if _PART_ACRONYM.fullmatch(part)]


def _letters(token: str) -> str:
    return "".join(ch for ch in token if ch.isupper())


@lru_cache(maxsize=4096)
def _expansion_regex(letters: str) -> re.Pattern[str]:
    """Capitalised words whose initials are ``letters`` (connectors allowed between them):
    BPS finds "Badan Pusat Statistik", DPMPTSP "Dinas Penanaman Modal dan Pelayanan ..."."""
    gap = r"[ \t]+(?:(?:" + "|".join(sorted(_CONNECTORS - {"&"})) + r"|&)[ \t]+)*"
    words = gap.join(rf"{re.escape(letter)}[\w-]*" for letter in letters)
    return re.compile(rf"(?<![\w-]){words}(?![\w-])")


class Definitions:
    """What a document says about its acronyms: istilah, bracketed forms, expansions."""

    def __init__(self, document: SopDocument, corpus: Corpus) -> None:
        self.defined: set[str] = set()
        for definisi in document.definisi:
            if definisi.istilah:
                self.defined.add(definisi.istilah.strip())
                self.defined.update(m.group() for m in _ACRONYM.finditer(definisi.istilah))
        # Expansions are looked for where a document names things: its identity, dasar
        # hukum, definitions, scope and actors (the whole text would cost more than it gives).
        sources = [document.nama, document.instansi or "", document.disahkan_oleh.jabatan or ""]
        sources += [document.unit] if isinstance(document.unit, str) else list(document.unit or [])
        sources += [document.tujuan or "", document.ruang_lingkup.cakupan or ""]
        sources += document.dasar_hukum
        sources += [f"{d.istilah or ''} {d.arti or ''}" for d in document.definisi]
        sources += [a.nama or "" for a in document.pelaksana]
        self.source = _SEPARATOR.join(sources)
        joined = corpus.joined
        for match in _BRACKETED.finditer(joined):
            inside = match.group(1).strip()
            if _ACRONYM.fullmatch(inside):  # "Kartu Keluarga (KK)"
                self.defined.add(inside)
                continue
            # "SIAK (Sistem Informasi ...)": an acronym right before a bracketed expansion
            if len(_WORD.findall(inside)) < 2 or not inside[0].isupper():
                continue
            last = _ACRONYM_AT_END.search(joined, max(0, match.start() - 60), match.start())
            if last is not None:
                self.defined.add(last.group(1))

    def spelled_out(self, letters: str) -> bool:
        return len(letters) >= 2 and _expansion_regex(letters).search(self.source) is not None

    def knows(self, token: str, known: frozenset[str]) -> bool:
        bare = token.rstrip("!")
        if token in self.defined or bare in self.defined or token in known or bare in known:
            return True
        for part in _acronym_parts(token):
            if part in known or part in self.defined:
                continue
            letters = _letters(part)
            if letters == part and self.spelled_out(letters):
                continue  # spelled out by capitalised words elsewhere in the document
            return False
        return True


@rule(
    "BHS005",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Akronim atau istilah tanpa definisi"),
    why=N(
        "Prinsip kesederhanaan: istilah teknis dilengkapi glosarium. Akronim yang tidak "
        "dijelaskan di bagian definisi (dan bukan singkatan yang dikenal umum) membuat SOP "
        "sulit dipahami pelaksana baru dan masyarakat."
    ),
    bad="kegiatan: Mencatat permohonan dalam SIMPEL",
    good="definisi:\n  - {istilah: SIMPEL, arti: Sistem Informasi Pelayanan ...}",
)
def undefined_acronyms(context: CheckContext) -> Iterator[Finding]:
    corpus = _corpus(context)
    known = _known_acronyms(tuple(context.config.known_acronyms))
    definitions: Definitions | None = None
    reported: set[str] = set()
    for text, token in corpus.acronyms(PROSE):
        if token in reported or token in known or not _is_acronym(token):
            continue
        if definitions is None:
            definitions = Definitions(context.document, corpus)
        reported.add(token)
        if definitions.knows(token, known):
            continue
        yield context.finding(
            "BHS005",
            _step_message(
                text,
                N("Langkah {step}: akronim “{word}” di {field} tidak dijelaskan di definisi."),
                N("Akronim “{word}” di {field} tidak dijelaskan di definisi."),
            ),
            N(
                "Tambahkan “{word}” beserta kepanjangannya ke definisi, atau tambahkan ke "
                "akronim_dikenal di konfigurasi bila memang dikenal umum di instansi."
            ),
            _location(context, text),
            word=token,
            **_where(text),
        )


@lru_cache(maxsize=256)
def _known_acronyms(extra: tuple[str, ...]) -> frozenset[str]:
    return _common_acronyms() | frozenset(extra)


# ---------------------------------------------------------------------------------------------
# BHS006: a person instead of a position

_HONORIFIC = re.compile(
    r"^\s*(?:bapak|ibu|bpk\.?|bp\.|sdr\.?|sdri\.?|sdra\.?|saudara|saudari|tn\.|ny\.|nn\.)(?=\s|$)",
    re.IGNORECASE,
)
_PUBLIC_ROLES = re.compile(
    r"^\s*ibu\s+(?:hamil|nifas|bersalin|menyusui|balita|rumah\s+tangga|kandung|bayi)\b",
    re.IGNORECASE,
)
_TITLE = re.compile(
    r"(?:^|[\s,])(?:(?:Dr|Drs|Dra|Ir|Prof|Hj?)\.\s*[A-Z]"
    r"|(?:S|M|D\d|A)\.\s?(?:[A-Z][A-Za-z]{0,5}\.?){1,2}(?=[\s,]|$)"
    r"|Ph\.?D\b|MBA\b)"
)
_NIP_LIKE = re.compile(r"(?<!\d)(?:\d[\s.]?){17}\d(?!\d)")


def person_marker(name: str) -> str | None:
    """What makes an actor name look like a person: the honorific, title or number."""
    if _PUBLIC_ROLES.match(name):
        return None
    for pattern in (_HONORIFIC, _TITLE, _NIP_LIKE):
        match = pattern.search(name)
        if match is not None:
            return match.group().strip(" ,")
    return None


@rule(
    "BHS006",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Pelaksana berupa nama orang"),
    why=N(
        "PermenPANRB 35/2012: pelaksana diisi nama jabatan atau peran, bukan nama orang, agar "
        "SOP tetap berlaku ketika pejabatnya berganti."
    ),
    bad="pelaksana:\n  - {id: kasi, nama: Ibu Sri Wahyuni, S.Kom.}",
    good="pelaksana:\n  - {id: kasi, nama: Kepala Seksi Pelayanan}",
)
def person_as_actor(context: CheckContext) -> Iterator[Finding]:
    for i, actor in enumerate(context.document.pelaksana):
        if not actor.nama:
            continue
        marker = person_marker(actor.nama)
        if marker is not None:
            yield context.finding(
                "BHS006",
                N("Pelaksana “{name}” tampak sebagai nama orang (“{marker}”), bukan jabatan."),
                N("Tulis nama jabatan atau peran, mis. “Kepala Seksi Pelayanan”."),
                context.field_location("pelaksana", i, "nama"),
                name=actor.nama,
                marker=marker,
            )


# ---------------------------------------------------------------------------------------------
# BHS007: one actor or term, several spellings


@cache
def _position_abbreviations() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(abbreviation -> expansion, [(expansion, abbreviation)] longest first), lower case."""
    short = {a.lower(): e.lower() for a, e in _pairs("singkatan_jabatan.txt")}
    long: dict[str, str] = {}
    for abbreviation, expansion in short.items():
        long.setdefault(expansion, abbreviation)
    return short, sorted(long.items(), key=lambda kv: -len(kv[0]))


def _words_lower(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


@lru_cache(maxsize=4096)
def expand_positions(name: str) -> str:
    """The name with shortened position titles written out: "Kasi Pelayanan" ->
    "kepala seksi pelayanan" (lower case)."""
    short, _ = _position_abbreviations()
    return " ".join(short.get(word, word) for word in _words_lower(name))


@lru_cache(maxsize=4096)
def shorten_positions(name: str) -> str:
    """The name with position titles shortened: "Kepala Seksi Pelayanan" -> "kasi pelayanan"."""
    text = " ".join(_words_lower(name))
    _, long = _position_abbreviations()
    for expansion, abbreviation in long:
        text = re.sub(rf"\b{re.escape(expansion)}\b", abbreviation, text)
    return text


_NOT_ALNUM = re.compile(r"[^0-9a-z]")
_SPACES = re.compile(r"\s+")
_NOT_SKELETON = re.compile(r"[^0-9a-z\s./-]")


def _squash(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


@cache
def _term_groups() -> list[tuple[str, ...]]:
    return [tuple(p.strip() for p in line.split("|")) for line in _data_lines("varian_istilah.txt")]


@cache
def _term_table() -> tuple[PhraseList, dict[str, int]]:
    group_of: dict[str, int] = {}
    for number, group in enumerate(_term_groups()):
        for form in group:
            group_of[_vague_key(form)] = number
    return PhraseList(f for g in _term_groups() for f in g), group_of


@lru_cache(maxsize=4096)
def _phrase_words_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    """The lower-case words ``words`` in a row (spaces between)."""
    return re.compile(r"[ \t]+".join(re.escape(w) for w in words) + r"(?![\w-])")


@lru_cache(maxsize=4096)
def _head_regex(head: str, following: int) -> re.Pattern[str]:
    """Lower-case ``head`` and the ``following`` words after it (spaces only between)."""
    return re.compile(rf"{re.escape(head)}((?:[ \t]+[a-z]+(?:-[a-z]+)*){{{following}}})(?![\w-])")


def _same_stems(words: list[str], others: list[str]) -> bool:
    """``others`` differ from ``words`` but only in affixes: layanan / pelayanan."""
    if others == words:
        return False
    for other, word in zip(others, words, strict=True):
        if other != word and _strip_enclitic(other) != other and other.startswith(word):
            return False  # layanannya: the same word with -nya
        if stem(other) != stem(word):
            return False
    return True


@lru_cache(maxsize=4096)
def _separator_regex(term: str) -> re.Pattern[str] | None:
    """The lower-case parts of ``term`` with any separators (or none) between them:
    "KTP-el" finds "ktp el", "ktpel", "ktp-el"."""
    parts = _ALNUM_WORD.findall(term.lower())
    if len("".join(parts)) < 3:
        return None
    body = r"[ \t./-]*".join(re.escape(p) for p in parts)
    return re.compile(body + r"(?![0-9a-z])")


def _spaced(text: str) -> str:
    return _SPACES.sub(" ", text.strip().lower())


@lru_cache(maxsize=8192)
def _skeleton(text: str) -> str:
    """Letters, digits and the separators the spelling regex allows ("!" and other marks
    dropped), so "SP4N-LAPOR!" and "SP4N-LAPOR" are one spelling."""
    return _spaced(_NOT_SKELETON.sub("", text.lower()))


@dataclass(frozen=True)
class Variant:
    name: str  # the spelling in the actor list or definisi (or the first form used)
    variant: str  # the other spelling
    text: Text | None  # where the other spelling is (None: in the actor list)
    kind: Literal["aktor", "istilah", "varian"]
    path: tuple[str | int, ...] = ()


def spelling_variants(corpus: Corpus) -> list[Variant]:
    """Every actor or term written in more than one way (see the module docstring)."""
    document = corpus.document
    found: list[Variant] = []
    seen: set[tuple[str, str]] = set()

    def report(variant: Variant) -> None:
        key = (_skeleton(variant.name), _skeleton(variant.variant))
        if key not in seen and (key[0] != key[1] or variant.text is None):
            seen.add(key)
            found.append(variant)

    actors = [(i, a.nama.strip()) for i, a in enumerate(document.pelaksana) if a.nama]
    by_key: dict[str, str] = {}
    for i, name in actors:  # two actors, one position
        key = _squash(expand_positions(name))
        if key in by_key:
            report(Variant(by_key[key], name, None, "aktor", ("pelaksana", i, "nama")))
        else:
            by_key[key] = name
    for _, name in actors:
        own = _words_lower(name)
        for other in {expand_positions(name), shorten_positions(name)} - {" ".join(own)}:
            pattern = _phrase_words_regex(tuple(other.split()))
            hit = next(corpus.scan_lower(SEARCH, pattern), None)
            if hit is not None:
                report(Variant(name, hit[1], hit[0], "aktor"))
        if len(own) >= 2:
            pattern = _head_regex(own[0], len(own) - 1)
            rest = " " + " ".join(own[1:])
            for text, surface, match in corpus.scan_lower(SEARCH, pattern):
                if match.group(1) != rest and _same_stems(own[1:], match.group(1).split()):
                    report(Variant(name, surface, text, "aktor"))
                    break
    terms: list[tuple[str, Literal["aktor", "istilah"]]] = [
        (d.istilah.strip(), "istilah") for d in document.definisi if d.istilah
    ]
    terms += [(name, "aktor") for _, name in actors]
    for term, kind in terms:
        regex = _separator_regex(term)
        if regex is None:
            continue
        lowered_term = term.lower()
        written = regex.findall(corpus.lowered)
        if written.count(lowered_term) == len(written):
            continue  # written the same way everywhere (the fast path)
        for text, surface, _ in corpus.scan_lower(SEARCH, regex):
            if surface.lower() != lowered_term and _skeleton(surface) != _skeleton(term):
                report(Variant(term, surface, text, kind))
                break
    table, group_of = _term_table()
    first_form: dict[int, str] = {}
    forms_seen: set[str] = set()
    for text, form in corpus.phrases(PROSE, table):
        if form in forms_seen:
            continue
        forms_seen.add(form)
        group = group_of[_vague_key(form)]
        if group not in first_form:
            first_form[group] = form
        elif _vague_key(first_form[group]) != _vague_key(form):
            report(Variant(first_form[group], form, text, "varian"))
    return found


@rule(
    "BHS007",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Ejaan pelaksana atau istilah tidak konsisten"),
    why=N(
        "Prinsip kejelasan dan keselarasan: satu jabatan atau istilah ditulis dengan satu "
        "cara di seluruh SOP, agar pembaca tidak mengira keduanya berbeda."
    ),
    bad="pelaksana: [{id: kasi, nama: Kasi Pelayanan}]\n"
    "kegiatan: Menyerahkan berkas kepada Kepala Seksi Pelayanan",
    good="pelaksana: [{id: kasi, nama: Kepala Seksi Pelayanan}]\n"
    "kegiatan: Menyerahkan berkas kepada Kepala Seksi Pelayanan",
)
def inconsistent_spelling(context: CheckContext) -> Iterator[Finding]:
    for variant in spelling_variants(_corpus(context)):
        if variant.text is None:
            yield context.finding(
                "BHS007",
                N("Pelaksana “{variant}” sama dengan pelaksana “{name}” yang ditulis berbeda."),
                N("Pakai satu nama jabatan untuk satu pelaksana; gabungkan kedua kolom."),
                context.field_location(*variant.path),
                name=variant.name,
                variant=variant.variant,
            )
            continue
        if variant.kind == "varian":
            message = N("“{variant}” dan “{name}” dipakai bersama untuk istilah yang sama.")
            hint = N("Pakai satu bentuk di seluruh SOP.")
        elif variant.kind == "istilah":
            message = N("Istilah “{name}” di definisi ditulis “{variant}” di {field}.")
            hint = N("Tulis istilah persis seperti di definisi.")
        else:
            message = N("Pelaksana “{name}” ditulis “{variant}” di {field}.")
            hint = N("Tulis nama jabatan persis seperti di daftar pelaksana.")
        yield context.finding(
            "BHS007",
            message,
            hint,
            _location(context, variant.text),
            name=variant.name,
            variant=variant.variant,
            **_where(variant.text),
        )


# ---------------------------------------------------------------------------------------------
# BHS008, BHS009: misspelt labels and non-standard spelling


@cache
def _spelling_table(name: str) -> tuple[PhraseList, dict[str, str]]:
    pairs = _pairs(name)
    return PhraseList(wrong for wrong, _ in pairs), {_vague_key(w): r for w, r in pairs}


def _misspellings(context: CheckContext, name: str, flag: int) -> Iterator[tuple[Text, str, str]]:
    table, right = _spelling_table(name)
    seen: set[str] = set()
    for text, word in _corpus(context).phrases(flag, table):
        key = _vague_key(word)
        if key not in seen and key in right:
            seen.add(key)
            yield text, word, right[key]


@rule(
    "BHS008",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Label baku salah tulis"),
    why=N(
        "PermenPANRB 35/2012 menetapkan label bagian prosedur (Kegiatan, Pelaksana, Mutu Baku: "
        "Kelengkapan, Waktu, Output, Keterangan); salah tulis seperti “Mutu Buku” atau "
        "singkatan “Tdk” mengurangi kejelasan."
    ),
    bad="cabang:\n  - {label: Tdk, ke: kembalikan}",
    good="cabang:\n  - {label: Tidak, ke: kembalikan}",
)
def misspelt_labels(context: CheckContext) -> Iterator[Finding]:
    for text, wrong, right in _misspellings(context, "label_baku.txt", ANY):
        yield context.finding(
            "BHS008",
            _step_message(
                text,
                N("Langkah {step}: “{word}” di {field} salah tulis."),
                N("“{word}” di {field} salah tulis."),
            ),
            N("Tulis “{right}”."),
            _location(context, text),
            word=wrong,
            right=right,
            **_where(text),
        )


@rule(
    "BHS009",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Ejaan tidak baku"),
    why=N(
        "Prinsip kejelasan: SOP adalah naskah dinas dan memakai ejaan baku (KBBI), "
        "mis. “izin”, bukan “ijin”."
    ),
    bad="kegiatan: Menerbitkan surat ijin",
    good="kegiatan: Menerbitkan surat izin",
)
def non_standard_spelling(context: CheckContext) -> Iterator[Finding]:
    for text, wrong, right in _misspellings(context, "ejaan_tidak_baku.txt", PROSE):
        yield context.finding(
            "BHS009",
            _step_message(
                text,
                N("Langkah {step}: “{word}” di {field} bukan ejaan baku."),
                N("“{word}” di {field} bukan ejaan baku."),
            ),
            N("Tulis “{right}”."),
            _location(context, text),
            word=wrong,
            right=right,
            **_where(text),
        )

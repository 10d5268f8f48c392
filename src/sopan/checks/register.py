"""What the legal-basis checks may ask of a regulation register (pure protocol).

The web app adapts its Regulation table to it (``sopan.regulations.selectors.register_for``);
the CLI reads a register file with :meth:`FileRegister.from_file`; without a register, only
what the text itself shows is checked.

A register may also offer ``lookup_many(lines)`` (:class:`RegisterBatchLookup`): the legal
checks then ask once for all ``dasar_hukum`` lines of a document, so a database-backed
register answers a whole document with one query.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from sopan.checks.config import CheckConfigError
from sopan.regulations.citation import Citation, citation_key, normalise_jenis, parse_citation

STATUSES = ("berlaku", "diubah", "dicabut")

# dasar_hukum lines repeat across the SOPs of an instansi: each is read once.
parse_line = lru_cache(maxsize=8192)(parse_citation)


@dataclass(frozen=True)
class RegisterEntry:
    label: str  # e.g. "Peraturan Menteri PANRB Nomor 35 Tahun 2012"
    status: str  # berlaku | diubah | dicabut
    replaced_by: str | None = None  # label of the amending or revoking instrument


class RegisterLookup(Protocol):
    def lookup(self, line: str) -> RegisterEntry | None:
        """The register's entry for one dasar hukum line, or None when it is not known."""


@runtime_checkable
class RegisterBatchLookup(Protocol):
    def lookup(self, line: str) -> RegisterEntry | None: ...

    def lookup_many(self, lines: Sequence[str]) -> list[RegisterEntry | None]:
        """The entry of each line, in order (one round trip for all lines)."""


def lookup_lines(register: RegisterLookup, lines: Sequence[str]) -> list[RegisterEntry | None]:
    """Ask ``register`` about every line, in one call when it offers ``lookup_many``."""
    if isinstance(register, RegisterBatchLookup):
        return list(register.lookup_many(lines))
    return [register.lookup(line) for line in lines]


def regulation_label(jenis: str, nomor: str, tahun: int) -> str:
    """The label the register shows, as ``Regulation.label`` writes it."""
    if not nomor:
        return f"{jenis} Tahun {tahun}"
    if nomor.isdigit():
        return f"{jenis} Nomor {nomor} Tahun {tahun}"
    return f"{jenis} Nomor {nomor}"


_ENTRY_KEYS = frozenset(
    {
        "jenis",
        "jenis_singkat",
        "nomor",
        "tahun",
        "tentang",
        "status",
        "diubah_oleh",
        "dicabut_oleh",
        "url",
        "catatan",
    }
)
_REFERENCE_KEYS = frozenset({"jenis", "nomor", "tahun", "tentang"})


class FileRegister:
    """A register read from a YAML file: a list of entries shaped like the ``regulations:``
    list of ``src/sopan/demo/organisation.yaml`` (a mapping with that key is read too)::

        - {jenis: Undang-Undang, nomor: "23", tahun: 2006, status: diubah,
           diubah_oleh: {jenis: Undang-Undang, nomor: "24", tahun: 2013}}

    ``lookup`` reads a ``dasar_hukum`` line with :func:`parse_citation` and finds the entry
    with the same :func:`citation_key`, so any usual spelling of the citation matches.
    """

    def __init__(self, entries: Mapping[str, RegisterEntry]) -> None:
        self._entries = dict(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, line: str) -> RegisterEntry | None:
        citation = parse_line(line)
        return None if citation is None else self._entries.get(citation_key(citation))

    def lookup_many(self, lines: Sequence[str]) -> list[RegisterEntry | None]:
        return [self.lookup(line) for line in lines]

    @classmethod
    def from_entries(cls, specs: Iterable[Any], *, source: str = "<register>") -> FileRegister:
        """Build from already-parsed entries; errors name ``source`` and the entry."""
        entries: dict[str, RegisterEntry] = {}
        for number, spec in enumerate(specs, start=1):
            key, entry = _entry(spec, source, number)
            if key in entries:
                raise CheckConfigError(
                    f"{source}: entri ke-{number} ({entry.label}) sudah tercantum sebelumnya"
                )
            entries[key] = entry
        return cls(entries)

    @classmethod
    def from_file(cls, path: str | Path) -> FileRegister:
        """Read a register file; any problem is a :class:`CheckConfigError` in Indonesian
        naming the file and, where it lies in one, the entry."""
        import yaml

        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CheckConfigError(f"{path}: berkas register tidak ditemukan") from None
        except (OSError, UnicodeDecodeError) as error:
            raise CheckConfigError(
                f"{path}: berkas register tidak dapat dibaca ({error})"
            ) from None
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            data = yaml.load(text, Loader=loader)
        except yaml.YAMLError as error:
            where = getattr(error, "problem_mark", None)
            at = f" (baris {where.line + 1})" if where is not None else ""
            raise CheckConfigError(f"{path}: YAML tidak sah{at}: {error}") from None
        if isinstance(data, Mapping) and "regulations" in data:
            data = data["regulations"]
        if data is None:
            data = []
        if not isinstance(data, list):
            raise CheckConfigError(
                f"{path}: isi berkas register harus berupa daftar peraturan "
                "(atau pemetaan dengan kunci regulations)"
            )
        return cls.from_entries(data, source=str(path))


def _entry(spec: Any, source: str, number: int) -> tuple[str, RegisterEntry]:
    where = f"{source}: entri ke-{number}"
    if not isinstance(spec, Mapping):
        raise CheckConfigError(f"{where}: harus berupa pemetaan (jenis, nomor, tahun, ...)")
    unknown = sorted(str(k) for k in spec if k not in _ENTRY_KEYS)
    if unknown:
        raise CheckConfigError(
            f"{where}: kunci tidak dikenal: {', '.join(unknown)} "
            f"(yang dikenal: {', '.join(sorted(_ENTRY_KEYS))})"
        )
    citation = _citation(spec, where)
    label = regulation_label(citation.jenis, citation.nomor, citation.tahun)
    where = f"{where} ({label})"
    status = str(spec.get("status") or "").strip().lower()
    amended_by = _reference(spec.get("diubah_oleh"), f"{where}, diubah_oleh")
    revoked_by = _reference(spec.get("dicabut_oleh"), f"{where}, dicabut_oleh")
    if not status:
        status = "dicabut" if revoked_by else "diubah" if amended_by else "berlaku"
    if status not in STATUSES:
        raise CheckConfigError(
            f"{where}: status {spec.get('status')!r} tidak dikenal "
            f"(pilih salah satu: {', '.join(STATUSES)})"
        )
    if status == "berlaku" and (amended_by or revoked_by):
        raise CheckConfigError(f"{where}: berstatus berlaku tetapi diubah_oleh/dicabut_oleh diisi")
    if status == "diubah" and revoked_by and not amended_by:
        raise CheckConfigError(f"{where}: berstatus diubah tetapi hanya dicabut_oleh diisi")
    replaced_by = revoked_by if status == "dicabut" else amended_by if status == "diubah" else None
    return citation_key(citation), RegisterEntry(label, status, replaced_by)


def _citation(spec: Mapping[str, Any], where: str) -> Citation:
    jenis_text = spec.get("jenis")
    if not isinstance(jenis_text, str) or not jenis_text.strip():
        raise CheckConfigError(f"{where}: jenis peraturan wajib diisi")
    jenis = normalise_jenis(jenis_text)
    if jenis is None:
        raise CheckConfigError(f"{where}: jenis peraturan {jenis_text!r} tidak dikenali")
    nomor_value = spec.get("nomor")
    if nomor_value is None:
        nomor = ""
    elif isinstance(nomor_value, str | int) and not isinstance(nomor_value, bool):
        nomor = " ".join(str(nomor_value).split())
    else:
        raise CheckConfigError(f"{where}: nomor harus berupa teks atau angka")
    tahun = spec.get("tahun")
    if isinstance(tahun, str) and tahun.strip().isdigit():
        tahun = int(tahun)
    if not isinstance(tahun, int) or isinstance(tahun, bool) or not 1800 <= tahun <= 2200:
        raise CheckConfigError(f"{where}: tahun harus berupa tahun empat angka")
    return Citation(jenis=jenis, jenis_singkat="", nomor=nomor, tahun=tahun)


def _reference(value: Any, where: str) -> str | None:
    """The label of a diubah_oleh/dicabut_oleh reference (jenis, nomor, tahun)."""
    if value is None:
        return None
    if isinstance(value, str):
        citation = parse_citation(value)
        if citation is None:
            raise CheckConfigError(
                f"{where}: {value!r} tidak terbaca sebagai peraturan "
                "(tulis sebagai pemetaan jenis, nomor, tahun)"
            )
        return regulation_label(citation.jenis, citation.nomor, citation.tahun)
    if not isinstance(value, Mapping):
        raise CheckConfigError(f"{where}: harus berupa pemetaan jenis, nomor, tahun")
    unknown = sorted(str(k) for k in value if k not in _REFERENCE_KEYS)
    if unknown:
        raise CheckConfigError(f"{where}: kunci tidak dikenal: {', '.join(unknown)}")
    citation = _citation(value, where)
    return regulation_label(citation.jenis, citation.nomor, citation.tahun)

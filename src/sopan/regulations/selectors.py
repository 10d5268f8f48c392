"""Reads of the regulation register: finding the regulation a ``dasar_hukum`` line cites."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import Q, QuerySet

from sopan.checks.register import RegisterEntry, parse_line
from sopan.organisations.models import Instansi
from sopan.regulations.choices import RegulationStatus
from sopan.regulations.citation import citation_key, parse_citation
from sopan.regulations.models import Regulation


def regulations_for(instansi: Instansi | int | None) -> QuerySet[Regulation]:
    """National regulations plus those of ``instansi``."""
    instansi_id = instansi.pk if isinstance(instansi, Instansi) else instansi
    scope = Q(instansi__isnull=True)
    if instansi_id is not None:
        scope |= Q(instansi_id=instansi_id)
    return Regulation.objects.filter(scope)


def match_citation(line: str, *, instansi: Instansi | int | None = None) -> Regulation | None:
    """The registered regulation ``line`` cites, or ``None``."""
    return matches_for_lines([line], instansi)[0]


def matches_for_lines(
    lines: Sequence[str], instansi: Instansi | int | None = None
) -> list[Regulation | None]:
    """The regulation each line cites (``None`` if none), in one query for all lines.

    An instansi's own row wins over a national row with the same key.
    """
    keys: list[str | None] = []
    for line in lines:
        citation = parse_citation(line)
        keys.append(citation_key(citation) if citation is not None else None)
    wanted = {key for key in keys if key is not None}
    if not wanted:
        return [None] * len(lines)
    found = _by_key(regulations_for(instansi).filter(key__in=wanted))
    return [found.get(key) if key is not None else None for key in keys]


def _by_key(regulations: Iterable[Regulation]) -> dict[str, Regulation]:
    found: dict[str, Regulation] = {}
    for regulation in regulations:
        if regulation.key not in found or regulation.instansi_id is not None:
            found[regulation.key] = regulation
    return found


class DatabaseRegister:
    """The regulation register of an instansi (national rows and its own) as the quality
    checks ask for it (:class:`sopan.checks.register.RegisterBatchLookup`).

    ``lookup_many`` answers every ``dasar_hukum`` line of a document with one query (the
    amending and revoking regulations come with it); answers are kept per line, so
    ``lookup`` of a line already asked costs nothing.
    """

    def __init__(self, instansi: Instansi | int | None) -> None:
        self.instansi_id = instansi.pk if isinstance(instansi, Instansi) else instansi
        self._cache: dict[str, RegisterEntry | None] = {}

    def lookup(self, line: str) -> RegisterEntry | None:
        if line not in self._cache:
            self.lookup_many([line])
        return self._cache[line]

    def lookup_many(self, lines: Sequence[str]) -> list[RegisterEntry | None]:
        missing = [line for line in dict.fromkeys(lines) if line not in self._cache]
        if missing:
            keys: dict[str, str | None] = {}
            for line in missing:
                citation = parse_line(line)
                keys[line] = citation_key(citation) if citation is not None else None
            wanted = {key for key in keys.values() if key is not None}
            found: dict[str, Regulation] = {}
            if wanted:
                rows = regulations_for(self.instansi_id).filter(key__in=wanted)
                found = _by_key(rows.select_related("diubah_oleh", "dicabut_oleh"))
            for line, key in keys.items():
                regulation = found.get(key) if key is not None else None
                self._cache[line] = None if regulation is None else register_entry(regulation)
        return [self._cache[line] for line in lines]


def register_entry(regulation: Regulation) -> RegisterEntry:
    """What the checks see of a regulation: its label, status and what replaced it."""
    if regulation.status == RegulationStatus.DICABUT:
        replacement = regulation.dicabut_oleh
    elif regulation.status == RegulationStatus.DIUBAH:
        replacement = regulation.diubah_oleh
    else:
        replacement = None
    return RegisterEntry(
        label=regulation.label,
        status=str(regulation.status),
        replaced_by=replacement.label if replacement is not None else None,
    )


def register_for(instansi: Instansi | int | None) -> DatabaseRegister:
    """The register the quality checks of ``instansi``'s SOPs consult (``run_checks(...,
    register=register_for(instansi))``): one query per document, none for a document
    without a citation."""
    return DatabaseRegister(instansi)

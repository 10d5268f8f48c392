"""Reads of the regulation register: finding the regulation a ``dasar_hukum`` line cites."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import Q, QuerySet

from sopan.organisations.models import Instansi
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

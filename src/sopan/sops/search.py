"""Full-text search over SOP versions, in Indonesian, on SQLite and PostgreSQL.

Each version stores a derived ``search_text``: the Sastrawi stems of its words (so
"perizinan" and "izin" meet at "izin"), each word once, in two parts::

    " <stems and words of the title> | <nomor parts> <stems of kegiatan and dasar hukum> "

A query is stemmed the same way; every term must start a word of the text (AND, prefix).
The filter runs on an index suited to the backend:

* SQLite: an FTS5 table ``sops_version_fts`` (rowid = version id; columns ``judul`` and
  ``isi``, the two parts), written here by :func:`search_index_write` (not by triggers:
  Django rebuilds a SQLite table on many ALTERs, which would drop them), and an index on
  (status, nama, jenis, sop_id) so that counting and ranking read no whole row (migration
  0007);
* PostgreSQL: a stored generated column ``search_tsv`` = ``to_tsvector('simple',
  search_text)`` with a GIN index (migration 0007; the database keeps it, the model does not
  know it), queried with ``to_tsquery('simple', 'izin:* & adu:*')``;
* anything else: ``LIKE`` over the stems (correct, not indexed).

Ranking: versions whose title holds more of the terms first, then by name. SQLite asks its
FTS ``judul`` column; elsewhere a ``LIKE '% term%|%'`` on the matched rows only (the title
part is the one before the single ``|``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from html import escape
from typing import Any

from django.db import connection
from django.db.models import BooleanField, IntegerField, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString, mark_safe

from sopan.document import SopDocument

FTS_TABLE = "sops_version_fts"
MAX_TERMS = 8
_WORD = re.compile(r"[^\W_]+")
_SPLIT = re.compile(r"([^\W_]+)")

# Words too common to narrow a search of SOPs; dropped from the query and the index.
STOPWORDS = frozenset(
    {
        *("dan", "atau", "yang", "di", "ke", "dari", "untuk", "dengan", "pada", "dalam"),
        *("oleh", "ini", "itu", "tentang", "sebagai", "serta", "bagi", "atas", "adalah"),
        *("nomor", "tahun"),
    }
)


@cache
def _stemmer() -> Any:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Sastrawi stem of one lower-case word (numbers and codes are kept as they are)."""
    if not word.isalpha():
        return word
    return str(_stemmer().stem(word)) or word


def words(text: str | None) -> list[str]:
    """Lower-case words of ``text`` (letters and digits; everything else separates)."""
    return _WORD.findall((text or "").casefold())


def stems(text: str | None) -> list[str]:
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def search_text_for(document: SopDocument) -> str:
    """The derived, stemmed text of ``document`` that the search index holds."""
    title = _unique(stems(document.nama) + words(document.nama))
    body: list[str] = words(document.nomor)
    for step in document.langkah:
        body += stems(step.kegiatan)
    for line in document.dasar_hukum:
        body += stems(line)
    return f" {' '.join(title)} | {' '.join(_unique(body))} "


def query_terms(q: str) -> list[str]:
    """The stems a query looks for (stopwords dropped, each once, at most ``MAX_TERMS``)."""
    return _unique(stems(q))[:MAX_TERMS]


# -- the index -------------------------------------------------------------------------------


def search_index_write(version: Any, document: SopDocument) -> None:
    """Store the derived search text of a saved ``version`` (and its FTS row on SQLite)."""
    from sopan.sops.models import SopVersion

    text = search_text_for(document)
    version.search_text = text
    SopVersion.objects.filter(pk=version.pk).update(search_text=text)
    if connection.vendor == "sqlite":
        _fts_write(connection, [(version.pk, text)])


def fts_rows(rows: list[tuple[int, str]]) -> list[tuple[int, str, str]]:
    """(id, search_text) → (rowid, judul, isi) for the FTS5 table (migration 0007)."""
    return [(pk, text.partition("|")[0], text.partition("|")[2]) for pk, text in rows]


def _fts_write(conn: Any, rows: list[tuple[int, str]]) -> None:
    with conn.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk, _ in rows])
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, judul, isi) VALUES (%s, %s, %s)", fts_rows(rows)
        )


def search_index_bulk_write(rows: list[tuple[int, str]]) -> None:
    """Index many new versions at once: (id, search_text) of rows already saved with that
    ``search_text`` (bulk generation). PostgreSQL computes its column itself; SQLite needs
    the FTS rows."""
    if rows and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, judul, isi) VALUES (%s, %s, %s)", fts_rows(rows)
            )


def search_index_rebuild() -> int:
    """Recompute ``search_text`` of every version (after a change to this module's rules)."""
    from sopan.sops.models import SopVersion

    count = 0
    for version in SopVersion.objects.only("pk", "document").iterator(chunk_size=500):
        search_index_write(version, version.document_model())
        count += 1
    return count


# -- querying --------------------------------------------------------------------------------


def _column(name: str = "search_text") -> str:
    quote = connection.ops.quote_name
    return f"{quote('sops_sopversion')}.{quote(name)}"


def search_filter(versions: QuerySet[Any], terms: list[str]) -> QuerySet[Any]:
    """``versions`` whose search text holds every term (as the start of a word)."""
    if not terms:
        return versions
    if connection.vendor == "sqlite":
        match = " AND ".join(f'"{term}"*' for term in terms)
        # The unary + keeps SQLite from fetching each matching row by id: it walks the
        # (status, nama, jenis, sop_id) index instead and never reads the wide rows.
        condition = RawSQL(
            f"+{_column('id')} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)",
            [match],
            output_field=BooleanField(),
        )
        return versions.filter(condition)
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{term}:*" for term in terms)
        condition = RawSQL(
            f"{_column('search_tsv')} @@ to_tsquery('simple'::regconfig, %s)",
            [tsquery],
            output_field=BooleanField(),
        )
        return versions.filter(condition)
    for term in terms:
        versions = versions.filter(search_text__contains=f" {term}")
    return versions


def rank_by_title(versions: QuerySet[Any], terms: list[str]) -> QuerySet[Any]:
    """Order by how many terms the title holds, then by name; annotates ``title_hits``."""
    if not terms:
        return versions.annotate(title_hits=Value(0, output_field=IntegerField()))
    if connection.vendor == "sqlite":
        title = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        case = f"(CASE WHEN {_column('id')} IN ({title}) THEN 1 ELSE 0 END)"
        params = [f'judul : "{term}"*' for term in terms]
    else:
        case = f"(CASE WHEN {_column()} LIKE %s THEN 1 ELSE 0 END)"
        params = [f"% {term}%|%" for term in terms]
    sql = " + ".join(case for _ in terms)
    hits = RawSQL(sql, params, output_field=IntegerField())
    return versions.annotate(title_hits=hits).order_by("-title_hits", "nama", "sop_id")


# -- showing results -------------------------------------------------------------------------


def _hit(word: str, terms: list[str]) -> bool:
    lower = word.casefold()
    return any(lower.startswith(t) or stem(lower).startswith(t) for t in terms)


def highlight(text: str | None, terms: list[str]) -> SafeString:
    """``text`` escaped, with the words that match a term in ``<mark>``."""
    parts = _SPLIT.split(text or "")
    out = []
    for index, part in enumerate(parts):
        if index % 2 and terms and _hit(part, terms):
            out.append(f"<mark>{escape(part)}</mark>")
        else:
            out.append(escape(part))
    return mark_safe("".join(out))  # every part is escaped above


def matching_lines(document: dict[str, Any], terms: list[str], limit: int = 2) -> list[SafeString]:
    """Up to ``limit`` kegiatan or dasar hukum lines of a stored document matching a term."""
    if not terms:
        return []
    lines = [str(step.get("kegiatan") or "") for step in document.get("langkah") or []]
    lines += [str(line) for line in document.get("dasar_hukum") or []]
    found = []
    for line in lines:
        if any(_hit(word, terms) for word in _WORD.findall(line)):
            found.append(highlight(line, terms))
            if len(found) == limit:
                break
    return found

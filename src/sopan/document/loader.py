"""Load an SOP file (YAML or JSON) into a validated :class:`SopDocument`.

Everything that is wrong is collected and raised at once as :class:`DocumentLoadError`, each
problem with its file, line and column. Hostile input is refused before it costs anything:
the size is checked before decoding, tags never construct objects, alias bombs are cut off.
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import stat
from functools import cached_property
from pathlib import Path as FsPath
from typing import Any, Literal

from pydantic import ValidationError

from sopan.document.errors import DocumentLoadError, Problem
from sopan.document.integrity import check_integrity
from sopan.document.model import SopDocument
from sopan.document.validation import problems_from_validation, tree_locator
from sopan.document.yamltree import (
    ParseAbort,
    Path,
    Position,
    Tree,
    parse_yaml,
    position_of_offset,
    roundtrip_yaml,
)

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
SUPPORTED_FORMAT = "sopan/1"
Format = Literal["yaml", "json"]


class Source:
    """The decoded text of a file and, computed once when first needed, its positions."""

    def __init__(self, text: str, filename: str, fmt: Format, tree: Tree | None = None) -> None:
        self.text = text
        self.filename = filename
        self.format: Format = fmt
        self._tree = tree

    @property
    def tree(self) -> Tree | None:
        """Positions of keys and values (for JSON, parsed again only when asked)."""
        if self._tree is None:
            try:
                self._tree = parse_yaml(self.text, self.filename)
            except ParseAbort:
                return None
        return self._tree

    def position(self, path: Path, *, key: bool = True) -> tuple[int | None, int | None]:
        """(line, column) of the key (``key``) or value at ``path``; ``(None, None)`` if absent."""
        tree = self.tree
        found = None if tree is None else (tree.locate(path) if key else tree.locate_value(path))
        return found if found is not None else (None, None)


class LoadedDocument:
    """A loaded document with where each of its parts was written.

    ``locate`` and ``step_line`` answer with 1-based lines and columns; paths use the data's
    own keys and 0-based list indices, e.g. ``("langkah", 3, "waktu")``.
    """

    def __init__(self, document: SopDocument, source: Source) -> None:
        self.document = document
        self.source = source

    def __repr__(self) -> str:
        return f"LoadedDocument({self.filename!r}, {self.document.nama!r})"

    @property
    def filename(self) -> str:
        return self.source.filename

    @property
    def format(self) -> Format:
        return self.source.format

    @property
    def text(self) -> str:
        return self.source.text

    def locate(self, path: Path) -> Position | None:
        """(line, column) of the key at ``path``, or of the list item; ``None`` if absent."""
        tree = self.source.tree
        return None if tree is None else tree.locate(tuple(path))

    def step_line(self, step_id: str) -> int | None:
        """Line where the step with this id starts."""
        for i, step in enumerate(self.document.langkah):
            if step.step_id == step_id:
                position = self.locate(("langkah", i))
                return None if position is None else position[0]
        return None

    @cached_property
    def yaml_tree(self) -> Any:
        """The ruamel round-trip tree (comments, key order, quoting) of the source."""
        return roundtrip_yaml().load(self.text)


def load_path(path: str | FsPath, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedDocument:
    """Load a ``.sop.yaml`` / ``.yaml`` / ``.json`` file; its size is checked before reading."""
    path = FsPath(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if info.st_size > max_bytes:
            raise DocumentLoadError([_too_large(str(path), info.st_size, max_bytes)])
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentLoadError([_unreadable(path, exc)]) from None
    fmt: Format = "json" if path.suffix.lower() == ".json" else "yaml"
    return load_document(raw, filename=str(path), fmt=fmt, max_bytes=max_bytes)


_UNREADABLE_KINDS = {
    errno.ENOENT: "missing",
    errno.ENOTDIR: "missing",  # a folder on the way is a file
    errno.EISDIR: "directory",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
}


def _unreadable(path: FsPath, exc: OSError) -> Problem:
    """``file.unreadable`` with the reason as ``kind`` (missing, directory, permission)."""
    kind = _UNREADABLE_KINDS.get(exc.errno or 0)
    params: dict[str, Any] = {"name": path.name or str(path)}
    if kind is None:
        params["detail"] = exc.strerror or type(exc).__name__
    else:
        params["kind"] = kind
    return Problem("file.unreadable", str(path), None, None, params)


def load_document(
    source: str | bytes,
    *,
    filename: str = "<teks>",
    fmt: Format | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> LoadedDocument:
    """Parse and validate a document; raise :class:`DocumentLoadError` listing every problem."""
    text = _decode(source, filename, max_bytes)
    fmt = fmt or ("json" if filename.lower().endswith(".json") else "yaml")
    try:
        tree, data = _parse(text, filename, fmt)
    except ParseAbort as abort:
        raise DocumentLoadError([abort.problem]) from None
    origin = Source(text, filename, fmt, tree)
    return LoadedDocument(_validate(data, origin, tree.problems if tree else []), origin)


def _too_large(filename: str, size: int, limit: int) -> Problem:
    return Problem("file.too_large", filename, None, None, {"size": size, "limit": limit})


def _decode(source: str | bytes, filename: str, max_bytes: int) -> str:
    size = len(source) if isinstance(source, bytes) else len(source.encode("utf-8", "replace"))
    if size > max_bytes:
        raise DocumentLoadError([_too_large(filename, size, max_bytes)])
    if isinstance(source, str):
        return source.removeprefix("\ufeff")
    skip = len(codecs.BOM_UTF8) if source.startswith(codecs.BOM_UTF8) else 0
    try:
        return source[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + skip
        line = source.count(b"\n", 0, offset) + 1
        column = offset - (source.rfind(b"\n", 0, offset) + 1) + 1
        problem = Problem("file.encoding", filename, line, column, {"offset": offset})
        raise DocumentLoadError([problem]) from None


def _parse(text: str, filename: str, fmt: Format) -> tuple[Tree | None, Any]:
    if fmt == "json":
        data = _parse_json(text, filename)
        if data is not _DUPLICATE:
            return None, data  # positions are computed later, only if needed
    tree = parse_yaml(text, filename)
    if tree is None:
        raise ParseAbort(Problem("file.empty", filename, 1, 1))
    tags = [p for p in tree.problems if p.code == "yaml.tag"]
    if tags:  # hostile or foreign input: report the tags only
        raise DocumentLoadError(tags)
    return tree, tree.data


_DUPLICATE = object()


class _Duplicate(Exception):
    pass


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Duplicate
        result[key] = _json_value(value)
    return result


def _json_value(value: Any) -> Any:
    # YAML reading keeps ``true`` as the text "true"; JSON reading must give the same data.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


_JSON_HINTS = {
    "Expecting ',' delimiter": "tanda koma (,) tidak ada",
    "Expecting ':' delimiter": "tanda titik dua (:) tidak ada",
    "Expecting property name enclosed in double quotes": "nama kunci harus diapit tanda petik "
    "ganda (atau ada koma berlebih)",
    "Expecting value": "nilai tidak ada atau tidak sah",
    "Unterminated string starting at": "tanda petik belum ditutup",
    "Extra data": "ada isi lagi setelah akhir dokumen",
    "Invalid control character at": "karakter kendali (mis. tab atau baris baru) di dalam teks",
}


def _parse_json(text: str, filename: str) -> Any:
    try:
        return json.loads(
            text,
            object_pairs_hook=_json_pairs,
            parse_float=str,
            parse_constant=_reject_constant,
        )
    except _Duplicate:
        return _DUPLICATE
    except json.JSONDecodeError as exc:
        detail = _JSON_HINTS.get(exc.msg, exc.msg)
        problem = Problem("json.syntax", filename, exc.lineno, exc.colno, {"detail": detail})
        raise ParseAbort(problem) from None
    except ValueError as exc:  # NaN / Infinity
        line, column = position_of_offset(text, max(text.find(str(exc)), 0))
        detail = f"nilai {exc} tidak sah"
        raise ParseAbort(
            Problem("json.syntax", filename, line, column, {"detail": detail})
        ) from None


def _validate(data: Any, source: Source, found: list[Problem]) -> SopDocument:
    filename = source.filename
    if not isinstance(data, dict):
        raise DocumentLoadError([Problem("document.not_mapping", filename, 1, 1)])
    _check_format(data, source)
    problems = list(found)
    document = None
    try:
        document = SopDocument.model_validate(data)
    except ValidationError as exc:
        problems += problems_from_validation(exc, data, _locator(source), filename)
    for finding in check_integrity(data):
        params: dict[str, Any] = dict(finding.params)
        if "first" in params:
            params["first_line"] = source.position(params.pop("first"), key=False)[0]
        line, column = source.position(finding.path, key=False)
        problems.append(Problem(finding.code, filename, line, column, params))
    if problems or document is None:
        problems = _without_explained(problems)
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise DocumentLoadError(problems)
    return document


def _without_explained(problems: list[Problem]) -> list[Problem]:
    """Drop "`nama` wajib diisi" when an unknown key already says "maksud Anda `nama`?"."""
    suggested = {
        (p.params["place"], p.params["suggestion"])
        for p in problems
        if p.code == "key.unknown" and "suggestion" in p.params
    }

    def explained(p: Problem) -> bool:
        place, _, key = str(p.params.get("path", "")).rpartition(".")
        return p.code == "value.missing" and (place or "dokumen", key) in suggested

    return [p for p in problems if not explained(p)]


def _check_format(data: dict[str, Any], source: Source) -> None:
    """Another format version may have other keys: report only that, nothing else."""
    fmt = data.get("format")
    if fmt is not None and fmt != SUPPORTED_FORMAT:
        kind = None if re.fullmatch(r"sopan/\d+", str(fmt)) else "unknown"
        line, column = source.position(("format",), key=False)
        params = {"value": str(fmt), "kind": kind}
        raise DocumentLoadError(
            [Problem("format.unsupported", source.filename, line, column, params)]
        )


def _locator(source: Source) -> Any:
    def locate(path: Path, key: bool) -> Any:
        tree = source.tree
        return None if tree is None else tree_locator(tree)(path, key)

    return locate

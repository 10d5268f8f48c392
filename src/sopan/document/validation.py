"""Pydantic validation errors → located, plain-Indonesian :class:`Problem` values.

Paths in messages are written for people: keys joined with dots and list items numbered
from 1, e.g. ``langkah[3].waktu`` is the ``waktu`` of the third step row.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from sopan.document.errors import Problem
from sopan.document.model import SopDocument
from sopan.document.yamltree import Path, Tree

# pydantic error type → the "kind" of value.type message.
_KINDS = {
    "string_type": "text",
    "sopan_date": "date",
    "list_type": "list",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dict_type": "mapping",
    "literal_error": "choice",
    "sopan_nip": "nip",
    "int_type": "number",
}
_UNION_KINDS = {
    frozenset({"text", "list"}): "text_or_list",
    frozenset({"number", "text"}): "number_or_text",
}


def human_path(path: Path) -> str:
    """``("langkah", 2, "waktu")`` → ``"langkah[3].waktu"`` (items numbered from 1)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "dokumen"


def _pattern(path: Path) -> tuple[str, ...]:
    return tuple("*" if isinstance(p, int) else p for p in path)


@cache
def key_table() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Allowed keys at each place of the document, e.g. ``("langkah", "*")`` → Step keys."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    _visit_model(SopDocument, (), table)
    return table


def _visit_model(model: type[BaseModel], at: tuple[str, ...], table: dict[Any, Any]) -> None:
    table[at] = tuple(model.model_fields)
    for name, info in model.model_fields.items():
        for sub, suffix in _models_in(info.annotation, ()):
            _visit_model(sub, (*at, name, *suffix), table)


def _models_in(annotation: Any, suffix: tuple[str, ...]) -> Iterator[tuple[type[BaseModel], Any]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation, suffix
        return
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _models_in(typing.get_args(annotation)[0], suffix)
    elif origin is list:
        yield from _models_in(typing.get_args(annotation)[0], (*suffix, "*"))
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _models_in(arg, suffix)


def _data_path(data: Any, loc: tuple[Any, ...], error_type: str) -> Path:
    """Map a pydantic ``loc`` onto the data, dropping union member tags."""
    path: list[str | int] = []
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(data, dict) and isinstance(part, str) and part in data:
            data = data[part]
            path.append(part)
        elif isinstance(data, dict) and last and error_type == "missing":
            path.append(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
            path.append(part)
    return tuple(path)


def problems_from_validation(
    error: ValidationError, data: Any, locate: Callable[[Path, bool], Any], filename: str
) -> list[Problem]:
    """Convert every pydantic error into one located problem per place."""
    grouped: dict[Path, list[dict[str, Any]]] = {}
    for item in error.errors(include_url=False):
        grouped.setdefault(_data_path(data, item["loc"], item["type"]), []).append(dict(item))
    problems = []
    for path, items in grouped.items():
        if any(other[: len(path)] == path and other != path for other in grouped):
            continue  # a deeper error explains this one (a union tried several shapes)
        problems.append(_problem(path, items, locate, filename))
    return problems


def _problem(
    path: Path, items: list[dict[str, Any]], locate: Callable[[Path, bool], Any], filename: str
) -> Problem:
    first = items[0]
    if first["type"] == "extra_forbidden":
        return _unknown_key(path, locate, filename)
    if first["type"] == "missing":
        line, column = locate(path[:-1], True) or (None, None)
        return Problem("value.missing", filename, line, column, {"path": human_path(path)})
    kinds = {_KINDS.get(i["type"], "other") for i in items}
    kind = _UNION_KINDS.get(frozenset(kinds)) or _KINDS.get(first["type"], "other")
    params: dict[str, Any] = {"path": human_path(path), "kind": kind}
    if kind == "choice":
        expected = str(first.get("ctx", {}).get("expected", ""))
        params["choices"] = expected.replace("'", "").replace(" or ", ", ")
    elif kind == "other":
        params["detail"] = first.get("msg", "")
    line, column = locate(path, False) or (None, None)
    return Problem("value.type", filename, line, column, params)


def _unknown_key(path: Path, locate: Callable[[Path, bool], Any], filename: str) -> Problem:
    key = str(path[-1])
    allowed = key_table().get(_pattern(path[:-1]), ())
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    params: dict[str, Any] = {"key": key, "place": human_path(path[:-1])}
    if close:
        params.update(kind="suggestion", suggestion=close[0])
    line, column = locate(path, True) or (None, None)
    return Problem("key.unknown", filename, line, column, params)


def tree_locator(tree: Tree) -> Callable[[Path, bool], Any]:
    """``locate(path, key)``: key position when ``key`` else value position."""

    def locate(path: Path, key: bool) -> Any:
        return tree.locate(path) if key else tree.locate_value(path)

    return locate

"""YAML text → plain data plus the position of every key and value.

The text is *composed* by ruamel.yaml (YAML 1.2 rules, so ``no``, ``Y`` and ``on`` stay text)
and never *constructed*: no Python object is ever made from a tag, whatever the file says.
The node graph is then walked into dicts, lists and scalars:

- ``null`` → ``None``; a whole number written canonically (``7``, ``-3``) → ``int``;
- every other scalar → the text exactly as written (``1.0`` stays ``"1.0"``, ``true`` stays
  ``"true"``, a date stays ``"2025-06-02"``; the model decides what it accepts);
- duplicate keys, non-standard tags and alias bombs become problems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from sopan.document.errors import Problem

Path = tuple[str | int, ...]
Position = tuple[int, int]

MAX_ALIASES = 100
MAX_NODES = 10_000
_STANDARD = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _STANDARD + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)
_CANONICAL_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")

# ruamel's English problem texts → Indonesian explanations (the rest are shown as they are).
_SYNTAX_HINTS: dict[str, str] = {
    "mapping values are not allowed here": "tanda titik dua (:) tidak boleh di sini; "
    "beri tanda petik pada teks yang memuat ': '",
    "could not find expected ':'": "tanda titik dua (:) setelah kunci tidak ditemukan",
    "found character '\\t' that cannot start any token": "tab tidak boleh dipakai; "
    "gunakan spasi untuk indentasi",
    "expected <block end>, but found '<block sequence start>'": "indentasi daftar tidak rata",
    "expected a single document in the stream": "berkas berisi lebih dari satu dokumen (`---`)",
    "found unexpected end of stream": "tanda petik belum ditutup",
    "found undefined alias": "alias belum didefinisikan",
}


class ParseAbort(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def explain_syntax(problem: str | None) -> str:
    """An Indonesian explanation of a ruamel problem text."""
    text = (problem or "").strip()
    for english, indonesian in _SYNTAX_HINTS.items():
        if text.startswith(english):
            return indonesian
    return text or "struktur tidak dikenali"


def compose(text: str, filename: str) -> Node | None:
    """Parse ``text`` into a node graph; problems raise :class:`ParseAbort`."""
    parser = YAML(typ="safe", pure=True)
    parser.version = (1, 2)
    try:
        node: Node | None = parser.compose(text)
        return node
    except ReaderError as exc:
        line, column = position_of_offset(text, exc.position)
        detail = f"karakter {exc.character!r} tidak boleh dipakai"
        raise ParseAbort(
            Problem("yaml.syntax", filename, line, column, {"detail": detail})
        ) from exc
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = explain_syntax(exc.problem or exc.context)
        where = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        raise ParseAbort(
            Problem("yaml.syntax", filename, where[0], where[1], {"detail": detail})
        ) from exc
    except (YAMLError, RecursionError) as exc:
        raise ParseAbort(
            Problem("yaml.syntax", filename, None, None, {"detail": str(exc)})
        ) from exc


def position_of_offset(text: str, offset: int) -> Position:
    """1-based (line, column) of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _position(node: Node) -> Position:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


@dataclass
class Tree:
    """Plain data with positions: ``keys`` for mapping keys, ``values`` for every value."""

    data: Any = None
    keys: dict[Path, Position] = field(default_factory=dict)
    values: dict[Path, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def locate(self, path: Path) -> Position | None:
        """Position of the key at ``path`` (or of the value when it is a list item)."""
        return self.keys.get(path) or self.values.get(path)

    def locate_value(self, path: Path) -> Position | None:
        """Position of the value at ``path`` (or of its key when the value is missing)."""
        return self.values.get(path) or self.keys.get(path)


class _Builder:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.tree = Tree()
        self.seen: set[int] = set()
        self.open: set[int] = set()
        self.aliases = 0
        self.nodes = 0

    def problem(self, code: str, node: Node, **params: Any) -> Problem:
        return Problem(code, self.filename, *_position(node), params)

    def build(self, node: Node, path: Path) -> Any:
        self._count(node)
        self.tree.values[path] = _position(node)
        if node.tag not in ALLOWED_TAGS:
            tag = str(node.tag).replace(_STANDARD, "!!")
            self.tree.problems.append(self.problem("yaml.tag", node, tag=tag))
            return None
        if isinstance(node, ScalarNode):
            return _scalar(node)
        self.open.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            assert isinstance(node, MappingNode)
            return self._mapping(node, path)
        finally:
            self.open.discard(id(node))

    def _count(self, node: Node) -> None:
        key = id(node)
        if key in self.open:
            raise ParseAbort(self.problem("yaml.alias_limit", node, kind="recursive"))
        if key in self.seen:
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise ParseAbort(self.problem("yaml.alias_limit", node, limit=MAX_ALIASES))
        self.seen.add(key)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise ParseAbort(
                self.problem("yaml.alias_limit", node, kind="expansion", limit=MAX_NODES)
            )

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in ALLOWED_TAGS:
                self.tree.problems.append(self.problem("key.not_text", key_node))
                continue
            key = str(key_node.value)
            key_path = (*path, key)
            if key in result:
                first = self.tree.keys[key_path][0]
                self.tree.problems.append(
                    self.problem("key.duplicate", key_node, key=key, first_line=first)
                )
                continue
            self.tree.keys[key_path] = _position(key_node)
            result[key] = self.build(value_node, key_path)
        return result


def _scalar(node: ScalarNode) -> Any:
    tag, text = node.tag, node.value
    if tag == _STANDARD + "null":
        return None
    if tag == _STANDARD + "int" and _CANONICAL_INT.fullmatch(text):
        return int(text)
    return text


def build_tree(node: Node, filename: str) -> Tree:
    """Walk a composed node graph into a :class:`Tree` (raises ``ParseAbort`` on alias bombs)."""
    builder = _Builder(filename)
    builder.tree.data = builder.build(node, ())
    return builder.tree


def parse_yaml(text: str, filename: str) -> Tree | None:
    """Text → :class:`Tree`, or ``None`` for an empty document."""
    node = compose(text, filename)
    return None if node is None else build_tree(node, filename)


def roundtrip_yaml() -> YAML:
    """A ruamel round-trip instance (comments, key order and quoting kept) for dumping."""
    rt = YAML(typ="rt")  # YAML 1.2 is ruamel's default; no %YAML directive is written
    rt.preserve_quotes = True
    rt.width = 4096  # never fold long lines (folding leaves trailing spaces)
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.allow_unicode = True
    return rt

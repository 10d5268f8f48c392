"""YAML text → plain data plus the position of every key and value.

The text is *composed* into a node graph and never *constructed*: no Python object is ever
made from a tag, whatever the file says. Composing is done by libyaml through PyYAML's C
composer (PyYAML's pure-Python composer when the C extension is missing), with tag resolution
of our own under the YAML 1.2 core schema, so ``no``, ``Y``, ``T``, ``ya`` and ``on`` stay
text. When that composer refuses the text (a syntax error, a reused anchor, ...), ruamel.yaml
composes it instead, so every syntax problem keeps ruamel's wording and position and anything
ruamel accepts still loads. The node graph is then walked into dicts, lists and scalars:

- ``null`` → ``None``; a whole number written canonically (``7``, ``-3``) → ``int``;
- every other scalar → the text exactly as written (``1.0`` stays ``"1.0"``, ``true`` stays
  ``"true"``, a date stays ``"2025-06-02"``; the model decides what it accepts);
- duplicate keys, non-standard tags and alias bombs become problems.

ruamel.yaml's round trip (comments, key order, quoting) is used only to write a loaded file
back (:func:`roundtrip_yaml`), parsed lazily when that is asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import yaml

from sopan.document.errors import Problem

if TYPE_CHECKING:  # ruamel is imported where it is used: most loads never need it
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import Node

Path = tuple[str | int, ...]
Position = tuple[int, int]

MAX_ALIASES = 100
MAX_NODES = 10_000
_STANDARD = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _STANDARD + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)
_CANONICAL_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_INT_START = frozenset("-0123456789")

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


# Composers: libyaml (C), PyYAML's pure-Python one, and ruamel.yaml (the reference, and the
# one whose error messages and positions are reported).
Composer = Literal["libyaml", "pyyaml", "ruamel"]
# Where PyYAML/libyaml and ruamel's YAML 1.2 scanner disagree (found by comparing them on
# generated text), the text is composed by ruamel, as before; real SOP files have none of it:
# tabs (ruamel refuses some that libyaml accepts); NEL, LS, PS or a lone CR (line breaks for
# one, not the other); a BOM inside the text (no column for ruamel); a comment right after a
# block scalar indicator (``|#``); a tag then an anchor (``!!str &a``: ruamel starts the node
# at the anchor); a tag running into a flow indicator (``!!null,``); a colon right before a
# flow indicator (``{a:[x]}``, ``{a:}``); an alias running into a colon (``*a: x``); a
# document end marker ``...``.
_REFERENCE_ONLY = re.compile(
    r"[\t\x85\u2028\u2029\ufeff]|\r(?!\n)|[|>][-+0-9]*#|!\S*\s+&|!\S*?[,\[\]{}]"
    r"|:[\[\]{},]|\*[^\s,\[\]{}]*:|^\.\.\.",
    re.MULTILINE,
)

_NULL = _STANDARD + "null"
_INT = _STANDARD + "int"
_STR = _STANDARD + "str"
_SEQ = _STANDARD + "seq"
_MAP = _STANDARD + "map"
# Plain scalars whose YAML 1.2 tag matters here (ruamel's resolver gives the same tags for
# them); every other plain scalar is kept as the text written, so its tag (bool, float,
# timestamp, a non-canonical int: all allowed) makes no difference and ``str`` stands for it.
_PLAIN_TAGS = {
    "": _NULL,
    "~": _NULL,
    "null": _NULL,
    "Null": _NULL,
    "NULL": _NULL,
    "<<": _STANDARD + "merge",
    "=": _STANDARD + "value",
}


class _CoreResolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core-schema tags for what the tree builder distinguishes (see ``_PLAIN_TAGS``)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return _STR
            tag = _PLAIN_TAGS.get(value)
            if tag is not None:
                return tag
            if value[0] in _INT_START and _CANONICAL_INT.fullmatch(value):
                return _INT
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


class _PureComposer(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _CoreResolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _CoreResolver.__init__(self)


def _libyaml_parser() -> Any:
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml
        return None
    return CParser


_CParser: Any = _libyaml_parser()
_CComposer: Any = None
if _CParser is not None:

    class _LibyamlComposer(_CParser, _CoreResolver):
        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _CoreResolver.__init__(self)

    _CComposer = _LibyamlComposer

#: libyaml when PyYAML has its C extension (``yaml.__with_libyaml__``), else PyYAML's own.
DEFAULT_COMPOSER: Composer = "libyaml" if _CComposer is not None else "pyyaml"


def _compose_pyyaml(text: str, composer: Composer) -> Any:
    loader = (_CComposer if composer == "libyaml" else _PureComposer)(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def compose(text: str, filename: str, composer: Composer | None = None) -> Any:
    """Parse ``text`` into a node graph; problems raise :class:`ParseAbort`.

    ``composer`` defaults to :data:`DEFAULT_COMPOSER`. Whatever PyYAML refuses is composed
    again by ruamel.yaml, which reports the problem (or accepts the text).
    """
    return _compose(text, filename, composer)[0]


def _compose(text: str, filename: str, composer: Composer | None) -> tuple[Any, bool]:
    """(node graph, whether PyYAML composed it)."""
    composer = composer or DEFAULT_COMPOSER
    if composer == "libyaml" and _CComposer is None:
        composer = "pyyaml"
    if composer != "ruamel" and not _REFERENCE_ONLY.search(text):
        try:
            return _compose_pyyaml(text, composer), True
        except (yaml.YAMLError, RecursionError, ValueError):
            pass  # ruamel decides: the same problem as ever, or it accepts the text
    return _compose_ruamel(text, filename), False


def _compose_ruamel(text: str, filename: str) -> Node | None:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

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


def _position(node: Any) -> Position:
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


class _UseReference(Exception):
    """A construct whose positions only ruamel itself can give: compose with ruamel."""


class _Builder:
    def __init__(self, filename: str, text: str | None = None) -> None:
        self.filename = filename
        self.text = text  # set for PyYAML node graphs: empty values are placed as ruamel does
        self.tree = Tree()
        self.seen: set[int] = set()
        self.open: set[int] = set()
        self.aliases = 0
        self.nodes = 0

    def problem(self, code: str, node: Any, **params: Any) -> Problem:
        return Problem(code, self.filename, *_position(node), params)

    def build(self, node: Any, path: Path, position: Position | None = None) -> Any:
        self._count(node)
        self.tree.values[path] = position or _position(node)
        if node.tag not in ALLOWED_TAGS:
            tag = str(node.tag).replace(_STANDARD, "!!")
            self.tree.problems.append(self.problem("yaml.tag", node, tag=tag))
            return None
        if node.id == "scalar":
            if self.text is not None and node.value == "" and node.tag == _STR and not node.style:
                raise _UseReference  # ``!`` or ``!!str`` with nothing after it
            return _scalar(node)
        self.open.add(id(node))
        try:
            if node.id == "sequence":
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            return self._mapping(node, path)
        finally:
            self.open.discard(id(node))

    def _count(self, node: Any) -> None:
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

    def _mapping(self, node: Any, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar" or key_node.tag not in ALLOWED_TAGS:
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
            if self.text is not None and node.flow_style and _is_empty(key_node):
                raise _UseReference  # ``{? : a}``: libyaml places the empty key elsewhere
            self.tree.keys[key_path] = _position(key_node)
            position = None
            if self.text is not None and _is_empty(value_node):
                position = self._empty_value_position(node, key_node, value_node)
            result[key] = self.build(value_node, key_path, position)
        return result

    # Where ruamel places an empty value (``nama:``): PyYAML and libyaml put it elsewhere.
    def _empty_value_position(self, mapping: Any, key_node: Any, value_node: Any) -> Position:
        text = self.text or ""
        at = value_node.start_mark.index  # libyaml/PyYAML: a character offset
        if mapping.flow_style:  # ruamel: just after the ':' (PyYAML: there; libyaml: next token)
            colon = self._skip_blank(key_node.end_mark.index)
            if colon == at:  # no ':' ({a, b}): the next token, for all of them
                return self._position_at(at)
            if (
                colon < len(text)
                and text[colon] == ":"
                and at in (colon + 1, self._skip_blank(colon + 1))
            ):
                return self._position_at(colon + 1)
            raise _UseReference
        if at > 0 and text[at - 1] == ":":  # after "key:", ruamel takes the END of the next token
            at = self._skip_blank(at)
            if text[at : at + 1] in ("?", ":") and text[at + 1 : at + 2] in ("", " ", "\n", "\r"):
                at += 1  # an explicit key or value indicator; other tokens there are zero-width
        return self._position_at(at)

    def _skip_blank(self, at: int) -> int:
        """First offset from ``at`` that is not a space, a line break or in a comment."""
        text = self.text or ""
        while at < len(text):
            char = text[at]
            if char == "#":
                end = text.find("\n", at)
                at = len(text) if end < 0 else end
            elif char in " \r\n":
                at += 1
            else:
                break
        return at

    def _position_at(self, offset: int) -> Position:
        """1-based position of a character offset; past the end: where ruamel's stream ends."""
        return position_of_offset(self.text or "", min(offset, len(self.text or "")))


def _is_empty(node: Any) -> bool:
    """An empty plain scalar the parser made up where nothing was written (``key:``)."""
    return (
        node.id == "scalar"
        and node.value == ""
        and not node.style
        and node.start_mark.index == node.end_mark.index
    )


def _scalar(node: Any) -> Any:
    tag, text = node.tag, node.value
    if tag == _NULL:
        return None
    if tag == _INT and _CANONICAL_INT.fullmatch(text):
        return int(text)
    return text


def build_tree(node: Any, filename: str, text: str | None = None) -> Tree:
    """Walk a composed node graph into a :class:`Tree` (raises ``ParseAbort`` on alias bombs).

    ``text`` is the source of a graph composed by PyYAML: empty values are then placed where
    ruamel places them.
    """
    builder = _Builder(filename, text)
    position = builder._position_at(node.start_mark.index) if text and _is_empty(node) else None
    builder.tree.data = builder.build(node, (), position)
    return builder.tree


def parse_yaml(text: str, filename: str, composer: Composer | None = None) -> Tree | None:
    """Text → :class:`Tree`, or ``None`` for an empty document."""
    node, by_pyyaml = _compose(text, filename, composer)
    if node is None:
        return None
    if not by_pyyaml:
        return build_tree(node, filename)
    try:
        return build_tree(node, filename, text)
    except (_UseReference, RecursionError):  # too deep for the walk: ruamel says so, as before
        return parse_yaml(text, filename, "ruamel")


def roundtrip_yaml() -> YAML:
    """A ruamel round-trip instance (comments, key order and quoting kept) for dumping."""
    from ruamel.yaml import YAML

    rt = YAML(typ="rt")  # YAML 1.2 is ruamel's default; no %YAML directive is written
    rt.preserve_quotes = True
    rt.width = 4096  # never fold long lines (folding leaves trailing spaces)
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.allow_unicode = True
    return rt

"""Write documents as YAML or JSON, and fingerprint them.

- ``dump_yaml(loaded)`` of a :class:`LoadedDocument` read from YAML writes the file back
  through ruamel's round trip: key order, comments and quoting stay as the author wrote them.
- ``dump_yaml(document)`` writes keys in the order of SOP-FORMAT.md, leaves out empty values
  (``None``, empty lists and blocks, the defaults ``simbol: proses`` and ``jenis: internal``,
  which read back the same), writes dates as ``YYYY-MM-DD`` and quotes every string an old
  YAML 1.1 reader would misread (``"no"``, ``"Y"``, ``"on"``, ``"1.0"``, ``"1:20"``).
- ``canonical_json`` (sorted keys, no whitespace, UTF-8, the same pruned data) and
  ``document_hash`` (its SHA-256) bind an approval to an exact version; documents that
  compare equal have the same hash.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from sopan.document.loader import LoadedDocument
from sopan.document.model import SopDocument
from sopan.document.yamltree import roundtrip_yaml

# Plain scalars that YAML 1.1 (PyYAML and many other readers) would not read as text.
_YAML11_NOT_TEXT = re.compile(
    r"""(?x)^(?:
      y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
    | ~|null|Null|NULL|=|<<
    | [-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(?:0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+
    | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
    | [-+]?(?:[0-9][0-9_]*)?\.[0-9._]*(?:[eE][-+][0-9]+)?
    | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
    | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt\ \t].*)?
    | [-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+
    )$"""
)

_DEFAULTS = {"simbol": "proses", "jenis": "internal"}


def to_data(document: SopDocument) -> dict[str, Any]:
    """The document as ordered plain data, with empty and default values left out."""
    pruned = _prune(document.model_dump(mode="python"))
    return pruned if isinstance(pruned, dict) else {}


def _prune(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        result = {}
        for k, v in value.items():
            item = _prune(v, k)
            if item is None or item == [] or item == {} or _DEFAULTS.get(k, object()) == item:
                continue
            result[k] = item
        return result
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _quote_for_yaml11(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _quote_for_yaml11(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_quote_for_yaml11(v) for v in value]
    if isinstance(value, str) and _YAML11_NOT_TEXT.match(value):
        return DoubleQuotedScalarString(value)
    return value


# Text safe to write plain inside ``{...}`` / ``[...]``; anything else is double-quoted
# (ruamel's emitter does not quote every indicator correctly in flow context).
_FLOW_PLAIN = re.compile(r"[^\W_][\w .()/-]*[\w.)]|[^\W_]")


def _flow_scalar(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, DoubleQuotedScalarString):
        return value if _FLOW_PLAIN.fullmatch(value) else DoubleQuotedScalarString(value)
    return value


def _flow(value: Any) -> Any:
    if isinstance(value, list):
        node: Any = CommentedSeq([_flow_scalar(v) for v in value])
    else:
        node = CommentedMap({k: _flow_scalar(v) for k, v in value.items()})
    node.fa.set_flow_style()
    return node


def _readable(data: dict[str, Any]) -> dict[str, Any]:
    """Short rows on one line, as people write them: actors, branches, step actor lists."""
    data = dict(data)
    if "pelaksana" in data:
        data["pelaksana"] = [_flow(actor) for actor in data["pelaksana"]]
    steps = []
    for step in data.get("langkah", []):
        step = dict(step)
        if "pelaksana" in step:
            step["pelaksana"] = _flow(step["pelaksana"])
        if "cabang" in step:
            step["cabang"] = [_flow(branch) for branch in step["cabang"]]
        steps.append(step)
    if steps:
        data["langkah"] = steps
    return data


def dump_yaml(doc: SopDocument | LoadedDocument) -> str:
    """YAML text; a YAML-sourced LoadedDocument keeps its comments and key order."""
    rt = roundtrip_yaml()
    stream = io.StringIO()
    if isinstance(doc, LoadedDocument) and doc.format == "yaml":
        rt.dump(doc.yaml_tree, stream)
        return stream.getvalue()
    document = doc.document if isinstance(doc, LoadedDocument) else doc
    rt.dump(_readable(_quote_for_yaml11(to_data(document))), stream)
    return stream.getvalue()


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dump_json(doc: SopDocument | LoadedDocument) -> str:
    """Indented JSON in the key order of the format page, ending with a newline."""
    document = doc.document if isinstance(doc, LoadedDocument) else doc
    data = to_data(document)
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def canonical_json(doc: SopDocument | LoadedDocument) -> bytes:
    """Sorted keys, no whitespace, UTF-8: the same bytes for equal documents."""
    document = doc.document if isinstance(doc, LoadedDocument) else doc
    text = json.dumps(
        to_data(document),
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=_json_default,
    )
    return text.encode("utf-8")


def document_hash(doc: SopDocument | LoadedDocument) -> str:
    """SHA-256 (hex) of :func:`canonical_json`."""
    return hashlib.sha256(canonical_json(doc)).hexdigest()

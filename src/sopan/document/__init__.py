"""The SOP document core: pure Python, no Django.

Load, validate, write, time, graph and compare SOP documents (``SOP-FORMAT.md``).

Names are imported on first use (PEP 562), so a command that only loads and renders does not
pay for the diff, the calendar or the YAML writer at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sopan.document.calendar import WorkingCalendar
    from sopan.document.diff import DocumentDiff, diff_documents
    from sopan.document.durations import Waktu, format_minutes_id, parse_waktu
    from sopan.document.errors import DocumentLoadError, Problem
    from sopan.document.graph import Edge, LongestPath, StepGraph
    from sopan.document.loader import DEFAULT_MAX_BYTES, LoadedDocument, load_document, load_path
    from sopan.document.model import Actor, SopDocument, Step
    from sopan.document.writer import canonical_json, document_hash, dump_json, dump_yaml

_EXPORTS = {
    "Actor": "sopan.document.model",
    "DEFAULT_MAX_BYTES": "sopan.document.loader",
    "DocumentDiff": "sopan.document.diff",
    "DocumentLoadError": "sopan.document.errors",
    "Edge": "sopan.document.graph",
    "LoadedDocument": "sopan.document.loader",
    "LongestPath": "sopan.document.graph",
    "Problem": "sopan.document.errors",
    "SopDocument": "sopan.document.model",
    "Step": "sopan.document.model",
    "StepGraph": "sopan.document.graph",
    "Waktu": "sopan.document.durations",
    "WorkingCalendar": "sopan.document.calendar",
    "canonical_json": "sopan.document.writer",
    "diff_documents": "sopan.document.diff",
    "document_hash": "sopan.document.writer",
    "dump_json": "sopan.document.writer",
    "dump_yaml": "sopan.document.writer",
    "format_minutes_id": "sopan.document.durations",
    "load_document": "sopan.document.loader",
    "load_path": "sopan.document.loader",
    "parse_waktu": "sopan.document.durations",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sopan.document' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_MAX_BYTES",
    "Actor",
    "DocumentDiff",
    "DocumentLoadError",
    "Edge",
    "LoadedDocument",
    "LongestPath",
    "Problem",
    "SopDocument",
    "Step",
    "StepGraph",
    "Waktu",
    "WorkingCalendar",
    "canonical_json",
    "diff_documents",
    "document_hash",
    "dump_json",
    "dump_yaml",
    "format_minutes_id",
    "load_document",
    "load_path",
    "parse_waktu",
]

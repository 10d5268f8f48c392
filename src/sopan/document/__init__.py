"""The SOP document core: pure Python, no Django.

Load, validate, write, time, graph and compare SOP documents (``SOP-FORMAT.md``).
"""

from sopan.document.calendar import WorkingCalendar
from sopan.document.diff import DocumentDiff, diff_documents
from sopan.document.durations import Waktu, format_minutes_id, parse_waktu
from sopan.document.errors import DocumentLoadError, Problem
from sopan.document.graph import Edge, LongestPath, StepGraph
from sopan.document.loader import DEFAULT_MAX_BYTES, LoadedDocument, load_document, load_path
from sopan.document.model import Actor, SopDocument, Step
from sopan.document.writer import canonical_json, document_hash, dump_json, dump_yaml

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

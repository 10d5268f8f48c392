"""The SOP document core: pure Python, no Django.

Load, validate, write, time, graph and compare SOP documents (``SOP-FORMAT.md``).
"""

from sopan.document.errors import DocumentLoadError, Problem
from sopan.document.loader import DEFAULT_MAX_BYTES, LoadedDocument, load_document, load_path
from sopan.document.model import Actor, SopDocument, Step
from sopan.document.writer import canonical_json, document_hash, dump_json, dump_yaml

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Actor",
    "DocumentLoadError",
    "LoadedDocument",
    "Problem",
    "SopDocument",
    "Step",
    "canonical_json",
    "document_hash",
    "dump_json",
    "dump_yaml",
    "load_document",
    "load_path",
]

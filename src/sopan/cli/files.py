"""Loading SOP files for CLI commands, with located errors printed for the user."""

from __future__ import annotations

from pathlib import Path

from sopan.cli.output import Console
from sopan.document import DocumentLoadError, LoadedDocument, load_path


def load_or_report(path: Path, console: Console) -> LoadedDocument | None:
    try:
        return load_path(path)
    except DocumentLoadError as error:
        for problem in error.problems:
            console.err.write(_located(problem, console.lang) + "\n")
        return None


def _located(problem: object, lang: str) -> str:
    message = problem.message(lang)  # type: ignore[attr-defined]
    parts = [str(getattr(problem, "file", ""))]
    for attr in ("line", "column"):
        value = getattr(problem, attr, None)
        if value:
            parts.append(str(value))
    return ":".join(parts) + ": " + message

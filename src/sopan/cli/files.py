"""Loading SOP files for CLI commands, with located errors printed for the user."""

from __future__ import annotations

from pathlib import Path

from sopan.cli.output import Console
from sopan.document import DocumentLoadError, LoadedDocument, Problem, load_path


def located(problem: Problem, lang: str) -> str:
    """``file:line:column: message`` in the user's language."""
    return f"{problem.location()}: {problem.message(lang)}"


def load_or_report(path: Path, console: Console) -> LoadedDocument | None:
    try:
        return load_path(path)
    except DocumentLoadError as error:
        for problem in error.problems:
            console.err.write(located(problem, console.lang) + "\n")
        return None

"""Printing for the CLI: messages in the chosen language, progress on long runs."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO

from sopan.i18n import translate


@dataclass
class Console:
    lang: str = "id"
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)

    def t(self, message: str, **params: object) -> str:
        return translate(message, self.lang, **params)

    def say(self, message: str, **params: object) -> None:
        print(self.t(message, **params), file=self.out)

    def raw(self, text: str) -> None:
        print(text, file=self.out)

    def error(self, message: str, **params: object) -> None:
        print(self.t(message, **params), file=self.err)

    def progress(self, done: int, total: int, label: str) -> None:
        """One line that rewrites itself on a terminal; quiet lines in logs."""
        if total < 2:
            return
        width = 30
        filled = int(width * done / total)
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label}"
        if self.err.isatty():
            end = "\n" if done == total else ""
            print("\r" + line[:100].ljust(100), end=end, file=self.err, flush=True)
        elif done == total or done % max(1, total // 10) == 0:
            print(line, file=self.err)

"""What the legal-basis checks may ask of a regulation register (pure protocol).

The web app adapts its Regulation table to it; the CLI can read a register file; without a
register, only what the text itself shows is checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class RegisterEntry:
    label: str  # e.g. "Peraturan Menteri PANRB Nomor 35 Tahun 2012"
    status: str  # berlaku | diubah | dicabut
    replaced_by: str | None = None  # label of the amending or revoking instrument


class RegisterLookup(Protocol):
    def lookup(self, line: str) -> RegisterEntry | None:
        """The register's entry for one dasar hukum line, or None when it is not known."""

"""What every renderer is told besides the document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Paper = Literal["a4", "f4"]
Orientation = Literal["landscape", "portrait"]

# Paper sizes in millimetres (width × height, portrait). F4 is the Indonesian folio.
PAPER_MM: dict[str, tuple[float, float]] = {"a4": (210.0, 297.0), "f4": (215.0, 330.0)}
POINTS_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class RenderOptions:
    paper: Paper = "a4"
    orientation: Orientation = "landscape"
    # A document not in force is a draft: every page carries a large diagonal KONSEP mark.
    draft: bool = True
    # A version in force carries on every page a QR code pointing here.
    verify_url: str | None = None
    # Status word for the footer/verification (e.g. "BERLAKU"); None = not shown.
    status_label: str | None = None
    # Internal system version number, printed in the footer beside the document's versi.
    system_version: int | None = None
    logo_path: Path | None = None
    lang: str = "id"

    def page_size_mm(self) -> tuple[float, float]:
        width, height = PAPER_MM[self.paper]
        return (height, width) if self.orientation == "landscape" else (width, height)

    def page_size_pt(self) -> tuple[float, float]:
        width, height = self.page_size_mm()
        return width * POINTS_PER_MM, height * POINTS_PER_MM

    def cache_key(self) -> str:
        """Stable text for caching a rendered file of one version with these options."""
        parts = [
            self.paper,
            self.orientation,
            "konsep" if self.draft else "final",
            self.verify_url or "-",
            self.lang,
        ]
        return "|".join(parts)

"""Family of bahasa Indonesia yang jelas rules (codes BHS...)."""

from __future__ import annotations

FAMILY = "bahasa"

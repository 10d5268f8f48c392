"""Family of dasar hukum rules (codes HKM...)."""

from __future__ import annotations

FAMILY = "hukum"

"""Family of tanggal dan tata kelola rules (codes TGL...)."""

from __future__ import annotations

FAMILY = "tata_kelola"

"""Family of waktu (mutu baku waktu, standar waktu pelayanan) rules (codes WKT...)."""

from __future__ import annotations

FAMILY = "waktu"

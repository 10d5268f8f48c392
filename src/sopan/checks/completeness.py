"""Family of kelengkapan unsur SOP (dua belas unsur panduan dan identitas SOP AP) rules (codes LKP...)."""

from __future__ import annotations

FAMILY = "kelengkapan"

"""Shared paths for the document core tests (no database needed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
FIXTURES = REPO / "tests" / "fixtures" / "documents"
REAL_SOPS = sorted((SHARED / "data" / "real-sops").glob("*.sop.yaml"))


def spec_example() -> str:
    """The YAML example block of SOP-FORMAT.md."""
    text = (SHARED / "design" / "SOP-FORMAT.md").read_text(encoding="utf-8")
    match = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert match is not None
    return match.group(1)


@pytest.fixture
def spec_yaml() -> str:
    return spec_example()

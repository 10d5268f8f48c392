"""In CI every tool the tests use must be present, so that no test can quietly skip there.

A few tests skip when a Debian tool (pdftotext, zbarimg, soffice, chromium) or ../shared is
missing on a developer's machine; `make test` installs the tools (bin/system-packages), and
this test fails in CI (CI=true) if any is still missing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

TOOLS = ("pdftotext", "pdftoppm", "pdfinfo", "zbarimg", "soffice", "chromium", "msgfmt")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.mark.skipif(os.environ.get("CI") != "true", reason="checked in CI only")
def test_every_tool_the_tests_use_is_installed() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    assert not missing, f"install with bin/system-packages: {missing}"
    assert (SHARED / "data" / "real-sops").is_dir(), "../shared is missing"

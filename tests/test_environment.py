"""In CI every tool the tests use must be present, so that no test can quietly skip there.

Tests that need a Debian tool (pdftotext, zbarimg, soffice, chromium) fail, not skip, when it
is missing; `make test` installs the tools (bin/system-packages). This test names what is
missing in one line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

TOOLS = ("pdftotext", "pdftoppm", "pdfinfo", "zbarimg", "soffice", "chromium", "msgfmt")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def test_every_tool_the_tests_use_is_installed() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    assert not missing, f"install with bin/system-packages: {missing}"
    assert (SHARED / "data" / "real-sops").is_dir(), "../shared is missing"

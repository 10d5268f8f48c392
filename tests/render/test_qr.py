"""QR codes of the verification URL decode back to it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sopan.render.qr import qr_png, qr_svg

URL = "https://sopan.example.go.id/v/7f3a-0001?x=1&y=2"


def test_svg_is_standalone_svg() -> None:
    svg = qr_svg(URL)
    assert svg.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert svg.rstrip().endswith("</svg>")


def test_png_decodes(tmp_path: Path) -> None:
    data = qr_png(URL, scale=6)
    assert data.startswith(b"\x89PNG")
    (tmp_path / "q.png").write_bytes(data)
    out = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "q.png")], capture_output=True)
    assert out.stdout.decode().strip() == URL

"""QR codes for the verification page of a version in force (segno, pure Python).

``qr_svg`` gives a standalone SVG (no XML declaration) that the PDF embeds as an image and the
HTML pages inline; ``qr_png`` gives a PNG for Word documents. Both use error correction level
M and a quiet zone of two modules: the code always sits on white paper, so two modules are
enough for phone cameras and ``zbarimg``, and the code stays small in a footer.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # segno is imported when a QR code is made (drafts have none)
    import segno

QUIET_ZONE = 2


def _make(url: str) -> segno.QRCode:
    import segno

    return segno.make(url, error="m", micro=False)


def qr_svg(url: str) -> str:
    """The QR code for ``url`` as SVG text; one module is one user unit, black on white."""
    buffer = io.BytesIO()
    _make(url).save(
        buffer,
        kind="svg",
        border=QUIET_ZONE,
        xmldecl=False,
        svgns=True,
        svgclass=None,
        lineclass=None,
        light="#fff",
        dark="#000",
    )
    return buffer.getvalue().decode("utf-8")


def qr_png(url: str, scale: int = 4) -> bytes:
    """The QR code for ``url`` as PNG bytes, ``scale`` pixels per module."""
    buffer = io.BytesIO()
    _make(url).save(buffer, kind="png", border=QUIET_ZONE, scale=max(1, int(scale)))
    return buffer.getvalue()

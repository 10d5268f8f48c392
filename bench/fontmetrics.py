"""Generate ``src/sopan/render/fonts/notosans-metrics.json`` from the bundled Noto Sans.

Run: ``.venv/bin/python bench/fontmetrics.py``. The layout reads only the JSON at run time
(pure and fast); fontTools is a development dependency used here only.

The JSON holds, per style (``regular``, ``bold``), the horizontal advance of every code point
the font maps, in font units, run-length packed: ``[[first_code_point, advance, advance, ...],
...]`` for consecutive code points; plus ``units_per_em``, ``ascender`` and ``descender``
(hhea) and the advance of the missing glyph (``.notdef``), used for unmapped characters.
"""

from __future__ import annotations

import json
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parents[1] / "src" / "sopan" / "render" / "fonts"
STYLES = {"regular": "NotoSans-Regular.ttf", "bold": "NotoSans-Bold.ttf"}


def advances(font: TTFont) -> list[list[int]]:
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    runs: list[list[int]] = []
    last = -2
    for code in sorted(cmap):
        advance = hmtx[cmap[code]][0]
        if code == last + 1 and runs:
            runs[-1].append(advance)
        else:
            runs.append([code, advance])
        last = code
    return runs


def main() -> None:
    data: dict[str, object] = {"family": "Noto Sans"}
    for style, filename in STYLES.items():
        font = TTFont(FONTS / filename)
        data["units_per_em"] = font["head"].unitsPerEm
        data[style] = {
            "ascender": font["hhea"].ascent,
            "descender": font["hhea"].descent,
            "notdef": font["hmtx"][".notdef"][0],
            "advances": advances(font),
        }
    out = FONTS / "notosans-metrics.json"
    out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{out}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()

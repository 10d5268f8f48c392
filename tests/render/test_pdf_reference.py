"""Page images of three example SOPs against the stored references (``tests/render/reference``).

A failure means the PDF looks different. If the change is intended (a new layout, a new
footer, ...), look at the new PDFs and refresh the references deliberately with
``make reference-images`` (``tests/render/make_reference.py``), then commit the images.
"""

from __future__ import annotations

import gzip

import pytest

from tests.render.make_reference import (
    CASES,
    PAGES,
    mean_abs_difference,
    rasterise,
    reference_path,
    render_case,
)

# Mean absolute grey difference per pixel (0–255). Font hinting or antialiasing changes stay
# far below this; a moved column, a missing line of text or a missing symbol goes above it.
TOLERANCE = 1.5


@pytest.mark.parametrize(("name", "example", "options"), CASES, ids=[c[0] for c in CASES])
def test_pages_match_the_reference_images(name: str, example: str, options: object) -> None:
    images = rasterise(render_case(example, options))  # type: ignore[arg-type]
    assert len(images) == PAGES
    for number, image in enumerate(images, 1):
        path = reference_path(name, number)
        assert path.exists(), f"{path} missing: run `make reference-images`"
        diff = mean_abs_difference(image, gzip.decompress(path.read_bytes()))
        assert diff < TOLERANCE, (
            f"page {number} of {name} differs from {path.name} (mean |Δ| = {diff:.2f} ≥ "
            f"{TOLERANCE}). If the change is intended, refresh with `make reference-images` "
            "and commit tests/render/reference/."
        )

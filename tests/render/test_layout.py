"""The procedure table layout: geometry invariants on generated and real SOPs."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopan.document import SopDocument
from sopan.render.layout import layout_procedure
from sopan.render.options import RenderOptions
from tests.render.conftest import ALL_SOP_FILES, assert_layout_invariants, sop_documents

OPTIONS = [
    RenderOptions(paper=paper, orientation=orientation)  # type: ignore[arg-type]
    for paper in ("a4", "f4")
    for orientation in ("landscape", "portrait")
]


@pytest.mark.parametrize("path", ALL_SOP_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: f"{o.paper}-{o.orientation}")
def test_examples_lay_out(path, options, example_documents) -> None:
    doc = example_documents[path.name]
    layout = layout_procedure(doc, options)
    assert (layout.width, layout.height) == pytest.approx(options.page_size_pt())
    assert_layout_invariants(doc, layout)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=sop_documents(), options=st.sampled_from(OPTIONS))
def test_generated_sops_keep_the_invariants(doc: SopDocument, options: RenderOptions) -> None:
    assert_layout_invariants(doc, layout_procedure(doc, options))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=sop_documents(min_steps=60, max_steps=80, max_actors=12))
def test_large_generated_sops(doc: SopDocument) -> None:
    assert_layout_invariants(doc, layout_procedure(doc, RenderOptions(orientation="portrait")))

"""The editor form is lossless: document → form → posted fields → form → the same document."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from sopan.document import load_path
from sopan.sops.editor_forms import form_from_document, form_from_post, form_pairs, form_validate

EXAMPLES = sorted(Path(__file__).parents[2].joinpath("examples").glob("*.sop.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_survives_the_form(path: Path) -> None:
    document = load_path(path).document
    form = form_from_document(document)
    posted = form_from_post(QueryDict(urlencode(form_pairs(form))))
    assert posted == form
    checked = form_validate(posted, nomor=document.nomor)
    assert checked.errors == {}
    assert checked.document == document


def test_nomor_is_never_taken_from_the_form() -> None:
    document = load_path(EXAMPLES[0]).document
    pairs = [*form_pairs(form_from_document(document)), ("nomor", "PALSU/1")]
    checked = form_validate(form_from_post(QueryDict(urlencode(pairs))), nomor="SOP-1/X/2025")
    assert checked.document is not None and checked.document.nomor == "SOP-1/X/2025"


def test_a_blank_row_is_dropped_and_keys_outside_digits_ignored() -> None:
    document = load_path(EXAMPLES[0]).document
    pairs = [
        *form_pairs(form_from_document(document)),
        ("langkah", "99"),
        ("langkah.99.simbol", "proses"),
        ("langkah", "../x"),
    ]
    checked = form_validate(form_from_post(QueryDict(urlencode(pairs))), nomor=document.nomor)
    assert checked.document == document

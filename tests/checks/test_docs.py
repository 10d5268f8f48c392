"""docs/checks.md is the generator's output, so it never goes stale."""

from __future__ import annotations

from pathlib import Path

from sopan.checks import registered_rules
from sopan.checks.docs import generate

DOCS = Path(__file__).resolve().parents[2] / "docs" / "checks.md"


def test_docs_checks_md_is_up_to_date() -> None:
    assert DOCS.read_text(encoding="utf-8") == generate(), (
        "docs/checks.md is stale: run `python -m sopan.checks.docs > docs/checks.md`"
    )


def test_every_rule_has_a_section_with_examples() -> None:
    text = generate()
    for code, registered in registered_rules().items():
        assert f"### {code}\n" in text
        assert registered.info.why in text
    assert "aktor_maks_a4" in text and "langkah_maks" in text
    assert "step.unknown_actor" in text

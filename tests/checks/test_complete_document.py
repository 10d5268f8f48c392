"""The complete reference document is quiet: every rule's "stays quiet" case starts here."""

from __future__ import annotations

from sopan.checks import registered_rules
from tests.checks.documents import COMPLETE, check


def test_complete_document_has_no_findings() -> None:
    assert [(f.code, f.location) for f in check(COMPLETE)] == []


def test_every_rule_has_metadata() -> None:
    for code, registered in registered_rules().items():
        info = registered.info
        assert info.code == code and info.family and info.title and info.why, code
        assert info.bad and info.good, code

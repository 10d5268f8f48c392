"""Findings, the rule registry and the runner."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from sopan.document import LoadedDocument, SopDocument, StepGraph
from sopan.i18n import translate

# Modules of rule families, imported once by run_checks so their @rule decorators run.
FAMILIES = ("sopan.checks.structure",)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class Location:
    step: str | None = None
    field: str | None = None
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "field": self.field, "line": self.line}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message_id: str
    hint_id: str = ""
    location: Location = field(default_factory=Location)
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "id") -> str:
        return translate(self.message_id, lang, **self.params)

    def hint(self, lang: str = "id") -> str:
        return translate(self.hint_id, lang, **self.params) if self.hint_id else ""

    def to_dict(self, lang: str = "id") -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message(lang),
            "hint": self.hint(lang),
            "location": self.location.to_dict(),
        }


@dataclass
class CheckContext:
    """What a rule may read: the document, its graph, and where things are in the file."""

    document: SopDocument
    loaded: LoadedDocument | None = None

    @cached_property
    def graph(self) -> StepGraph:
        return StepGraph.from_document(self.document)

    def step_location(self, step_id: str, field_name: str | None = None) -> Location:
        line = None
        if self.loaded is not None:
            line = self.loaded.step_line(step_id)
            if field_name is not None:
                index = self.document.step_ids().index(step_id)
                found = self.loaded.locate(("langkah", index, field_name))
                line = found[0] if found else line
        return Location(step=step_id, field=field_name, line=line)

    def field_location(self, *path: str | int) -> Location:
        line = None
        if self.loaded is not None:
            found = self.loaded.locate(tuple(path))
            line = found[0] if found else None
        return Location(field=".".join(str(p) for p in path), line=line)


RuleFunction = Callable[[CheckContext], Iterable[Finding]]
_RULES: dict[str, RuleFunction] = {}


def rule(code: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule under a stable code (one code per rule function)."""

    def decorate(function: RuleFunction) -> RuleFunction:
        if code in _RULES and _RULES[code] is not function:
            raise ValueError(f"duplicate check code {code}")
        _RULES[code] = function
        return function

    return decorate


def registered_rules() -> dict[str, RuleFunction]:
    for module in FAMILIES:
        importlib.import_module(module)
    return dict(_RULES)


def run_checks(
    source: LoadedDocument | SopDocument,
    *,
    disabled: Iterable[str] = (),
    min_severity: Severity = Severity.INFO,
) -> list[Finding]:
    """Every finding of every enabled rule, in step order, errors before warnings."""
    if isinstance(source, LoadedDocument):
        context = CheckContext(document=source.document, loaded=source)
    else:
        context = CheckContext(document=source)
    skip = set(disabled)
    findings: list[Finding] = []
    for code, function in registered_rules().items():
        if code in skip:
            continue
        findings.extend(f for f in function(context) if f.severity.rank >= min_severity.rank)
    order = {step_id: i for i, step_id in enumerate(context.document.step_ids())}
    return sorted(findings, key=lambda f: _sort_key(f, order))


def _sort_key(finding: Finding, order: dict[str, int]) -> tuple[int, int, str]:
    position = order.get(finding.location.step or "", -1)
    return (position, -finding.severity.rank, finding.code)


def iter_steps(context: CheckContext) -> Iterator[tuple[int, Any]]:
    yield from enumerate(context.document.langkah)

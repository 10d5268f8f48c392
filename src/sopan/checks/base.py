"""Findings, the rule registry and the runner.

A rule is a function ``(context) -> Iterable[Finding]`` registered with :func:`rule`, which
also records what the rule is for (its family, default severity, the principle or regulation
behind it, and a bad and a good example). ``docs/checks.md`` is generated from that record.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sopan.checks.config import CheckConfig
from sopan.checks.register import RegisterLookup
from sopan.checks.severity import Severity
from sopan.document import (
    LoadedDocument,
    LongestPath,
    SopDocument,
    StepGraph,
    format_minutes_id,
)
from sopan.i18n import translate

# Modules of rule families, imported once by registered_rules() so their @rule decorators run.
FAMILIES = (
    "sopan.checks.structure",
    "sopan.checks.completeness",
    "sopan.checks.timing",
    "sopan.checks.language",
    "sopan.checks.legal",
    "sopan.checks.governance",
)


@dataclass(frozen=True)
class Location:
    step: str | None = None
    field: str | None = None
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "field": self.field, "line": self.line}


@dataclass(frozen=True)
class Minutes:
    """A duration parameter of a message, written in the message's language
    (``2 hari kerja 3 jam`` / ``2 working days 3 hours``)."""

    minutes: float

    def localise(self, lang: str) -> str:
        return format_minutes_id(self.minutes, lang)

    def __str__(self) -> str:
        return self.localise("id")


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message_id: str
    hint_id: str = ""
    location: Location = field(default_factory=Location)
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "id") -> str:
        return translate(self.message_id, lang, **self._params(lang))

    def hint(self, lang: str = "id") -> str:
        return translate(self.hint_id, lang, **self._params(lang)) if self.hint_id else ""

    def _params(self, lang: str) -> dict[str, Any]:
        return {
            k: v.localise(lang) if isinstance(v, Minutes) else v for k, v in self.params.items()
        }

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
    """What a rule may read: the document, its graph, where things are in the file, the
    instansi's configuration, the regulation register (if any) and today's date."""

    document: SopDocument
    loaded: LoadedDocument | None = None
    config: CheckConfig = field(default_factory=CheckConfig)
    register: RegisterLookup | None = None
    today: dt.date = field(default_factory=dt.date.today)
    # True when the caller says this version is in force (status "berlaku"): some findings
    # weigh more then (an in-force SOP without a signing position is wrong, not unfinished).
    in_force: bool = False

    @cached_property
    def graph(self) -> StepGraph:
        return StepGraph.from_document(self.document)

    @cached_property
    def longest_path(self) -> LongestPath:
        """The graph's longest loop-free path (computed once per run)."""
        return self.graph.longest_path()

    @cached_property
    def step_index(self) -> dict[str, int]:
        return {step_id: i for i, step_id in enumerate(self.document.step_ids())}

    def step_location(
        self, step_id: str, field_name: str | None = None, *sub: str | int
    ) -> Location:
        """Where a step (or one of its fields) is written. ``sub`` goes deeper into the field
        (``"cabang", 1``) for the line; the location's field stays ``field_name``. A field
        that is not written gives the line of the step."""
        line = None
        if self.loaded is not None:
            line = self.loaded.step_line(step_id)
            if field_name is not None and step_id in self.step_index:
                base: tuple[str | int, ...] = ("langkah", self.step_index[step_id], field_name)
                for depth in range(len(sub), -1, -1):
                    found = self.loaded.locate((*base, *sub[:depth]))
                    if found:
                        line = found[0]
                        break
        return Location(step=step_id, field=field_name, line=line)

    def field_location(self, *path: str | int, nearest: bool = False) -> Location:
        """Where a top-level field is written. With ``nearest``, a path that is not written
        gives the line of its closest written parent (``tanggal`` for ``tanggal.efektif``)."""
        line = None
        if self.loaded is not None:
            for depth in range(len(path), 0 if nearest else len(path) - 1, -1):
                found = self.loaded.locate(tuple(path[:depth]))
                if found:
                    line = found[0]
                    break
        return Location(field=".".join(str(p) for p in path), line=line)

    def finding(
        self,
        code: str,
        message_id: str,
        hint_id: str = "",
        location: Location | None = None,
        **params: Any,
    ) -> Finding:
        """A finding of rule ``code`` with the severity the configuration gives it."""
        return self.finding_at(
            RULES[code].info.severity, code, message_id, hint_id, location, **params
        )

    def finding_at(
        self,
        default: Severity,
        code: str,
        message_id: str,
        hint_id: str = "",
        location: Location | None = None,
        **params: Any,
    ) -> Finding:
        """Like :meth:`finding`, for a rule whose severity depends on the document (e.g. an
        error only when the version is in force); the configuration still overrides it."""
        severity = self.config.severity.get(code, default)
        return Finding(code, severity, message_id, hint_id, location or Location(), params)


@dataclass(frozen=True)
class RuleInfo:
    """What a rule is for; the source of docs/checks.md."""

    code: str
    family: str
    severity: Severity
    title: str  # short Indonesian msgid
    why: str  # the principle or regulation behind it (Indonesian msgid)
    bad: str = ""  # an example that fires (text or YAML snippet)
    good: str = ""  # the same example fixed


RuleFunction = Callable[[CheckContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    info: RuleInfo
    function: RuleFunction


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    *,
    family: str,
    severity: Severity,
    title: str,
    why: str,
    bad: str = "",
    good: str = "",
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule under a stable code (one code per rule function)."""

    def decorate(function: RuleFunction) -> RuleFunction:
        if code in RULES and RULES[code].function is not function:
            raise ValueError(f"duplicate check code {code}")
        info = RuleInfo(code, family, severity, title, why, bad, good)
        RULES[code] = Rule(info, function)
        return function

    return decorate


def registered_rules() -> dict[str, Rule]:
    for module in FAMILIES:
        if module not in sys.modules:
            importlib.import_module(module)
    return dict(RULES)


def run_checks(
    source: LoadedDocument | SopDocument,
    *,
    config: CheckConfig | None = None,
    register: RegisterLookup | None = None,
    today: dt.date | None = None,
    min_severity: Severity = Severity.INFO,
    in_force: bool = False,
) -> list[Finding]:
    """Every finding of every enabled rule, in step order, errors before warnings.

    ``in_force``: the version is in force (status ``berlaku``); see :class:`CheckContext`."""
    document = source.document if isinstance(source, LoadedDocument) else source
    context = CheckContext(
        document=document,
        loaded=source if isinstance(source, LoadedDocument) else None,
        config=config or CheckConfig(),
        register=register,
        today=today or dt.date.today(),
        in_force=in_force,
    )
    findings: list[Finding] = []
    for code, registered in registered_rules().items():
        if code in context.config.disabled:
            continue
        findings.extend(
            f for f in registered.function(context) if f.severity.rank >= min_severity.rank
        )
    order = context.step_index
    return sorted(findings, key=lambda f: _sort_key(f, order))


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that stop an SOP from being sent for approval (errors)."""
    return [f for f in findings if f.severity is Severity.ERROR]


def _sort_key(finding: Finding, order: dict[str, int]) -> tuple[int, int, str]:
    position = order.get(finding.location.step or "", -1)
    return (position, -finding.severity.rank, finding.code)

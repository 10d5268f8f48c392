"""Reference checks that make a document unusable when they fail (load errors).

They run on the plain data (not the model) so they still report when some other value has
the wrong type: step ids unique and present, every ``ke``/``cabang.ke`` names a step, a
decision has ``cabang``, every step actor is declared, actor ids unique. Anything that is a
matter of quality (two exits per decision, a reachable end…) belongs to the checks package.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sopan.document.yamltree import Path


@dataclass(frozen=True)
class Finding:
    """A problem before it is located: code, where in the data, and message parameters."""

    code: str
    path: Path
    params: dict[str, Any] = field(default_factory=dict)


def _items(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _text(value: Any) -> str | None:
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None


def raw_step_id(step: dict[str, Any]) -> str | None:
    """The step id as the model will see it: ``id``, else the text of ``no``."""
    return _text(step.get("id")) if step.get("id") is not None else _text(step.get("no"))


def _suggest(name: str, known: list[str], params: dict[str, Any]) -> dict[str, Any]:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        params.update(kind="suggestion", suggestion=close[0])
    return params


def check_integrity(data: dict[str, Any]) -> list[Finding]:
    """All reference problems of a document's plain data, in document order."""
    findings: list[Finding] = []
    actors = _check_actors(data, findings)
    steps = _check_step_ids(data, findings)
    known = list(steps)
    for i, step in _items(data, "langkah"):
        name = raw_step_id(step) or f"#{i + 1}"
        for path, target in _targets(step, ("langkah", i)):
            if target not in steps:
                params = _suggest(target, known, {"step": name, "target": target})
                findings.append(Finding("step.unknown_target", path, params))
        if step.get("simbol") == "keputusan" and not step.get("cabang"):
            findings.append(
                Finding("step.decision_without_branches", ("langkah", i, "simbol"), {"step": name})
            )
        findings.extend(_check_step_actors(step, i, name, actors))
    return findings


def _check_actors(data: dict[str, Any], findings: list[Finding]) -> dict[str, Path]:
    actors: dict[str, Path] = {}
    for i, actor in _items(data, "pelaksana"):
        actor_id = _text(actor.get("id"))
        if actor_id is None:
            continue
        if actor_id in actors:
            findings.append(
                Finding(
                    "actor.duplicate_id",
                    ("pelaksana", i, "id"),
                    {"actor": actor_id, "first": actors[actor_id]},
                )
            )
            continue
        actors[actor_id] = ("pelaksana", i, "id")
    return actors


def _check_step_ids(data: dict[str, Any], findings: list[Finding]) -> dict[str, Path]:
    steps: dict[str, Path] = {}
    for i, step in _items(data, "langkah"):
        step_id = raw_step_id(step)
        if step_id is None:
            findings.append(Finding("step.missing_id", ("langkah", i), {"row": i + 1}))
            continue
        path: Path = ("langkah", i, "id" if step.get("id") is not None else "no")
        if step_id in steps:
            findings.append(
                Finding("step.duplicate_id", path, {"step": step_id, "first": steps[step_id]})
            )
            continue
        steps[step_id] = path
    return steps


def _targets(step: dict[str, Any], at: Path) -> Iterator[tuple[Path, str]]:
    ke = step.get("ke")
    if isinstance(ke, list):
        for j, target in enumerate(ke):
            if _text(target) is not None:
                yield (*at, "ke", j), str(target)
    elif _text(ke) is not None:
        yield (*at, "ke"), str(ke)
    cabang = step.get("cabang")
    for j, branch in enumerate(cabang if isinstance(cabang, list) else []):
        if isinstance(branch, dict) and _text(branch.get("ke")) is not None:
            yield (*at, "cabang", j, "ke"), str(branch["ke"])


def _check_step_actors(
    step: dict[str, Any], i: int, name: str, actors: dict[str, Path]
) -> Iterator[Finding]:
    names = step.get("pelaksana")
    for j, actor in enumerate(names if isinstance(names, list) else []):
        actor_id = _text(actor)
        if actor_id is not None and actor_id not in actors:
            params = _suggest(actor_id, list(actors), {"step": name, "actor": actor_id})
            yield Finding("step.unknown_actor", ("langkah", i, "pelaksana", j), params)

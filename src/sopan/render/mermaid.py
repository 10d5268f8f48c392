"""The flow of an SOP as Mermaid ``flowchart TD`` text, for wikis and Markdown. PURE.

One ``subgraph`` per actor (a step sits in the subgraph of its first actor; steps without a
known actor stay outside), node shapes by symbol (``([...])`` mulai/selesai, ``[...]`` proses,
``{...}`` keputusan) and labelled edges ``-->|"label"|``.

Every label is quoted, and the characters Mermaid would read as syntax inside a quoted label
are written as its entity codes (``#quot;``, ``#35;`` ...), so user text can never change the
diagram's structure. Ids are ``a_``/``s_`` plus the step or actor id reduced to ASCII letters,
digits and ``_`` (made unique), which also keeps Mermaid keywords such as ``end`` out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sopan.document import SopDocument, StepGraph
from sopan.render.options import RenderOptions

_SHAPES = {
    "mulai": ('(["', '"])'),
    "selesai": ('(["', '"])'),
    "proses": ('["', '"]'),
    "keputusan": ('{"', '"}'),
}
# Mermaid entity codes for what would end or alter a quoted label. ``#`` first: it starts codes.
_ENTITIES = (
    ("#", "#35;"),
    ('"', "#quot;"),
    ("<", "#lt;"),
    (">", "#gt;"),
    ("|", "#124;"),
    ("`", "#96;"),
    ("[", "#91;"),
    ("]", "#93;"),
    ("{", "#123;"),
    ("}", "#125;"),
)
_UNSAFE_ID = re.compile(r"[^0-9A-Za-z_]+")


def escape(text: str) -> str:
    """``text`` for inside a quoted Mermaid label: one line, syntax characters as codes."""
    text = " ".join(text.split())
    for char, code in _ENTITIES:
        text = text.replace(char, code)
    return text


def unique_ids(prefix: str, keys: Iterable[str]) -> dict[str, str]:
    """``key → prefix + key`` with anything but ``[0-9A-Za-z_]`` replaced, made unique."""
    result: dict[str, str] = {}
    taken: set[str] = set()
    for key in keys:
        if key in result:
            continue
        base = prefix + (_UNSAFE_ID.sub("_", key).strip("_") or "x")
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}_{n}", n + 1
        taken.add(candidate)
        result[key] = candidate
    return result


def render_mermaid(doc: SopDocument, options: RenderOptions | None = None) -> str:
    """The SOP's flow as Mermaid text (ends with a newline)."""
    graph = StepGraph.from_document(doc)
    steps = {step_id: doc.step(step_id) for step_id in graph.order}
    step_ids = unique_ids("s_", graph.order)
    actor_ids = unique_ids("a_", doc.actor_ids())
    lines = [f"%% {escape(doc.nama)}", "flowchart TD"]

    def node(step_id: str) -> str:
        step = steps[step_id]
        assert step is not None
        opening, closing = _SHAPES[step.simbol]
        text = step.kegiatan or step_id
        if step.no is not None:
            text = f"{step.no}. {text}"
        return f"{step_ids[step_id]}{opening}{escape(text)}{closing}"

    placed: set[str] = set()
    for actor in doc.pelaksana:
        members = [s for s in graph.order if s not in placed and _first_actor(steps[s]) == actor.id]
        if not members:
            continue
        lines.append(f'    subgraph {actor_ids[actor.id]}["{escape(actor.nama or actor.id)}"]')
        lines.extend(f"        {node(s)}" for s in members)
        lines.append("    end")
        placed.update(members)
    lines.extend(f"    {node(s)}" for s in graph.order if s not in placed)
    for source in graph.order:
        for edge in graph.successors(source):
            arrow = f'-->|"{escape(edge.label)}"|' if edge.label else "-->"
            lines.append(f"    {step_ids[source]} {arrow} {step_ids[edge.target]}")
    return "\n".join(lines) + "\n"


def _first_actor(step: object) -> str | None:
    pelaksana = getattr(step, "pelaksana", None) or []
    return pelaksana[0] if pelaksana else None

"""The flow of an SOP as a directed graph of step ids (rules of SOP-FORMAT.md, "The graph").

A step that is not ``keputusan``/``selesai`` and has no ``ke`` leads to the next row; a
``keputusan`` leads only to its ``cabang`` targets (with their labels); a ``selesai`` step
ends the flow. Links to unknown ids are ignored here (the loader already refused them).

``longest_path`` never enumerates paths: back edges are found by a depth-first search from
the entries in row order and set aside, and the longest path is computed on the remaining
acyclic graph in one topological pass (linear in steps + links). The result is the longest
loop-free path from an entry to an end (a ``selesai`` step, or a step with no way forward)
by standard time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sopan.document.durations import format_minutes_id, parse_waktu
from sopan.document.model import SopDocument, Step


@dataclass(frozen=True)
class Edge:
    """A link to ``target``; ``label`` is the branch label of a decision."""

    target: str
    label: str | None = None


@dataclass(frozen=True)
class LongestPath:
    """The slowest way through the flow: its steps and total standard time."""

    steps: list[str]
    minutes: float
    unmeasured: list[str] = field(default_factory=list)  # waktu not stated or not measurable

    def phrase(self, lang: str = "id") -> str:
        return format_minutes_id(self.minutes, lang)


class StepGraph:
    """Steps (in row order) and their links."""

    def __init__(
        self, order: list[str], simbol: dict[str, str], edges: dict[str, list[Edge]]
    ) -> None:
        self.order = order
        self.simbol = simbol
        self._edges = edges
        self.minutes: dict[str, float] = {}
        self.measured: dict[str, bool] = {}

    @classmethod
    def from_document(cls, doc: SopDocument) -> StepGraph:
        steps: dict[str, Step] = {}
        for step in doc.langkah:
            steps.setdefault(step.step_id, step)
        order = list(steps)
        edges: dict[str, list[Edge]] = {}
        for i, (step_id, step) in enumerate(steps.items()):
            if step.simbol == "selesai":
                out: list[Edge] = []
            elif step.simbol == "keputusan":
                out = [Edge(b.ke, b.label) for b in step.cabang]
            elif step.ke is not None:
                out = [Edge(t) for t in step.targets()]
            else:
                out = [Edge(order[i + 1])] if i + 1 < len(order) else []
            edges[step_id] = [e for e in out if e.target in steps]
        graph = cls(order, {k: s.simbol for k, s in steps.items()}, edges)
        for step_id, step in steps.items():
            waktu = parse_waktu(step.waktu)
            graph.minutes[step_id] = waktu.minutes
            graph.measured[step_id] = waktu.measurable
        return graph

    def successors(self, step_id: str) -> list[Edge]:
        return list(self._edges.get(step_id, []))

    @property
    def declared_starts(self) -> list[str]:
        """Steps marked ``mulai``, in row order."""
        return [s for s in self.order if self.simbol[s] == "mulai"]

    @property
    def entries(self) -> list[str]:
        """Where the flow begins: the ``mulai`` steps, else the first row."""
        return self.declared_starts or self.order[:1]

    @property
    def ends(self) -> list[str]:
        """Steps marked ``selesai``, in row order."""
        return [s for s in self.order if self.simbol[s] == "selesai"]

    def _reach(self, sources: list[str], reverse: bool = False) -> set[str]:
        links = (
            self._reverse()
            if reverse
            else {k: [e.target for e in v] for k, v in self._edges.items()}
        )
        seen, todo = set(sources), list(sources)
        while todo:
            for nxt in links.get(todo.pop(), []):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    def _reverse(self) -> dict[str, list[str]]:
        back: dict[str, list[str]] = {s: [] for s in self.order}
        for source, out in self._edges.items():
            for edge in out:
                back[edge.target].append(source)
        return back

    def reachable_from_starts(self) -> set[str]:
        return self._reach(self.entries)

    def unreachable(self) -> list[str]:
        reached = self.reachable_from_starts()
        return [s for s in self.order if s not in reached]

    def dead_ends(self) -> list[str]:
        """Steps that are not ``selesai`` and have no way forward."""
        return [s for s in self.order if self.simbol[s] != "selesai" and not self._edges[s]]

    def steps_without_path_to_end(self) -> list[str]:
        """Steps from which no ``selesai`` step can be reached."""
        can_end = self._reach(self.ends, reverse=True)
        return [s for s in self.order if s not in can_end]

    def cycles(self) -> list[list[str]]:
        """Loops: strongly connected components with a link back (each in row order)."""
        position = {s: i for i, s in enumerate(self.order)}
        found = []
        for component in _components(self.order, self._edges):
            only = component[0]
            if len(component) > 1 or any(e.target == only for e in self._edges[only]):
                found.append(sorted(component, key=position.__getitem__))
        return sorted(found, key=lambda c: position[c[0]])

    def loops_without_exit(self) -> list[list[str]]:
        """Loops that nothing leaves and that contain no ``selesai`` step."""
        trapped = []
        for loop in self.cycles():
            members = set(loop)
            leaves = any(e.target not in members for s in loop for e in self._edges[s])
            if not leaves and not any(self.simbol[s] == "selesai" for s in loop):
                trapped.append(loop)
        return trapped

    def back_edges(self) -> set[tuple[str, str]]:
        """Links that close a loop, found by depth-first search from the entries, row order."""
        state: dict[str, int] = {}  # 1 = on the stack, 2 = done
        back: set[tuple[str, str]] = set()
        for root in [*self.entries, *self.order]:
            if root in state:
                continue
            state[root] = 1
            stack = [(root, iter(self._edges[root]))]
            while stack:
                node, links = stack[-1]
                edge = next(links, None)
                if edge is None:
                    state[node] = 2
                    stack.pop()
                elif state.get(edge.target) == 1:
                    back.add((node, edge.target))
                elif edge.target not in state:
                    state[edge.target] = 1
                    stack.append((edge.target, iter(self._edges[edge.target])))
        return back

    def longest_path(self) -> LongestPath:
        """The longest loop-free path from an entry to an end, by standard time."""
        back = self.back_edges()
        forward = {
            s: [e.target for e in self._edges[s] if (s, e.target) not in back] for s in self.order
        }
        best: dict[str, tuple[float, list[str]]] = {}
        for node in _topological(self.order, forward):
            if node in self.entries and node not in best:
                best[node] = (self.minutes[node], [node])
            if node not in best:
                continue
            total, path = best[node]
            for nxt in forward[node]:
                candidate = total + self.minutes[nxt]
                if nxt not in best or candidate > best[nxt][0]:
                    best[nxt] = (candidate, [*path, nxt])
        ends = [
            s for s in self.order if s in best and (self.simbol[s] == "selesai" or not forward[s])
        ]
        if not ends:
            return LongestPath([], 0.0)
        total, path = max((best[s] for s in ends), key=lambda item: item[0])
        return LongestPath(path, total, [s for s in path if not self.measured[s]])


def _topological(order: list[str], forward: dict[str, list[str]]) -> list[str]:
    indegree = {s: 0 for s in order}
    for targets in forward.values():
        for target in targets:
            indegree[target] += 1
    ready = [s for s in reversed(order) if indegree[s] == 0]
    result = []
    while ready:
        node = ready.pop()
        result.append(node)
        for target in reversed(forward[node]):
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return result


def _components(order: list[str], edges: dict[str, list[Edge]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iterative (no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []
    for root in order:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = [e.target for e in edges[node]]
            if i < len(targets):
                work.append((node, i + 1))
                target = targets[i]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result

"""The SOP as BPMN 2.0 XML (process, lanes, diagram interchange). PURE.

Mapping (one flow node per step, so the diagram reads like the SOP's own flowchart):

- one process inside a one-participant collaboration (the pool); a lane per actor, each flow
  node in the lane of its first actor;
- ``mulai`` → ``startEvent``, ``selesai`` → ``endEvent``, ``proses`` → ``userTask`` (``task``
  when the first actor is a ``sistem``), ``keputusan`` → ``exclusiveGateway`` whose outgoing
  flows are named with the branch labels and carry a Python ``conditionExpression`` on the
  variable ``keputusan_<step>`` (what SpiffWorkflow evaluates; the task before the decision
  is where a form would set it);
- a ``mulai`` step that a loop returns to cannot be a start event (a start event has no
  incoming flow), so it becomes a task preceded by its own start event; a flow without any
  ``mulai`` step gets a start event before the first row;
- each step's mutu baku (kelengkapan, waktu, output, keterangan) is its ``documentation``.

Coordinates come from the flowchart layout (:func:`geometry_for`: points scaled to pixels,
pages stacked into one plane).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sopan import __version__
from sopan.document import SopDocument, Step, StepGraph
from sopan.i18n import gettext_noop as N
from sopan.i18n import translate
from sopan.render.labels import DRAFT_MARK, TABLE_LABELS
from sopan.render.mermaid import unique_ids
from sopan.render.options import RenderOptions

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NAMESPACES = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}
TARGET_NAMESPACE = "https://sopan.id/bpmn"

START_NAME = N("Mulai")
VARIABLE_NOTE = N("Variabel keputusan: {variable}")

for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)


def _q(namespace: str, tag: str) -> str:
    return f"{{{namespace}}}{tag}"


@dataclass
class Node:
    """One flow node: its BPMN element, name, lane and (for steps) the step it stands for."""

    id: str
    tag: str  # startEvent, endEvent, userTask, task, exclusiveGateway, parallelGateway
    name: str
    step_id: str | None = None  # None for a generated start event
    lane: str | None = None  # actor id
    documentation: str = ""
    outgoing: list[str] = field(default_factory=list)
    incoming: list[str] = field(default_factory=list)


@dataclass
class Flow:
    id: str
    source: str  # node id
    target: str  # node id
    name: str | None = None
    condition: str | None = None
    # The layout's arrow from step to step, when the flow stands for one.
    link: tuple[str, str] | None = None


@dataclass
class Process:
    """The semantic model before it becomes XML (also what the geometry is computed for)."""

    id: str
    name: str
    nodes: list[Node]
    flows: list[Flow]
    lanes: dict[str, str]  # actor id → lane element id, in column order
    lane_names: dict[str, str]
    variables: dict[str, str]  # decision step id → variable name
    step_nodes: dict[str, str]  # step id → node id

    def node(self, node_id: str) -> Node:
        return next(n for n in self.nodes if n.id == node_id)


def decision_variable(step_ids: dict[str, str], step_id: str) -> str:
    return "keputusan_" + step_ids[step_id].removeprefix("Langkah_")


def build_process(doc: SopDocument, options: RenderOptions | None = None) -> Process:
    """The BPMN process of ``doc`` as plain data."""
    options = options or RenderOptions()
    lang = options.lang
    graph = StepGraph.from_document(doc)
    steps: dict[str, Step] = {}
    for step in doc.langkah:
        steps.setdefault(step.step_id, step)
    node_ids = unique_ids("Langkah_", graph.order)
    lanes = unique_ids("Lajur_", doc.actor_ids())
    jenis: dict[str, str] = {actor.id: actor.jenis for actor in doc.pelaksana}
    incoming: dict[str, int] = {s: 0 for s in graph.order}
    for source in graph.order:
        for edge in graph.successors(source):
            incoming[edge.target] += 1

    process = Process(
        id="Proses_SOP",
        name=doc.nama,
        nodes=[],
        flows=[],
        lanes=lanes,
        lane_names={a.id: a.nama or a.id for a in doc.pelaksana},
        variables={},
        step_nodes=dict(node_ids),
    )

    def add_flow(source: str, target: str, **kw: object) -> None:
        flow = Flow(f"Alur_{len(process.flows) + 1}", source, target, **kw)  # type: ignore[arg-type]
        process.flows.append(flow)
        process.node(source).outgoing.append(flow.id)
        process.node(target).incoming.append(flow.id)

    def lane_of(step: Step) -> str | None:
        first = step.pelaksana[0] if step.pelaksana else None
        return first if first in lanes else None

    for step_id in graph.order:
        step = steps[step_id]
        out = graph.successors(step_id)
        tag = _tag(step, out_count=len(out), has_incoming=incoming[step_id] > 0, jenis=jenis)
        documentation = _documentation(doc, step, lang)
        if tag == "exclusiveGateway":
            process.variables[step_id] = decision_variable(node_ids, step_id)
            note = translate(VARIABLE_NOTE, lang, variable=process.variables[step_id])
            documentation = f"{documentation}\n{note}".strip()
        process.nodes.append(
            Node(
                node_ids[step_id],
                tag,
                _name(step),
                step_id=step_id,
                lane=lane_of(step),
                documentation=documentation,
            )
        )
    # Start events: before each mulai step that had to become a task, or before the first row.
    starts = [
        n
        for n in process.nodes
        if steps[str(n.step_id)].simbol == "mulai" and n.tag != "startEvent"
    ]
    if not graph.declared_starts and process.nodes:
        starts = [process.nodes[0]]
    for target in starts:
        start = Node(
            f"Mulai_{target.id.removeprefix('Langkah_')}",
            "startEvent",
            translate(START_NAME, lang),
            lane=target.lane,
        )
        process.nodes.insert(process.nodes.index(target), start)
        add_flow(start.id, target.id)
    if not process.nodes:  # no steps at all: still a valid, runnable process
        process.nodes.append(Node("Mulai", "startEvent", translate(START_NAME, lang)))
    for source in graph.order:
        edges = graph.successors(source)
        origin = node_ids[source]
        if len(edges) > 1 and source not in process.variables:
            origin = _parallel_split(process, node_ids[source], add_flow)
        for edge in edges:
            condition = None
            if source in process.variables:
                value = edge.label if edge.label is not None else edge.target
                condition = f"{process.variables[source]} == {value!r}"
            add_flow(
                origin,
                node_ids[edge.target],
                name=edge.label,
                condition=condition,
                link=(source, edge.target),
            )
    return process


def _parallel_split(process: Process, node_id: str, add_flow: Callable[..., None]) -> str:
    """``ke: [a, b]`` is parallel work: an explicit parallel gateway after the step.

    SpiffWorkflow (like many engines) refuses several unconditional flows leaving a task. The
    paths meet again without a join gateway (finding the join needs the post-dominator of the
    split; the SOP format does not say where parallel work rejoins), so a step where they
    meet runs once per path.
    """
    source = process.node(node_id)
    split = Node(
        f"Paralel_{node_id.removeprefix('Langkah_')}", "parallelGateway", "", lane=source.lane
    )
    process.nodes.insert(process.nodes.index(source) + 1, split)
    add_flow(node_id, split.id)
    return split.id


def _tag(step: Step, *, out_count: int, has_incoming: bool, jenis: dict[str, str]) -> str:
    if step.simbol == "mulai" and not has_incoming:
        return "startEvent"
    if step.simbol == "selesai":
        return "endEvent"
    if step.simbol == "keputusan" and out_count:
        return "exclusiveGateway"
    first = step.pelaksana[0] if step.pelaksana else None
    return "task" if jenis.get(first or "") == "sistem" else "userTask"


def _name(step: Step) -> str:
    text = " ".join((step.kegiatan or step.step_id).split())
    return f"{step.no}. {text}" if step.no is not None else text


def _text(value: str | list[str] | None) -> str:
    if value is None:
        return ""
    return "; ".join(value) if isinstance(value, list) else value


def _documentation(doc: SopDocument, step: Step, lang: str) -> str:
    names = {actor.id: actor.nama for actor in doc.pelaksana}
    actors = [names.get(a) or a for a in step.pelaksana]
    fields = [
        (TABLE_LABELS["pelaksana"], ", ".join(str(a) for a in actors)),
        (TABLE_LABELS["kelengkapan"], _text(step.kelengkapan)),
        (TABLE_LABELS["waktu"], step.waktu or ""),
        (TABLE_LABELS["output"], step.output or ""),
        (TABLE_LABELS["keterangan"], step.keterangan or ""),
    ]
    return "\n".join(f"{translate(label, lang)}: {value}" for label, value in fields if value)


def render_bpmn(doc: SopDocument, options: RenderOptions | None = None) -> str:
    """BPMN 2.0 XML (UTF-8 text with an XML declaration)."""
    options = options or RenderOptions()
    process = build_process(doc, options)
    root = ET.Element(
        _q(BPMN, "definitions"),
        {
            "id": "Definisi_SOP",
            "targetNamespace": TARGET_NAMESPACE,
            "exporter": "sopan",
            "exporterVersion": __version__,
        },
    )
    pool_name = doc.nama
    if options.draft:
        pool_name = f"{doc.nama} ({translate(DRAFT_MARK, options.lang)})"
    collaboration = ET.SubElement(root, _q(BPMN, "collaboration"), {"id": "Kolaborasi_SOP"})
    ET.SubElement(
        collaboration,
        _q(BPMN, "participant"),
        {"id": "Peserta_SOP", "name": pool_name, "processRef": process.id},
    )
    _process_xml(root, doc, process, options)
    _diagram_xml(root, geometry_for(doc, process, options))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def _process_xml(
    root: ET.Element, doc: SopDocument, process: Process, options: RenderOptions
) -> None:
    element = ET.SubElement(
        root,
        _q(BPMN, "process"),
        {"id": process.id, "name": process.name, "isExecutable": "true"},
    )
    about = _process_documentation(doc, options.lang)
    if about:
        ET.SubElement(element, _q(BPMN, "documentation")).text = about
    lane_set = ET.SubElement(element, _q(BPMN, "laneSet"), {"id": "Lajur_SOP"})
    for actor_id, lane_id in process.lanes.items():
        lane = ET.SubElement(
            lane_set, _q(BPMN, "lane"), {"id": lane_id, "name": process.lane_names[actor_id]}
        )
        for node in process.nodes:
            if node.lane == actor_id:
                ET.SubElement(lane, _q(BPMN, "flowNodeRef")).text = node.id
    for node in process.nodes:
        item = ET.SubElement(element, _q(BPMN, node.tag), {"id": node.id, "name": node.name})
        if node.documentation:
            ET.SubElement(item, _q(BPMN, "documentation")).text = node.documentation
        for flow_id in node.incoming:
            ET.SubElement(item, _q(BPMN, "incoming")).text = flow_id
        for flow_id in node.outgoing:
            ET.SubElement(item, _q(BPMN, "outgoing")).text = flow_id
    for flow in process.flows:
        attributes = {"id": flow.id, "sourceRef": flow.source, "targetRef": flow.target}
        if flow.name:
            attributes["name"] = flow.name
        item = ET.SubElement(element, _q(BPMN, "sequenceFlow"), attributes)
        if flow.condition:
            condition = ET.SubElement(
                item, _q(BPMN, "conditionExpression"), {_q(XSI, "type"): "bpmn:tFormalExpression"}
            )
            condition.text = flow.condition


def _process_documentation(doc: SopDocument, lang: str) -> str:
    from sopan.render.labels import IDENTITY_LABELS

    unit = doc.unit if isinstance(doc.unit, list) else [doc.unit] if doc.unit else []
    organisation = [u for u in [doc.instansi or "", *unit] if u]
    lines = [
        f"{translate(IDENTITY_LABELS['nomor'], lang)}: {doc.nomor}" if doc.nomor else "",
        " / ".join(dict.fromkeys(organisation)),
        doc.tujuan or "",
    ]
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Bounds:
    x: float
    y: float
    width: float
    height: float


@dataclass
class Geometry:
    """Where everything is drawn, in pixels on one plane."""

    pool: Bounds
    lanes: dict[str, Bounds]  # lane element id → bounds
    shapes: dict[str, Bounds]  # node id → bounds
    edges: dict[str, list[tuple[float, float]]]  # flow id → waypoints
    # Vertical lanes (columns), as the SOP AP flowchart draws its actors.
    horizontal: bool = False


def _diagram_xml(root: ET.Element, geometry: Geometry) -> None:
    diagram = ET.SubElement(root, _q(BPMNDI, "BPMNDiagram"), {"id": "Diagram_SOP"})
    plane = ET.SubElement(
        diagram, _q(BPMNDI, "BPMNPlane"), {"id": "Bidang_SOP", "bpmnElement": "Kolaborasi_SOP"}
    )
    horizontal = "true" if geometry.horizontal else "false"
    shapes = [("Peserta_SOP", geometry.pool), *geometry.lanes.items()]
    for element_id, bounds in shapes:
        _shape(plane, element_id, bounds, isHorizontal=horizontal)
    for element_id, bounds in geometry.shapes.items():
        _shape(plane, element_id, bounds)
    for flow_id, points in geometry.edges.items():
        edge = ET.SubElement(
            plane, _q(BPMNDI, "BPMNEdge"), {"id": f"{flow_id}_di", "bpmnElement": flow_id}
        )
        for x, y in points:
            ET.SubElement(edge, _q(DI, "waypoint"), {"x": _n(x), "y": _n(y)})


def _shape(plane: ET.Element, element_id: str, bounds: Bounds, **extra: str) -> None:
    shape = ET.SubElement(
        plane,
        _q(BPMNDI, "BPMNShape"),
        {"id": f"{element_id}_di", "bpmnElement": element_id, **extra},
    )
    ET.SubElement(
        shape,
        _q(DC, "Bounds"),
        {
            "x": _n(bounds.x),
            "y": _n(bounds.y),
            "width": _n(bounds.width),
            "height": _n(bounds.height),
        },
    )


def _n(value: float) -> str:
    """Coordinates as short decimals (``12`` or ``12.5``)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# --- Geometry: the flowchart layout, as one plane in pixels ------------------------------------

SCALE = 2.5  # layout points → BPMN pixels (a 32 × 16 pt process box becomes 80 × 40 px)
BAND = 30.0  # label band of a vertical pool and of each vertical lane (bpmn.io's size)
CHANNEL = 24.0  # room right of the lanes for loops that go back to an earlier page
SPARE = 140.0  # column right of the lanes for steps that have no actor column
Point = tuple[float, float]


def geometry_for(doc: SopDocument, process: Process, options: RenderOptions) -> Geometry:
    """Shapes and waypoints from :func:`sopan.render.layout.layout_procedure`.

    The pages are stacked top to bottom (their table headers left out), the actor columns
    become vertical lanes, arrows that cross a page through a pair of connectors become one
    edge through the connectors' place (a loop back to an earlier page goes up along the right
    edge of the pool).
    """
    from sopan.render.layout import layout_procedure

    layout = layout_procedure(doc, options)
    return _Plane(layout, process).geometry()


class _Plane:
    def __init__(self, layout: Any, process: Process) -> None:
        self.process = process
        self.actor_columns = {
            c.key.removeprefix("actor:"): c for c in layout.columns if c.key.startswith("actor:")
        }
        columns = list(self.actor_columns.values())
        self.x0 = columns[0].x if columns else 0.0
        self.lanes_right = (columns[-1].x + columns[-1].width - self.x0) * SCALE if columns else 0
        self.pages = [p for p in layout.pages if p.rows]
        self.offsets: list[float] = []
        total = 0.0
        for page in self.pages:
            self.offsets.append(total)
            total += page.bottom - page.rows[0].y
        self.height = 2 * BAND + total * SCALE + BAND

    def point(self, page_index: int, x: float, y: float) -> Point:
        page = self.pages[page_index]
        return (
            (x - self.x0) * SCALE,
            2 * BAND + (y - page.rows[0].y + self.offsets[page_index]) * SCALE,
        )

    def geometry(self) -> Geometry:
        shapes = self._step_shapes()
        spare_x = self.lanes_right + CHANNEL
        unplaced = [n for n in self.process.nodes if n.step_id and n.id not in shapes]
        for row, node in enumerate(unplaced):
            shapes[node.id] = _sized(
                node.tag, Bounds(spare_x + 20, 2 * BAND + 20 + row * 70, 100, 50)
            )
        for node in self.process.nodes:
            if node.id not in shapes:  # generated start events and parallel splits
                shapes[node.id] = self._helper_shape(node, shapes)
        edges = self._edges(shapes)
        width = self.lanes_right + CHANNEL + (SPARE + 40 if unplaced else 0)
        bottom = max([self.height, *(b.y + b.height + BAND for b in shapes.values())])
        lanes = {
            lane_id: Bounds(
                (self.actor_columns[actor].x - self.x0) * SCALE,
                BAND,
                self.actor_columns[actor].width * SCALE,
                bottom - BAND,
            )
            for actor, lane_id in self.process.lanes.items()
            if actor in self.actor_columns
        }
        return Geometry(Bounds(0, 0, max(width, 200), bottom), lanes, shapes, edges)

    def _step_shapes(self) -> dict[str, Bounds]:
        by_step: dict[str, Bounds] = {}
        lane_of = {n.step_id: n.lane for n in self.process.nodes if n.step_id}
        for index, page in enumerate(self.pages):
            for symbol in page.symbols:
                if symbol.step_id is None or symbol.step_id not in self.process.step_nodes:
                    continue
                first = by_step.get(symbol.step_id) is None
                if first or symbol.actor_id == lane_of.get(symbol.step_id):
                    x, y = self.point(index, symbol.x, symbol.y)
                    by_step[symbol.step_id] = Bounds(
                        x, y, symbol.width * SCALE, symbol.height * SCALE
                    )
        shapes = {}
        for node in self.process.nodes:
            if node.step_id in by_step:
                shapes[node.id] = _sized(node.tag, by_step[node.step_id])
        return shapes

    def _helper_shape(self, node: Node, shapes: dict[str, Bounds]) -> Bounds:
        flow = next((f for f in self.process.flows if node.id in (f.source, f.target)), None)
        neighbour = (
            shapes.get(flow.target if flow and flow.source == node.id else flow.source)
            if flow
            else None
        )
        if neighbour is None:
            return Bounds(BAND, 2 * BAND + 10, 36, 36)
        if node.tag == "parallelGateway":  # just under the step it splits
            return Bounds(
                neighbour.x + neighbour.width / 2 - 12, neighbour.y + neighbour.height + 2, 24, 24
            )
        side = 24.0  # a start event left of the step it starts
        return Bounds(
            neighbour.x - side - 6, neighbour.y + neighbour.height / 2 - side / 2, side, side
        )

    def _layout_routes(self) -> dict[tuple[str, str, str | None], list[list[Point]]]:
        routes: dict[tuple[str, str, str | None], list[list[Point]]] = {}
        outgoing: dict[str, tuple[str, str | None, list[Point], int]] = {}
        incoming: dict[str, tuple[str, list[Point], int]] = {}
        for index, page in enumerate(self.pages):
            for arrow in page.arrows:
                if arrow.kind != "flow":
                    continue
                points = [self.point(index, x, y) for x, y in arrow.points]
                if arrow.target.startswith("conn:"):
                    outgoing[arrow.target.split(":")[1]] = (
                        arrow.source,
                        arrow.label,
                        points,
                        index,
                    )
                elif arrow.source.startswith("conn:"):
                    incoming[arrow.source.split(":")[1]] = (arrow.target, points, index)
                else:
                    routes.setdefault((arrow.source, arrow.target, arrow.label), []).append(points)
        for key, (source, label, before, page_out) in outgoing.items():
            if key not in incoming:
                continue
            target, after, page_in = incoming[key]
            if page_in > page_out:
                path = [*before, *after]
            else:  # back to an earlier page: up along the right edge of the pool
                right = self.lanes_right + CHANNEL / 2
                path = [*before, (right, before[-1][1]), (right, after[0][1]), *after]
            routes.setdefault((source, target, label), []).append(path)
        return routes

    def _edges(self, shapes: dict[str, Bounds]) -> dict[str, list[Point]]:
        routes = self._layout_routes()
        kinds = {n.id: n.tag for n in self.process.nodes}
        edges: dict[str, list[Point]] = {}
        for flow in self.process.flows:
            found = routes.get((*flow.link, flow.name), []) if flow.link else []
            if found and kinds[flow.source] != "parallelGateway":
                points = list(found.pop(0))
            elif found:
                points = [_bottom(shapes[flow.source]), *found.pop(0)[1:]]
            else:
                points = _elbow(shapes[flow.source], shapes[flow.target])
            for end, node_id in ((0, flow.source), (-1, flow.target)):
                if kinds[node_id] in ("startEvent", "endEvent"):
                    _snap_to_event(points, end, shapes[node_id])
            edges[flow.id] = points
        return edges


def _sized(tag: str, box: Bounds) -> Bounds:
    """Events are circles: a square as high as the layout's terminator, on its centre."""
    if tag not in ("startEvent", "endEvent"):
        return box
    side = min(box.width, box.height)
    return Bounds(box.x + (box.width - side) / 2, box.y + (box.height - side) / 2, side, side)


def _bottom(box: Bounds) -> Point:
    return (box.x + box.width / 2, box.y + box.height)


def _elbow(source: Bounds, target: Bounds) -> list[Point]:
    """Down, across, down (or straight across for shapes side by side)."""
    start = _bottom(source)
    end = (target.x + target.width / 2, target.y)
    if end[1] <= start[1]:  # target beside or above: leave from the side
        y = source.y + source.height / 2
        x = source.x + source.width if end[0] >= start[0] else source.x
        return [(x, y), (end[0], y), end] if end[1] < y else [(x, y), (target.x, y)]
    middle = (start[1] + end[1]) / 2
    return [start, (start[0], middle), (end[0], middle), end]


def _snap_to_event(points: list[Point], end: int, circle: Bounds) -> None:
    """Pull the end of an edge onto the circle; points in line with it follow (still orthogonal)."""
    centre = circle.x + circle.width / 2
    reach = circle.width * 0.35
    x = points[end][0]
    new_x = min(max(x, centre - reach), centre + reach)
    if new_x == x:
        return
    step = 1 if end == 0 else -1
    index = 0 if end == 0 else len(points) - 1
    while 0 <= index < len(points) and points[index][0] == x:
        points[index] = (new_x, points[index][1])
        index += step

"""BPMN export: valid against the OMG XSDs, parsed by SpiffWorkflow, run along every branch."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import SpiffWorkflow
from lxml import etree
from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnParser, BpmnValidator
from SpiffWorkflow.bpmn.specs.defaults import ExclusiveGateway
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from sopan.document import SopDocument, StepGraph, load_path
from sopan.render.bpmn import NAMESPACES, build_process, render_bpmn
from sopan.render.options import RenderOptions

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*.sop.yaml"))
REAL_SOPS = sorted((REPO.parent / "shared" / "data" / "real-sops").glob("*.sop.yaml"))
SCHEMA = etree.XMLSchema(
    etree.parse(str(Path(SpiffWorkflow.__file__).parent / "bpmn/parser/schema/BPMN20.xsd"))
)
NS = NAMESPACES


def parse(xml: str) -> Any:
    return etree.fromstring(xml.encode("utf-8"))


def assert_valid(xml: str) -> Any:
    tree = parse(xml)
    assert SCHEMA.validate(tree), SCHEMA.error_log.last_error
    return tree


@dataclass
class Scenario:
    """At decision ``step`` take ``label`` the first time; other decisions lead there first
    (when they can), later take the way out."""

    step: str | None
    label: str | None


@dataclass
class Run:
    completed: bool = False
    visited: list[str] = field(default_factory=list)  # BPMN ids that ran, in order


class Driver:
    """Parses the export with SpiffWorkflow and runs it, completing every ready user task."""

    def __init__(self, doc: SopDocument) -> None:
        self.xml = render_bpmn(doc)
        self.process = build_process(doc)
        parser = BpmnParser(validator=BpmnValidator())
        parser.add_bpmn_xml(parse(self.xml), filename="sop.bpmn")
        self.spec = parser.get_spec(self.process.id)
        graph = self.graph = StepGraph.from_document(doc)
        back = graph.back_edges()
        self.labels: dict[str, list[str]] = {}
        self.exit_label: dict[str, str] = {}
        for step_id in self.process.variables:
            edges = graph.successors(step_id)
            labels = [e.label if e.label is not None else e.target for e in edges]
            onward = [
                lab for e, lab in zip(edges, labels, strict=True) if (step_id, e.target) not in back
            ]
            self.labels[step_id] = labels
            self.exit_label[step_id] = (onward or labels)[0]
        self.gateway_step = {self.process.step_nodes[s]: s for s in self.process.variables}

    def scenarios(self) -> list[Scenario]:
        found = [Scenario(s, label) for s, labels in self.labels.items() for label in labels]
        return found or [Scenario(None, None)]

    def toward(self, step: str, goal: str) -> str:
        """A label of ``step`` from where ``goal`` can be reached, else the way out."""
        for edge in self.graph.successors(step):
            seen, todo = {edge.target}, [edge.target]
            while todo:
                node = todo.pop()
                if node == goal:
                    return edge.label if edge.label is not None else edge.target
                for nxt in self.graph.successors(node):
                    if nxt.target not in seen and nxt.target != step:
                        seen.add(nxt.target)
                        todo.append(nxt.target)
        return self.exit_label[step]

    def run(self, scenario: Scenario, limit: int = 500) -> Run:
        workflow = BpmnWorkflow(self.spec)
        visits: Counter[str] = Counter()
        run = Run()

        def decide(task: Any) -> None:
            run.visited.append(task.task_spec.name)
            step = self.gateway_step.get(task.task_spec.name)
            if step is None or not isinstance(task.task_spec, ExclusiveGateway):
                return
            visits[step] += 1
            if step == scenario.step and visits[step] == 1:
                label = scenario.label
            elif visits[step] == 1 and scenario.step and not visits[scenario.step]:
                label = self.toward(step, scenario.step)
            else:
                label = self.exit_label[step]
            task.data[self.process.variables[step]] = label

        for _ in range(limit):
            workflow.do_engine_steps(will_complete_task=decide)
            ready = workflow.get_tasks(state=TaskState.READY, manual=True)
            if not ready:
                break
            for task in ready:
                run.visited.append(task.task_spec.name)
                task.run()
        run.completed = workflow.is_completed()
        return run


def branch_target(doc: SopDocument, step: str, label: str) -> str:
    graph = StepGraph.from_document(doc)
    return next(e.target for e in graph.successors(step) if (e.label or e.target) == label)


def run_every_branch(doc: SopDocument) -> None:
    driver = Driver(doc)
    for scenario in driver.scenarios():
        run = driver.run(scenario)
        assert run.completed, scenario
        if scenario.step is not None and scenario.label is not None:
            gateway = driver.process.step_nodes[scenario.step]
            target = driver.process.step_nodes[branch_target(doc, scenario.step, scenario.label)]
            after = run.visited[run.visited.index(gateway) + 1 :]
            assert target in after, (scenario, run.visited)


@pytest.mark.parametrize("path", EXAMPLES + REAL_SOPS, ids=lambda p: p.name)
def test_every_sop_validates_and_runs_every_branch(path: Path) -> None:
    doc = load_path(path).document
    assert_valid(render_bpmn(doc))
    run_every_branch(doc)


def _doc(langkah: list[dict[str, Any]], **extra: Any) -> SopDocument:
    data: dict[str, Any] = {
        "format": "sopan/1",
        "nama": "Uji BPMN",
        "pelaksana": [
            {"id": "pemohon", "nama": "Pemohon", "jenis": "eksternal"},
            {"id": "petugas", "nama": "Petugas"},
            {"id": "aplikasi", "nama": "Aplikasi", "jenis": "sistem"},
        ],
        "langkah": langkah,
        **extra,
    }
    return SopDocument.model_validate(data)


LOOP_TO_START = _doc(
    [
        {
            "id": "ajukan",
            "no": 1,
            "kegiatan": "Mengajukan",
            "simbol": "mulai",
            "pelaksana": ["pemohon"],
        },
        {
            "id": "periksa",
            "no": 2,
            "kegiatan": "Memeriksa",
            "simbol": "keputusan",
            "pelaksana": ["petugas"],
            "cabang": [{"label": "Lengkap", "ke": "serah"}, {"label": "Tidak", "ke": "ajukan"}],
        },
        {
            "id": "serah",
            "no": 3,
            "kegiatan": "Menyerahkan",
            "simbol": "selesai",
            "pelaksana": ["petugas"],
        },
    ]
)


def _elements(xml: str, tag: str) -> list[Any]:
    return parse(xml).findall(f".//bpmn:{tag}", NS)


def test_structure_lanes_events_tasks_gateways_and_documentation() -> None:
    doc = load_path(REPO / "examples" / "dukcapil-penerbitan-akta-kelahiran.sop.yaml").document
    xml = render_bpmn(doc)
    tree = assert_valid(xml)
    lanes = tree.findall(".//bpmn:laneSet/bpmn:lane", NS)
    assert [lane.get("name") for lane in lanes] == [a.nama for a in doc.pelaksana]
    pemohon = lanes[0].findall("bpmn:flowNodeRef", NS)
    assert [ref.text for ref in pemohon] == ["Langkah_ajukan", "Langkah_terima"]
    assert [e.get("id") for e in _elements(xml, "startEvent")] == ["Langkah_ajukan"]
    assert len(_elements(xml, "endEvent")) == 1
    gateways = _elements(xml, "exclusiveGateway")
    assert [g.get("id") for g in gateways] == ["Langkah_periksa", "Langkah_periksa_kasi"]
    flows = {f.get("name"): f for f in _elements(xml, "sequenceFlow") if f.get("name")}
    lengkap = flows["Lengkap"]
    assert lengkap.get("sourceRef") == "Langkah_periksa"
    assert lengkap.get("targetRef") == "Langkah_rekam"
    condition = lengkap.find("bpmn:conditionExpression", NS)
    assert condition.text == "keputusan_periksa == 'Lengkap'"
    rekam = tree.find(".//bpmn:userTask[@id='Langkah_rekam']", NS)
    docs = rekam.find("bpmn:documentation", NS).text
    assert "Kelengkapan: Berkas terverifikasi" in docs
    assert "Waktu: 15 menit" in docs
    assert "Output: Konsep kutipan akta kelahiran" in docs


def test_diagram_has_a_shape_for_every_node_and_lane_and_an_edge_for_every_flow() -> None:
    doc = load_path(REPO / "examples" / "setda-penerbitan-keputusan-bupati.sop.yaml").document
    tree = assert_valid(render_bpmn(doc))
    shapes = {s.get("bpmnElement"): s for s in tree.iterfind(".//bpmndi:BPMNShape", NS)}
    edges = {e.get("bpmnElement"): e for e in tree.iterfind(".//bpmndi:BPMNEdge", NS)}
    process = tree.find("bpmn:process", NS)
    kinds = ("startEvent", "endEvent", "userTask", "task", "exclusiveGateway", "parallelGateway")
    nodes = [e.get("id") for kind in kinds for e in process.iterfind(f"bpmn:{kind}", NS)]
    assert len(nodes) >= len(doc.langkah)
    for element_id in [*nodes, *(lane.get("id") for lane in process.iterfind(".//bpmn:lane", NS))]:
        bounds = shapes[element_id].find("dc:Bounds", NS)
        assert float(bounds.get("width")) > 0 and float(bounds.get("height")) > 0
    for flow in process.iterfind("bpmn:sequenceFlow", NS):
        assert len(edges[flow.get("id")].findall("di:waypoint", NS)) >= 2
    assert "Peserta_SOP" in shapes


def test_mulai_that_a_loop_returns_to_becomes_a_task_after_its_own_start_event() -> None:
    xml = render_bpmn(LOOP_TO_START)
    assert_valid(xml)
    assert [e.get("id") for e in _elements(xml, "startEvent")] == ["Mulai_ajukan"]
    assert [e.get("id") for e in _elements(xml, "userTask")] == ["Langkah_ajukan"]
    run_every_branch(LOOP_TO_START)


def test_without_mulai_a_start_event_comes_before_the_first_row() -> None:
    doc = _doc(
        [
            {"id": "a", "no": 1, "kegiatan": "Menerima", "pelaksana": ["petugas"]},
            {"id": "b", "no": 2, "kegiatan": "Mencatat", "pelaksana": ["aplikasi"]},
        ]
    )
    xml = render_bpmn(doc)
    assert_valid(xml)
    start = _elements(xml, "startEvent")
    assert [s.get("id") for s in start] == ["Mulai_a"]
    assert [t.get("id") for t in _elements(xml, "task")] == ["Langkah_b"]  # sistem: no user
    run_every_branch(doc)  # b reaches no end: the token simply stops there


def test_awkward_ids_labels_and_a_decision_without_branches_stay_valid() -> None:
    doc = _doc(
        [
            {
                "id": "a-b",
                "no": 1,
                "kegiatan": 'Menerima "berkas" <asli> & salinan',
                "simbol": "mulai",
            },
            {
                "id": "a_b",
                "no": 2,
                "kegiatan": "Memutuskan",
                "simbol": "keputusan",
                "pelaksana": ["petugas", "pemohon"],
                "cabang": [{"label": "Ya 'sah'", "ke": "c"}, {"ke": "d"}],
            },
            {"id": "c", "no": 3, "kegiatan": "Buntu", "simbol": "keputusan"},
            {"id": "d", "no": 4, "kegiatan": "Ke dua tempat", "ke": ["e", "f"]},
            {"id": "e", "no": 5, "kegiatan": "Selesai satu", "simbol": "selesai"},
            {"id": "f", "no": 6, "kegiatan": "Selesai dua", "simbol": "selesai"},
            {"id": "z", "no": 7, "kegiatan": "Tak terjangkau", "pelaksana": ["tidak-ada"]},
        ]
    )
    xml = render_bpmn(doc, RenderOptions(draft=False))
    tree = assert_valid(xml)
    ids = [e.get("id") for e in tree.find("bpmn:process", NS) if e.get("id")]
    assert len(ids) == len(set(ids))
    assert "Langkah_a_b" in ids and "Langkah_a_b_2" in ids
    task = tree.find(".//bpmn:startEvent[@id='Langkah_a_b']", NS)
    assert task.get("name") == '1. Menerima "berkas" <asli> & salinan'
    conditions = [c.text for c in tree.iterfind(".//bpmn:conditionExpression", NS)]
    assert conditions == ["keputusan_a_b_2 == \"Ya 'sah'\"", "keputusan_a_b_2 == 'd'"]
    assert tree.find(".//bpmn:participant", NS).get("name") == "Uji BPMN"
    assert [g.get("id") for g in _elements(xml, "parallelGateway")] == ["Paralel_d"]
    run_every_branch(doc)


def test_draft_pool_carries_the_konsep_mark() -> None:
    tree = parse(render_bpmn(LOOP_TO_START, RenderOptions(draft=True)))
    assert tree.find(".//bpmn:participant", NS).get("name") == "Uji BPMN (KONSEP)"


def test_no_steps_is_still_a_valid_process() -> None:
    xml = render_bpmn(_doc([]))
    assert_valid(xml)
    assert len(_elements(xml, "startEvent")) == 1

from __future__ import annotations

from sopan.document import SopDocument, StepGraph, load_path
from tests.document.conftest import REAL_SOPS


def _doc(*steps: dict) -> SopDocument:
    return SopDocument.model_validate({"format": "sopan/1", "nama": "Uji", "langkah": list(steps)})


def test_loop_with_decision_and_longest_path_hand_checked() -> None:
    doc = _doc(
        {"no": 1, "simbol": "mulai", "waktu": "5 menit"},
        {"no": 2, "waktu": "1 jam"},
        {
            "no": 3,
            "simbol": "keputusan",
            "waktu": "10 menit",
            "cabang": [{"label": "Y", "ke": 4}, {"label": "T", "ke": 2}],
        },
        {"no": 4, "waktu": "1-2 hari"},
        {"no": 5, "simbol": "selesai", "waktu": "secepatnya"},
    )
    graph = StepGraph.from_document(doc)
    assert graph.successors("3") == [
        type(graph.successors("3")[0])("4", "Y"),
        type(graph.successors("3")[0])("2", "T"),
    ]
    assert graph.successors("1")[0].target == "2"  # default: next row
    assert graph.cycles() == [["2", "3"]]
    assert graph.loops_without_exit() == []
    result = graph.longest_path()
    assert result.steps == ["1", "2", "3", "4", "5"]
    assert result.minutes == 5 + 60 + 10 + 900
    assert result.unmeasured == ["5"]
    assert result.phrase() == "2 hari kerja 1 jam 15 menit"


def test_multiple_starts_ends_unreachable_and_dead_ends() -> None:
    doc = _doc(
        {"id": "a", "simbol": "mulai", "ke": "c"},
        {"id": "b", "simbol": "mulai", "ke": "d"},
        {"id": "c", "simbol": "selesai"},
        {"id": "x", "ke": "c"},
        {"id": "d", "waktu": "1 jam"},
    )
    graph = StepGraph.from_document(doc)
    assert graph.declared_starts == graph.entries == ["a", "b"]
    assert graph.ends == ["c"]
    assert graph.unreachable() == ["x"]
    assert graph.dead_ends() == ["d"]
    assert graph.steps_without_path_to_end() == ["b", "d"]
    assert graph.longest_path().steps == ["b", "d"]


def test_loop_without_exit() -> None:
    doc = _doc(
        {"id": "a", "simbol": "mulai"},
        {"id": "b", "ke": "c"},
        {"id": "c", "ke": "b"},
        {"id": "z", "simbol": "selesai"},
    )
    graph = StepGraph.from_document(doc)
    assert graph.loops_without_exit() == [["b", "c"]]
    assert graph.unreachable() == ["z"]


def test_ke_given_as_int_and_first_row_entry() -> None:
    doc = _doc(
        {"no": 1, "ke": 3}, {"no": 2}, {"no": 3, "ke": [2, 4]}, {"no": 4, "simbol": "selesai"}
    )
    graph = StepGraph.from_document(doc)
    assert graph.declared_starts == [] and graph.entries == ["1"]
    assert [e.target for e in graph.successors("3")] == ["2", "4"]
    assert graph.unreachable() == []


def test_real_sops() -> None:
    bps = StepGraph.from_document(load_path(REAL_SOPS[0]).document)
    path = bps.longest_path()
    assert path.minutes == 10 + 60 + 4500 + 10
    assert "sampaikan" not in path.steps and path.steps[-1] == "penilaian"
    poso = StepGraph.from_document(load_path(REAL_SOPS[1]).document)
    assert poso.cycles() == [["1", "2"]]
    assert poso.dead_ends() == ["9"]
    assert poso.longest_path().steps == [str(n) for n in range(1, 10)]

"""The fast composers (libyaml, pure PyYAML) give exactly what ruamel.yaml gave before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sopan.document import DocumentLoadError, dump_yaml, load_document, load_path, yamltree
from sopan.document.yamltree import ParseAbort, parse_yaml
from tests.document.conftest import FIXTURES, REAL_SOPS, spec_example

FAST = ["libyaml", "pyyaml"]
pytestmark = pytest.mark.filterwarnings("ignore::ruamel.yaml.error.ReusedAnchorWarning")
FILES = sorted((FIXTURES / "valid").glob("*")) + sorted((FIXTURES / "broken").glob("*"))
FILES += REAL_SOPS


def _outcome(path: Path, composer: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Everything a load gives: the document, or every problem with its place and words."""
    monkeypatch.setattr(yamltree, "DEFAULT_COMPOSER", composer)
    try:
        loaded = load_path(path)
    except DocumentLoadError as error:
        return [(p.code, p.line, p.column, p.params, str(p)) for p in error.problems]
    steps = [loaded.locate(("langkah", i)) for i in range(len(loaded.document.langkah))]
    return loaded.document, steps


def _tree(text: str, composer: str) -> Any:
    try:
        tree = parse_yaml(text, "uji.sop.yaml", composer)  # type: ignore[arg-type]
    except ParseAbort as abort:
        p = abort.problem
        return ("abort", p.code, p.line, p.column, p.params)
    if tree is None:
        return None
    problems = [(p.code, p.line, p.column, p.params) for p in tree.problems]
    return tree.data, tree.keys, tree.values, problems


def test_libyaml_is_the_default() -> None:
    import yaml

    assert ("libyaml" if yaml.__with_libyaml__ else "pyyaml") == yamltree.DEFAULT_COMPOSER


@pytest.mark.parametrize("composer", FAST)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_same_document_or_same_problems_as_ruamel(
    path: Path, composer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _outcome(path, "ruamel", monkeypatch)
    assert _outcome(path, composer, monkeypatch) == expected


@pytest.mark.parametrize("composer", FAST)
def test_spec_example_tree_is_identical(composer: str) -> None:
    text = spec_example()
    assert _tree(text, composer) == _tree(text, "ruamel")


EMPTY_VALUES = [
    "format: sopan/1\nnama:\njenis: administratif\n",
    "format: sopan/1\nnama:   # belum\n\n# catatan\njenis:\n",
    "format: sopan/1\nnama: U\nlangkah:\n  - id: a\n    keterangan:\n  - id: b\n    waktu:",
    "format: sopan/1\nnama: U\nlangkah:\n  - {id: a, waktu: , ke: }\n  - {id: b, output:}\n",
    "format: sopan/1\nnama: U\n? unit\n? tujuan\n: \n",
    "format: sopan/1\nnama: U\nriwayat: [versi: , tanggal: 2025-01-01]\n",
    "format: sopan/1\nnama: U\nunit: !\n",
    "format: sopan/1\nnama: U\nunit: !!str\n",
    "format: sopan/1\nnama: U\nunit: {? : a}\n",
    "---\n",
    "--- # kosong",
]


@pytest.mark.parametrize("composer", FAST)
@pytest.mark.parametrize("text", EMPTY_VALUES)
def test_empty_values_are_placed_where_ruamel_placed_them(text: str, composer: str) -> None:
    assert _tree(text, composer) == _tree(text, "ruamel")


READ_BY_RUAMEL = [
    "format: sopan/1\nnama:\tUji\n",  # ruamel refuses this tab, libyaml does not
    "format: sopan/1\r\nnama: Uji\rjenis: teknis\n",
    "format: sopan/1\nnama: Uji\u2028jenis: teknis\n",
    "format: sopan/1\nnama: \ufeffUji\n",
    "format: sopan/1\nnama: |#\n  Uji\n",
    "format: sopan/1\nnama: !!str &a Uji\nunit: *a\n",
    "format: sopan/1\nnama: Uji\nunit: [!!str, a]\n",
    "format: sopan/1\nnama: Uji\nunit: {a:[b]}\n",
    "format: sopan/1\nnama: Uji\nunit: {a:}\n",
    "format: sopan/1\nnama: &n Uji\n*n: x\n",
    "format: sopan/1\nnama: Uji\n...\n",
    "format: sopan/1\nnama: &a Uji\nunit: &a x\n",  # a reused anchor: PyYAML refuses
    "format: sopan/1\nnama: Uji\n---\nnama: Lagi\n",
    "format: sopan/1\nnama: 'Uji\n",
    "format: sopan/1\nnama: Uji\n\x00",
]


@pytest.mark.parametrize("composer", FAST)
@pytest.mark.parametrize("text", READ_BY_RUAMEL)
def test_what_pyyaml_reads_differently_is_read_by_ruamel(text: str, composer: str) -> None:
    assert _tree(text, composer) == _tree(text, "ruamel")


@pytest.mark.parametrize("composer", FAST)
def test_yaml_12_scalars(composer: str) -> None:
    text = (
        "a: [no, Y, T, ya, on, off, true, 1.0, 007, -3, 0, +7, 0x1F, 1_000, .inf, ~, null, '',"
        " '7', !!int 7, !!int 0x1F, !!null x, !!str 7, 2025-06-02, 1:20]\n"
    )
    tree = _tree(text, composer)
    assert tree == _tree(text, "ruamel")
    assert tree[0]["a"] == [
        *["no", "Y", "T", "ya", "on", "off", "true", "1.0", "007", -3, 0, "+7", "0x1F"],
        *["1_000", ".inf", None, None, "", "7", 7, "0x1F", None, "7", "2025-06-02", "1:20"],
    ]


@pytest.mark.parametrize(
    "text", ["<<: {a: 1}\n", "a: =\n", "a: !rahasia x\n", "a: !!binary aGk=\n", "? [a]\n: b\n"]
)
@pytest.mark.parametrize("composer", FAST)
def test_refused_tags_and_keys(text: str, composer: str) -> None:
    assert _tree(text, composer) == _tree(text, "ruamel")
    assert _tree(text, composer)[3]


def test_pure_pyyaml_is_used_without_the_c_extension(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamltree, "_CComposer", None)
    used: list[str] = []
    real = yamltree._compose_pyyaml

    def spy(text: str, composer: Any) -> Any:
        used.append(composer)
        return real(text, composer)

    monkeypatch.setattr(yamltree, "_compose_pyyaml", spy)
    assert load_document(spec_example(), filename="spec").document.nama
    assert used == ["pyyaml"]


def test_loading_does_not_use_ruamel_but_writing_back_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (FIXTURES / "valid" / "komentar.sop.yaml").read_text(encoding="utf-8")

    def refuse(*args: Any) -> Any:
        raise AssertionError("ruamel used")

    monkeypatch.setattr(yamltree, "_compose_ruamel", refuse)
    loaded = load_document(text)
    assert loaded.locate(("langkah", 0)) is not None
    assert "# SOP uji dengan komentar" in dump_yaml(loaded)  # ruamel round trip, on demand


# Differential check on generated YAML: block and flow collections, empty values,
# comments, tags, anchors and scalars that YAML 1.1 and 1.2 read differently.
SCALARS = [
    *["a", "no", "Y", "7", "-3", "007", "1.0", "~", "null", "", "", "'q'", '"d"', "''"],
    *["x y", "é😀", "2025-06-02", "<<", "=", "!!str x", "!!str", "!", "! x", "!t x", "&a x"],
    *["*a", "|\n  lit\n", ">-\n  fold\n  ed\n", "a # c", "a:b", "http://x", "[]", "{}"],
    *["!!int 0x1", "!!null", "+7", "-0", "x\n  cont", "? x", "- x", "Rp 1.500,00", "\t"],
]
KEYS = ["a", "b", "no", "Y", "1", "é", "'k'", '"k"', "<<", "=", "? k", "~", "", "&k a", "*a"]


@st.composite
def yaml_texts(draw: Any, depth: int = 0, indent: int = 0, flow: bool = False) -> str:
    kind = draw(st.sampled_from(["scalar", "scalar", "flow", "block"]))
    if depth > 2 or kind == "scalar":
        return draw(st.sampled_from(SCALARS))
    if flow or kind == "flow":
        items = draw(st.lists(yaml_texts(depth + 1, indent, True), max_size=3))
        if draw(st.booleans()):
            return "[" + ", ".join(items) + draw(st.sampled_from(["", ",", " "])) + "]"
        keys = draw(st.lists(st.sampled_from(KEYS), min_size=len(items), max_size=len(items)))
        sep = draw(st.sampled_from([": ", ":  ", ": "]))
        return "{" + ", ".join(f"{k}{sep}{v}" for k, v in zip(keys, items, strict=True)) + "}"
    pad = " " * indent
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        value = draw(yaml_texts(depth + 1, indent + 2, False))
        if draw(st.booleans()):
            lines.append(f"{pad}- {value}")
            break
        sep = draw(st.sampled_from([" ", "  ", "\n" + pad + "  ", " # c\n" + pad + "  ", ""]))
        lines.append(f"{pad}{draw(st.sampled_from(KEYS))}:{sep}{value}")
        if draw(st.booleans()):
            lines.append(pad + draw(st.sampled_from(["# c", "", "  # c"])))
    return "\n" + "\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(yaml_texts(), st.sampled_from(["\n", "", "\n# akhir\n"]))
def test_generated_yaml_gives_the_same_tree(body: str, end: str) -> None:
    text = body.lstrip("\n") + end
    expected = _tree(text, "ruamel")
    for composer in FAST:
        assert _tree(text, composer) == expected, composer


@pytest.mark.parametrize("depth", [100, 500, 700])
@pytest.mark.parametrize("composer", FAST)
def test_deep_nesting_gives_the_same_answer(depth: int, composer: str) -> None:
    text = "a: " + "[" * depth + "]" * depth + "\n"
    assert _tree(text, composer) == _tree(text, "ruamel")

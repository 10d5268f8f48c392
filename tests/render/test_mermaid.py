"""Mermaid export: subgraphs per actor, shapes by symbol, labelled edges, safe ids and text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sopan.document import SopDocument, load_path
from sopan.render.mermaid import escape, render_mermaid

REPO = Path(__file__).resolve().parents[2]
ALL = sorted((REPO / "examples").glob("*.sop.yaml")) + sorted(
    (REPO.parent / "shared" / "data" / "real-sops").glob("*.sop.yaml")
)


def _doc(langkah: list[dict[str, Any]]) -> SopDocument:
    return SopDocument.model_validate(
        {
            "format": "sopan/1",
            "nama": 'SOP "uji" [1]',
            "pelaksana": [{"id": "end", "nama": "Petugas {A}"}, {"id": "x-y", "nama": "Kasi"}],
            "langkah": langkah,
        }
    )


def test_flowchart_with_subgraphs_shapes_and_labelled_edges() -> None:
    doc = load_path(REPO / "examples" / "dukcapil-penerbitan-akta-kelahiran.sop.yaml").document
    text = render_mermaid(doc)
    lines = text.splitlines()
    assert lines[1] == "flowchart TD"
    assert '    subgraph a_pemohon["Pemohon"]' in lines
    assert (
        '        s_ajukan(["1. Mengajukan permohonan pencatatan kelahiran dengan '
        'menyerahkan formulir dan persyaratan"])' in lines
    )
    assert any(line.strip().startswith('s_periksa{"2. ') for line in lines)
    assert any(line.strip().startswith('s_rekam["4. ') for line in lines)
    assert '    s_periksa -->|"Lengkap"| s_rekam' in lines
    assert "    s_tte --> s_serahkan" in lines
    assert text.count("subgraph") == text.count("\n    end\n") + text.endswith("    end\n")


def test_ids_are_sanitised_and_text_cannot_break_out() -> None:
    doc = _doc(
        [
            {
                "id": "1 a",
                "no": 1,
                "kegiatan": 'Menerima "berkas" [asli] | {x} <b> #1',
                "simbol": "mulai",
                "pelaksana": ["end"],
            },
            {
                "id": "1-a",
                "no": 2,
                "kegiatan": "Memeriksa",
                "simbol": "keputusan",
                "pelaksana": ["x-y"],
                "cabang": [{"label": 'Ya "sah"', "ke": "z"}, {"label": "Tidak|x", "ke": "1 a"}],
            },
            {"id": "z", "no": 3, "kegiatan": "Selesai\nbaris dua", "simbol": "selesai"},
        ]
    )
    text = render_mermaid(doc)
    assert '    subgraph a_end["Petugas #123;A#125;"]' in text
    assert "subgraph a_x_y[" in text
    assert (
        's_1_a(["1. Menerima #quot;berkas#quot; #91;asli#93; #124; #123;x#125; #lt;b#gt; #35;1"])'
        in text
    )
    assert 's_1_a_2{"2. Memeriksa"}' in text
    assert '    s_1_a_2 -->|"Ya #quot;sah#quot;"| s_z' in text
    assert '    s_1_a_2 -->|"Tidak#124;x"| s_1_a' in text
    assert 's_z(["3. Selesai baris dua"])' in text  # outside any subgraph: no actor
    assert text.splitlines()[0] == "%% SOP #quot;uji#quot; #91;1#93;"


def test_escape_turns_hash_first() -> None:
    assert escape("#quot;") == "#35;quot;"


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_sop_renders(path: Path) -> None:
    doc = load_path(path).document
    text = render_mermaid(doc)
    assert text.startswith("%% ") and "flowchart TD" in text
    for step in doc.langkah:
        assert f"s_{step.step_id}".replace("-", "_") in text or step.step_id.isdigit()

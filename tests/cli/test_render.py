"""`sopan render`: every format through the entry point, outputs, drafts, bad files (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import BROKEN_KEY, GOOD


@pytest.mark.parametrize(
    ("fmt", "suffix", "start"),
    [
        ("bpmn", ".bpmn", b"<?xml"),
        ("mermaid", ".mmd", b"%% "),
        ("html", ".html", b"<!doctype html>"),
    ],
)
def test_one_file_next_to_the_input(write, run, fmt: str, suffix: str, start: bytes) -> None:
    source = write("legalisir.sop.yaml", GOOD)
    code, out, err = run("render", source, "--format", fmt)
    target = source.with_name("legalisir" + suffix)
    assert code == 0, err
    assert target.read_bytes().startswith(start)
    assert str(target) in out


def test_files_are_drafts_unless_final(write, run) -> None:
    source = write("legalisir.sop.yaml", GOOD)
    run("render", source, "--format", "html")
    assert "KONSEP" in source.with_name("legalisir.html").read_text(encoding="utf-8")
    run("render", source, "--format", "html", "--final", "--paper", "f4")
    page = source.with_name("legalisir.html").read_text(encoding="utf-8")
    assert "KONSEP" not in page and "330mm 215mm" in page


def test_svg_gives_one_file_per_page_and_o_names_the_file(write, run, tmp_path: Path) -> None:
    source = write("legalisir.sop.yaml", GOOD)
    code, _, err = run(
        "render",
        source,
        "--format",
        "svg",
        "-o",
        tmp_path / "hasil" / "alur.svg",
        "--orientation",
        "portrait",
    )
    assert code == 0, err
    pages = sorted((tmp_path / "hasil").glob("alur-*.svg"))
    assert [p.name for p in pages][:1] == ["alur-1.svg"]
    assert pages[0].read_bytes().startswith(b"<svg")


def test_several_files_into_a_folder_bad_one_reported_with_location(write, run, tmp_path) -> None:
    good = write("a.sop.yaml", GOOD)
    bad = write("b.sop.yaml", BROKEN_KEY)
    other = write("c.sop.json", '{"format": "sopan/1", "nama": "Kosong"}')
    code, _, err = run("render", good, bad, other, "--format", "mermaid", "-o", tmp_path / "keluar")
    assert code == 2
    assert sorted(p.name for p in (tmp_path / "keluar").iterdir()) == ["a.mmd", "c.mmd"]
    assert f"{bad}:2:1: kunci `nma` tidak dikenal" in err  # file:line:column of the problem
    assert "1 dari 3 berkas gagal dibuat." in err


def test_missing_file_exit_2(run, tmp_path: Path) -> None:
    code, _, err = run("render", tmp_path / "tidak-ada.sop.yaml", "--format", "bpmn")
    assert code == 2
    assert "tidak-ada.sop.yaml" in err


def test_help_in_indonesian_and_english(run) -> None:
    code, out, _ = run("render", "--help")
    assert code == 0 and "tanda KONSEP" in out
    code, out, _ = run("--lang", "en", "render", "--help")
    assert code == 0 and "without the DRAFT mark" in out


def test_format_is_required_and_checked(write, run) -> None:
    source = write("a.sop.yaml", GOOD)
    assert run("render", source)[0] == 2
    assert run("render", source, "--format", "gif")[0] == 2

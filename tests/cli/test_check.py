"""`sopan check`: exit codes, text and JSON forms, languages, the locations of problems."""

from __future__ import annotations

import json

from tests.cli.conftest import BROKEN_KEY, GOOD, UNREACHABLE


def test_clean_file_exits_zero(write, run) -> None:
    code, out, _ = run("check", write("baik.sop.yaml", GOOD))
    assert code == 0
    assert "bersih" in out


def test_findings_exit_one_and_name_step_and_line(write, run) -> None:
    path = write("yatim.sop.yaml", UNREACHABLE)
    code, out, _ = run("check", path)
    assert code == 1
    assert "Langkah yatim:" in out
    assert f"{path}:24:" in out  # the line of the unreachable row
    assert "tidak pernah dicapai" in out


def test_unloadable_file_exits_two_with_location_and_hint(write, run) -> None:
    path = write("rusak.sop.yaml", BROKEN_KEY)
    code, out, _ = run("check", path)
    assert code == 2
    assert f"{path}:2:1:" in out
    assert "nama" in out  # did-you-mean names the right key


def test_worst_exit_code_wins_over_several_files(write, run) -> None:
    good = write("a.sop.yaml", GOOD)
    broken = write("b.sop.yaml", BROKEN_KEY)
    code, _, _ = run("check", good, broken)
    assert code == 2


def test_json_form(write, run) -> None:
    path = write("yatim.sop.yaml", UNREACHABLE)
    code, out, _ = run("check", "--format", "json", path)
    report = json.loads(out)
    assert code == 1
    assert report["file"] == str(path)
    finding = next(f for f in report["findings"] if f["code"] == "STR003")
    assert finding["severity"] == "error"
    assert finding["location"] == {"step": "yatim", "field": None, "line": 24}
    assert finding["message"] and finding["hint"]


def test_missing_file_is_reported_not_raised(tmp_path, run) -> None:
    code, out, _ = run("check", tmp_path / "tidak-ada.sop.yaml")
    assert code == 2
    assert "tidak-ada.sop.yaml" in out


def test_english_messages(write, run) -> None:
    path = write("yatim.sop.yaml", UNREACHABLE)
    code, out, _ = run("--lang", "en", "check", path)
    assert code == 1
    assert "never reached" in out


def test_help_in_indonesian_and_english(run) -> None:
    code, out, _ = run("check", "--help")
    assert code == 0
    assert "penggunaan:" in out and "Kode keluar" in out
    code, out, _ = run("--lang", "en", "check", "--help")
    assert "usage:" in out and "Exit codes" in out


def test_bad_arguments_explained_in_indonesian(run) -> None:
    code, _, err = run("check")
    assert code == 2
    assert "argumen berikut wajib diisi" in err

"""`sopan check`: exit codes, text and JSON forms, languages, the locations of problems."""

from __future__ import annotations

import json

from tests.checks.documents import COMPLETE
from tests.cli.conftest import BROKEN_KEY, GOOD, UNREACHABLE


def test_clean_file_exits_zero(write, run) -> None:
    code, out, _ = run("check", write("baik.sop.yaml", COMPLETE))
    assert code == 0
    assert "bersih" in out


def test_infos_alone_exit_zero_warnings_exit_one(write, run) -> None:
    infos = COMPLETE.replace("keterkaitan: [SOP Pengarsipan]\n", "")
    code, out, _ = run("check", write("info.sop.yaml", infos))
    assert code == 0
    assert "[LKP012] info" in out
    code, out, _ = run("check", write("kurang.sop.yaml", GOOD))
    assert code == 1
    assert "[LKP005] peringatan" in out
    code, out, _ = run("check", "--min-severity", "error", write("kurang.sop.yaml", GOOD))
    assert code == 0


def test_findings_exit_one_and_name_step_and_line(write, run) -> None:
    path = write("yatim.sop.yaml", UNREACHABLE)
    code, out, _ = run("check", path)
    assert code == 1
    assert "Langkah yatim:" in out
    assert f"{path}:24:" in out  # the line of the unreachable row
    assert "tidak pernah dicapai" in out


def test_json_puts_load_problems_among_the_findings(write, run) -> None:
    path = write("rusak.sop.yaml", BROKEN_KEY)
    code, out, _ = run("check", "--format", "json", path)
    assert code == 2
    report = json.loads(out)
    assert set(report) == {"file", "findings"}
    [problem] = report["findings"]
    assert problem["severity"] == "error"
    assert problem["code"] and problem["message"]
    assert problem["location"] == {"step": None, "field": None, "line": 2}


def test_json_of_several_files_is_a_list(write, run) -> None:
    a = write("a.sop.yaml", COMPLETE)
    b = write("b.sop.yaml", UNREACHABLE)
    code, out, _ = run("check", "--format", "json", a, b)
    assert code == 1
    reports = json.loads(out)
    assert [r["file"] for r in reports] == [str(a), str(b)]
    assert reports[0]["findings"] == []
    assert set(reports[1]["findings"][0]) == {"code", "severity", "message", "hint", "location"}


def test_lang_option_after_the_command(write, run) -> None:
    path = write("yatim.sop.yaml", UNREACHABLE)
    code, out, _ = run("check", path, "--lang", "en")
    assert code == 1
    assert "never reached" in out


def test_config_file_switches_rules_off_and_changes_severity(write, run) -> None:
    path = write("kurang.sop.yaml", GOOD)
    config = write(
        "periksa.yaml",
        "nonaktif: [LKP005, LKP006, LKP008, LKP015, LKP017, LKP002]\n"
        "tingkat: {TGL005: info, LKP022: info}\n",
    )
    code, out, _ = run("check", "--config", config, path)
    assert code == 0, out
    assert "LKP005" not in out
    code, out, _ = run("check", "--config", config, "--format", "json", path)
    severities = {f["code"]: f["severity"] for f in json.loads(out)["findings"]}
    assert severities["LKP022"] == "info"


def test_bad_config_file_exits_two_naming_the_file(write, run) -> None:
    path = write("baik.sop.yaml", COMPLETE)
    config = write("salah.yaml", "nonaktif: [LKP001]\nwarna: merah\n")
    code, _, err = run("check", "--config", config, path)
    assert code == 2
    assert str(config) in err and "warna" in err
    assert "konfigurasi" in err
    code, _, err = run("check", "--config", write("rusak.yaml", "nonaktif: [X\n"), path)
    assert code == 2 and "rusak.yaml" in err
    code, _, err = run("check", "--config", config.with_name("tidak-ada.yaml"), path)
    assert code == 2 and "tidak-ada.yaml" in err


def test_berlaku_makes_a_missing_signing_position_an_error(write, run) -> None:
    path = write("tanpa.sop.yaml", COMPLETE.replace("  jabatan: Camat Uji\n", ""))
    code, out, _ = run("check", "--format", "json", path)
    assert code == 1
    [finding] = json.loads(out)["findings"]
    assert (finding["code"], finding["severity"]) == ("TGL005", "warning")
    code, out, _ = run("check", "--berlaku", "--format", "json", path)
    [finding] = json.loads(out)["findings"]
    assert (finding["code"], finding["severity"]) == ("TGL005", "error")


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


def test_register_file_feeds_the_legal_basis_checks(write, run) -> None:
    path = write("baik.sop.yaml", COMPLETE)
    register = write(
        "register.yaml",
        "- {jenis: Undang-Undang, nomor: '25', tahun: 2009, tentang: Pelayanan Publik,"
        " status: dicabut}\n",
    )
    code, out, _ = run("check", "--register", register, "--format", "json", path)
    assert code == 1
    codes = {f["code"]: f["severity"] for f in json.loads(out)["findings"]}
    assert codes.get("HKM001") == "error"
    code, out, _ = run("check", "--format", "json", path)
    assert "HKM001" not in out


def test_bad_register_file_exits_two_naming_the_file(write, run) -> None:
    path = write("baik.sop.yaml", COMPLETE)
    register = write("register.yaml", "regulations: {bukan: daftar}\n")
    code, _, err = run("check", "--register", register, path)
    assert code == 2
    assert "register" in err and str(register) in err

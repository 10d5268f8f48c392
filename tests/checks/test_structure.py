"""Family struktur: each rule fires at an exact place and stays quiet on the complete SOP."""

from __future__ import annotations

from sopan.checks import CheckConfig, Severity
from tests.checks.documents import COMPLETE, check, found, line_of, replace

BRANCHES = "      - {label: Lengkap, ke: tanda}\n      - {label: Tidak lengkap, ke: ajukan}\n"


def _quiet(code: str) -> None:
    assert found(COMPLETE, code) == []


def test_str001_no_start() -> None:
    text = replace(COMPLETE, "    simbol: mulai\n", "")
    assert found(text, "STR001") == [(None, "langkah", line_of(text, "langkah:"))]
    _quiet("STR001")


def test_str002_no_end() -> None:
    text = replace(COMPLETE, "    simbol: selesai\n", "")
    assert found(text, "STR002") == [(None, "langkah", line_of(text, "langkah:"))]
    _quiet("STR002")


def test_str003_unreachable_and_str004_dead_end() -> None:
    text = replace(
        COMPLETE, "    output: Salinan terlegalisasi\n", "    output: Salinan\n    ke: serah\n"
    )
    text = replace(
        text,
        "  - id: serah\n",
        "  - {id: yatim, no: 9, kegiatan: Mengarsip, pelaksana: [petugas], waktu: 1 menit,"
        " output: Arsip, ke: serah}\n  - id: serah\n",
    )
    assert found(text, "STR003") == [("yatim", None, line_of(text, "- {id: yatim"))]
    _quiet("STR003")


def test_str005_loop_without_exit() -> None:
    text = replace(
        COMPLETE,
        BRANCHES,
        "      - {label: Lengkap, ke: tanda}\n      - {label: Ulang, ke: ajukan}\n",
    )
    text = replace(
        text, "    output: Salinan terlegalisasi\n", "    output: Salinan\n    ke: ajukan\n"
    )
    assert [f.code for f in check(text) if f.code == "STR005"] == ["STR005"]
    _quiet("STR005")


def test_str006_decision_with_one_exit() -> None:
    text = replace(COMPLETE, BRANCHES, "      - {label: Lengkap, ke: tanda}\n")
    assert found(text, "STR006") == [("periksa", "cabang", line_of(text, "    cabang:"))]
    _quiet("STR006")


def test_str007_unlabelled_exit_points_at_the_branch() -> None:
    text = replace(COMPLETE, "{label: Tidak lengkap, ke: ajukan}", "{ke: ajukan}")
    assert found(text, "STR007") == [("periksa", "cabang", line_of(text, "{ke: ajukan}"))]
    text = replace(COMPLETE, "{label: Tidak lengkap, ke: ajukan}", '{label: " ", ke: ajukan}')
    assert len(found(text, "STR007")) == 1
    _quiet("STR007")


def test_str008_same_label_twice_ignoring_case() -> None:
    text = replace(COMPLETE, "{label: Tidak lengkap, ke: ajukan}", "{label: LENGKAP, ke: ajukan}")
    assert found(text, "STR008") == [("periksa", "cabang", line_of(text, "{label: LENGKAP"))]
    findings = [f for f in check(text) if f.code == "STR008"]
    assert findings[0].severity is Severity.ERROR
    assert "LENGKAP" in findings[0].message()
    _quiet("STR008")


def test_str009_exit_to_itself() -> None:
    text = replace(COMPLETE, "{label: Tidak lengkap, ke: ajukan}", "{label: Tunggu, ke: periksa}")
    assert found(text, "STR009") == [("periksa", "cabang", line_of(text, "{label: Tunggu"))]
    _quiet("STR009")


def test_str010_actor_never_used() -> None:
    text = replace(
        COMPLETE,
        "  - {id: camat, nama: Camat}\n",
        "  - {id: camat, nama: Camat}\n  - {id: kasi, nama: Kepala Seksi}\n",
    )
    assert found(text, "STR010") == [(None, "pelaksana.3", line_of(text, "{id: kasi"))]
    assert "Kepala Seksi" in next(f for f in check(text) if f.code == "STR010").message()
    _quiet("STR010")


def _with_actors(count: int) -> str:
    extra = "".join(f"  - {{id: a{i}, nama: Aktor {i}}}\n" for i in range(count - 3))
    text = replace(
        COMPLETE, "  - {id: camat, nama: Camat}\n", "  - {id: camat, nama: Camat}\n" + extra
    )
    names = ", ".join(f"a{i}" for i in range(count - 3))
    return replace(text, "    pelaksana: [camat]\n", f"    pelaksana: [camat, {names}]\n")


def test_str011_and_str012_actor_thresholds() -> None:
    assert found(_with_actors(8), "STR011") == []
    nine = _with_actors(9)
    assert found(nine, "STR011") == [
        (None, "pelaksana", line_of(nine, "pelaksana:\n  - {id: pemohon"))
    ]
    assert found(nine, "STR012") == []
    thirteen = _with_actors(13)
    assert found(thirteen, "STR011") == []
    assert found(thirteen, "STR012") == [
        (None, "pelaksana", line_of(thirteen, "pelaksana:\n  - {id: pemohon"))
    ]
    config = CheckConfig.from_mapping({"ambang": {"aktor_maks_a4": 2}})
    assert found(COMPLETE, "STR011", config=config) == [
        (None, "pelaksana", line_of(COMPLETE, "pelaksana:\n  - {id: pemohon"))
    ]
    _quiet("STR011")
    _quiet("STR012")


def _with_steps(count: int) -> str:
    rows = "".join(
        f"  - {{id: x{i}, kegiatan: Mengerjakan bagian {i}, pelaksana: [petugas], waktu: 1 menit,"
        f" output: Bagian {i}}}\n"
        for i in range(count - 4)
    )
    text = replace(COMPLETE, "  - id: tanda\n", rows + "  - id: tanda\n")
    return replace(text, "standar_waktu: 2 jam", "standar_waktu: 5 jam")


def test_str013_and_str014_long_flows() -> None:
    assert found(_with_steps(25), "STR013") == []
    long = _with_steps(26)
    assert found(long, "STR013") == [(None, "langkah", line_of(long, "langkah:"))]
    assert found(long, "STR014") == []
    longer = _with_steps(41)
    assert found(longer, "STR013") == []
    assert found(longer, "STR014") == [(None, "langkah", line_of(longer, "langkah:"))]
    _quiet("STR013")
    _quiet("STR014")


def test_str015_links_that_are_ignored() -> None:
    text = replace(
        COMPLETE, "    output: Dokumen diterima pemohon\n", "    output: Dokumen\n    ke: ajukan\n"
    )
    assert found(text, "STR015") == [("serah", "ke", line_of(text, "    ke: ajukan"))]
    text = replace(
        COMPLETE, "    output: Berkas terperiksa\n", "    output: Berkas\n    ke: tanda\n"
    )
    assert found(text, "STR015") == [("periksa", "ke", line_of(text, "    ke: tanda"))]
    text = replace(
        COMPLETE,
        "    output: Salinan terlegalisasi\n",
        "    output: Salinan\n    cabang: [{label: Ya, ke: serah}]\n",
    )
    assert found(text, "STR015") == [("tanda", "cabang", line_of(text, "    cabang: [{label: Ya"))]
    _quiet("STR015")

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path

import pytest

from sopan.document import DocumentLoadError, Problem, load_document, load_path
from tests.document.conftest import FIXTURES, REAL_SOPS

BROKEN = FIXTURES / "broken"


def test_spec_example_loads_with_expected_values(spec_yaml: str) -> None:
    loaded = load_document(spec_yaml, filename="SOP-FORMAT.md")
    doc = loaded.document
    assert doc.nama == "Pengelolaan Surat Masuk"
    assert doc.versi == "1.0"
    assert doc.jenis == "administratif"
    assert doc.tanggal.pembuatan == date(2025, 6, 2)
    assert doc.tanggal.revisi is None
    assert doc.disahkan_oleh.nip is None
    assert doc.actor_ids() == ["umum", "sekretaris", "kepala", "pemohon"]
    assert doc.pelaksana[0].jenis == "internal"
    assert doc.pelaksana[3].jenis == "eksternal"
    assert doc.step_ids() == ["terima", "periksa", "unggah", "disposisi", "selesai"]
    assert doc.langkah[1].cabang[0].label == "Rahasia"
    assert doc.langkah[2].simbol == "proses"
    assert doc.indikator[0].frekuensi == "bulanan"
    assert doc.keterkaitan[0].sop == "SOP-030/17000/2025"  # type: ignore[union-attr]
    assert doc.riwayat[0].versi == "1.0"
    assert loaded.step_line("periksa") is not None
    assert loaded.locate(("langkah", 0, "waktu"))[1] == 5  # type: ignore[index]


def test_real_bps_sop_loads() -> None:
    loaded = load_path(REAL_SOPS[0])
    doc = loaded.document
    assert doc.nomor == "SOP-1-107/17000/2025"
    unnumbered = doc.langkah[5]
    assert unnumbered.no is None and unnumbered.step_id == "sampaikan"
    assert doc.step("pilih_media").cabang[0].label == "Ya"  # type: ignore[union-attr]
    assert loaded.step_line("sampaikan") == 94
    assert loaded.locate(("langkah", 2, "waktu")) == (74, 5)


def test_real_poso_sop_loads_with_loop_and_text_labels() -> None:
    doc = load_path(REAL_SOPS[1]).document
    assert doc.nomor == "18.2.2.20"
    assert doc.step_ids() == [str(n) for n in range(1, 10)]
    labels = [(b.label, b.ke) for b in doc.langkah[1].cabang]
    assert labels == [("Y", "3"), ("T", "1")]  # strings, not booleans; the loop back to 1


def test_yaml_12_words_and_numbers_stay_text() -> None:
    doc = load_path(FIXTURES / "valid" / "komentar.sop.yaml").document
    assert doc.versi == "1.0"
    assert doc.nomor == "123"
    assert doc.unit == ["Dinas Pendidikan", "Bidang Umum"]
    assert [b.label for b in doc.langkah[1].cabang] == ["Y", "no"]
    assert doc.langkah[0].ke == "2" and doc.langkah[0].no == 1
    assert doc.standar_waktu == "2 hari kerja"


def test_json_loads_and_locates_lazily() -> None:
    loaded = load_path(FIXTURES / "valid" / "minimal.sop.json")
    assert loaded.document.versi == "2.0"
    assert loaded.format == "json"
    assert loaded.locate(("langkah", 1)) == (8, 5)


def test_draft_with_nulls_loads() -> None:
    doc = load_path(FIXTURES / "valid" / "draf.sop.yaml").document
    assert doc.definisi == [] and doc.langkah == []


def _problems(name: str) -> list:
    with pytest.raises(DocumentLoadError) as info:
        load_path(BROKEN / name)
    return info.value.problems


@pytest.mark.parametrize(
    ("name", "code", "line", "column", "words"),
    [
        ("syntax.sop.yaml", "yaml.syntax", 2, 10, ["titik dua"]),
        ("unknown_key.sop.yaml", "key.unknown", 2, 1, ["`nma`", "maksud Anda `nama`"]),
        ("duplicate_key.sop.yaml", "key.duplicate", 3, 1, ["`nama`", "baris 2"]),
        ("wrong_type.sop.yaml", "value.type", 7, 15, ["langkah[1].kegiatan", "teks"]),
        ("missing_nama.sop.yaml", "value.missing", 1, 1, ["`nama`", "wajib"]),
        ("bad_format.sop.yaml", "format.unsupported", 1, 9, ["format sopan/2 belum didukung"]),
        ("dangling_ke.sop.yaml", "step.unknown_target", 6, 41, ["`periksa`", "`periksaa`"]),
        ("dangling_cabang.sop.yaml", "step.unknown_target", 10, 28, ["`tolak`", "`periksa`"]),
        ("duplicate_step.sop.yaml", "step.duplicate_id", 8, 10, ["`1`", "baris 6"]),
        ("decision_without_cabang.sop.yaml", "step.decision_without_branches", 7, 13, ["cabang"]),
        ("unknown_actor.sop.yaml", "step.unknown_actor", 6, 31, ["`kepla`"]),
        ("duplicate_actor.sop.yaml", "actor.duplicate_id", 5, 10, ["`umum`", "baris 4"]),
        ("python_tag.sop.yaml", "yaml.tag", 2, 7, ["!!python/object/apply"]),
        ("alias_bomb.sop.yaml", "yaml.alias_limit", 3, 32, ["alias", "100"]),
        ("bad_date.sop.yaml", "value.type", 4, 12, ["`tanggal.efektif`", "(YYYY-MM-DD)"]),
        ("bad_nip.sop.yaml", "value.type", 5, 8, ["`disahkan_oleh.nip`", "18 angka"]),
        ("not_utf8.sop.yaml", "file.encoding", 2, 10, ["bukan teks UTF-8", "posisi 25"]),
        ("syntax.sop.json", "json.syntax", 4, 3, ["koma"]),
    ],
)
def test_broken_file_gives_located_indonesian_problem(
    name: str, code: str, line: int, column: int, words: list[str]
) -> None:
    problem = _problems(name)[0]
    assert (problem.code, problem.line, problem.column) == (code, line, column)
    text = str(problem)
    assert text.startswith(f"{BROKEN / name}:{line}:{column}: ")
    for word in words:
        assert word in text


def test_all_problems_are_collected_in_one_pass() -> None:
    problems = _problems("several_problems.sop.yaml")
    assert [(p.code, p.line) for p in problems] == [
        ("key.unknown", 2),
        ("key.unknown", 3),
        ("value.type", 5),
    ]
    assert "maksud Anda `instansi`" in problems[1].message()


def test_too_large_is_refused_before_parsing() -> None:
    text = "format: sopan/1\nnama: Uji\n" + "#" * (3_250_585 - 26)
    with pytest.raises(DocumentLoadError) as info:
        load_document(text, filename="besar.sop.yaml")
    problem = info.value.problems[0]
    assert problem.code == "file.too_large"
    assert str(problem) == "besar.sop.yaml: berkas 3,1 MB melebihi batas 2 MB"
    assert load_document(text, max_bytes=4 * 1024 * 1024).document.nama == "Uji"


def test_too_large_path_is_refused_before_reading(tmp_path) -> None:
    path = tmp_path / "besar.sop.yaml"
    path.write_bytes(b"#" * 2_000)
    with pytest.raises(DocumentLoadError) as info:
        load_path(path, max_bytes=1_000)
    assert info.value.codes == ["file.too_large"]


def test_bom_is_accepted() -> None:
    doc = load_document(b"\xef\xbb\xbfformat: sopan/1\nnama: Uji\n").document
    assert doc.nama == "Uji"


def test_invalid_byte_after_bom_counts_from_file_start() -> None:
    with pytest.raises(DocumentLoadError) as info:
        load_document(b"\xef\xbb\xbfformat: sopan/1\nnama: \xff\n")
    assert info.value.problems[0].params["offset"] == 25


def test_any_non_standard_tag_is_refused() -> None:
    with pytest.raises(DocumentLoadError) as info:
        load_document("format: sopan/1\nnama: !rahasia Uji\n")
    assert info.value.codes == ["yaml.tag"]


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(DocumentLoadError) as info:
        load_document("format: sopan/1\nnama: Uji\nx: &a [*a]\n")
    assert info.value.codes == ["yaml.alias_limit"]


def test_unknown_format_name() -> None:
    with pytest.raises(DocumentLoadError) as info:
        load_document("format: sop\nnama: Uji\n")
    assert "tulis `format: sopan/1`" in str(info.value)


def test_json_format_rejects_yaml_only_syntax() -> None:
    with pytest.raises(DocumentLoadError) as info:
        load_document("format: sopan/1\nnama: Uji\n", fmt="json")
    assert info.value.codes == ["json.syntax"]
    assert info.value.problems[0].line == 1


def test_json_duplicate_key_is_located() -> None:
    text = '{"format": "sopan/1",\n "nama": "A",\n "nama": "B"}'
    with pytest.raises(DocumentLoadError) as info:
        load_document(text, fmt="json")
    problem = info.value.problems[0]
    assert (problem.code, problem.line) == ("key.duplicate", 3)


def test_json_validation_problem_is_located() -> None:
    text = '{"format": "sopan/1",\n "nama": "A",\n "tanggal": {"efektif": "besok"}}'
    with pytest.raises(DocumentLoadError) as info:
        load_document(text, filename="x.json")
    problem = info.value.problems[0]
    assert (problem.code, problem.line, problem.column) == ("value.type", 3, 25)


def test_unknown_key_inside_step_suggests_step_key() -> None:
    text = "format: sopan/1\nnama: U\nlangkah:\n  - {id: a, wakt: 2 menit}\n"
    with pytest.raises(DocumentLoadError) as info:
        load_document(text)
    problem = info.value.problems[0]
    assert problem.code == "key.unknown"
    assert "maksud Anda `waktu`" in problem.message()
    assert (problem.line, problem.column) == (4, 13)


def test_choice_and_union_messages() -> None:
    text = "format: sopan/1\nnama: U\njenis: teknik\nunit: {a: b}\n"
    with pytest.raises(DocumentLoadError) as info:
        load_document(text)
    messages = [p.message() for p in info.value.problems]
    assert "`jenis` harus salah satu dari: administratif, teknis" in messages[0]
    assert messages[1] == "`unit` harus berupa teks atau daftar teks"


def test_not_a_mapping_and_empty() -> None:
    for text, code in [("- a\n- b\n", "document.not_mapping"), ("", "file.empty")]:
        with pytest.raises(DocumentLoadError) as info:
            load_document(text)
        assert info.value.codes == [code]


def test_english_message_falls_back_to_catalogue() -> None:
    problem = _problems("missing_nama.sop.yaml")[0]
    assert problem.message("en")  # the English catalogue comes later; never empty


def _unreadable(path) -> Problem:
    with pytest.raises(DocumentLoadError) as info:
        load_path(path)
    assert info.value.codes == ["file.unreadable"]
    return info.value.problems[0]


def test_missing_file_is_a_located_problem(tmp_path) -> None:
    path = tmp_path / "hilang.sop.yaml"
    problem = _unreadable(path)
    assert str(problem) == (
        f"{path}: berkas `hilang.sop.yaml` tidak dapat dibaca: berkas tidak ditemukan"
    )
    assert problem.params["kind"] == "missing"


def test_file_inside_a_file_is_missing(tmp_path) -> None:
    (tmp_path / "berkas").write_text("x")
    assert _unreadable(tmp_path / "berkas" / "a.sop.yaml").params["kind"] == "missing"


def test_directory_is_a_located_problem(tmp_path) -> None:
    folder = tmp_path / "sop.yaml"
    folder.mkdir()
    problem = _unreadable(folder)
    assert str(problem) == f"{folder}: `sop.yaml` tidak dapat dibaca: ini folder, bukan berkas"
    with pytest.raises(DocumentLoadError) as info:  # not "too large", whatever its size
        load_path(folder, max_bytes=0)
    assert info.value.problems[0].params["kind"] == "directory"


def test_file_without_read_permission_is_a_located_problem(tmp_path, monkeypatch) -> None:
    path = tmp_path / "rahasia.sop.yaml"
    path.write_text("format: sopan/1\nnama: Uji\n", encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: make the refusal happen anyway

        def refuse(self: Path) -> bytes:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))

        monkeypatch.setattr(Path, "read_bytes", refuse)
    try:
        problem = _unreadable(path)
    finally:
        path.chmod(0o644)
    assert str(problem) == (
        f"{path}: berkas `rahasia.sop.yaml` tidak dapat dibaca: tidak ada izin membaca berkas"
    )


def test_other_os_error_keeps_its_reason(tmp_path, monkeypatch) -> None:
    path = tmp_path / "rusak.sop.yaml"
    path.write_text("format: sopan/1\nnama: Uji\n", encoding="utf-8")

    def fail(self: Path) -> bytes:
        raise OSError(errno.EIO, "Input/output error", str(self))

    monkeypatch.setattr(Path, "read_bytes", fail)
    problem = _unreadable(path)
    assert problem.message() == "berkas `rusak.sop.yaml` tidak dapat dibaca: Input/output error"

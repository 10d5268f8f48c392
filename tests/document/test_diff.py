from __future__ import annotations

from sopan.document import diff_documents, load_document


def _load(text: str):
    return load_document(text).document


BASE = """format: sopan/1
nama: Uji
versi: "1.0"
tujuan: Lama
dasar_hukum: [UU 1]
pelaksana:
  - {id: a, nama: Loket}
  - {id: b, nama: Kasi}
langkah:
  - {id: terima, kegiatan: Terima, pelaksana: [a], waktu: 3 menit}
  - {id: periksa, kegiatan: Periksa, pelaksana: [b]}
  - {id: tutup, kegiatan: Tutup, simbol: selesai, pelaksana: [a]}
"""


def test_diff_with_itself_is_empty() -> None:
    doc = _load(BASE)
    diff = diff_documents(doc, doc)
    assert diff.is_empty
    assert diff.to_text() == "Tidak ada perubahan."


def test_every_kind_of_change() -> None:
    new = (
        BASE.replace('versi: "1.0"', 'versi: "1.1"')
        .replace("tujuan: Lama", "tujuan: Baru")
        .replace("[UU 1]", "[UU 2]")
        .replace("{id: a, nama: Loket}", "{id: loket, nama: Loket}")
        .replace("{id: b, nama: Kasi}", "{id: b, nama: Kepala Seksi}")
        .replace("[a]", "[loket]")
        .replace("waktu: 3 menit", "waktu: 5 menit")
        .replace("  - {id: periksa, kegiatan: Periksa, pelaksana: [b]}\n", "")
        + "  - {id: arsip, kegiatan: Arsip, pelaksana: [b]}\n"
    )
    diff = diff_documents(_load(BASE), _load(new))
    data = diff.to_dict()
    assert data["identity"] == [{"field": "versi", "old": "1.0", "new": "1.1"}]
    assert data["fields"] == [{"field": "tujuan", "old": "Lama", "new": "Baru"}]
    assert data["lists"] == [{"element": "dasar_hukum", "added": ["UU 2"], "removed": ["UU 1"]}]
    assert data["actors"] == {
        "added": [],
        "removed": [],
        "renamed": [{"id": "b", "old": "Kasi", "new": "Kepala Seksi"}],
        "reidentified": [{"nama": "Loket", "old": "a", "new": "loket"}],
    }
    assert data["steps"]["added"] == [{"id": "arsip", "kegiatan": "Arsip"}]
    assert data["steps"]["removed"] == [{"id": "periksa", "kegiatan": "Periksa"}]
    changed = {c["id"]: c["changes"] for c in data["steps"]["changed"]}
    assert {"field": "waktu", "old": "3 menit", "new": "5 menit"} in changed["terima"]
    text = diff.to_text()
    assert "Langkah terima (Terima) diubah: waktu '3 menit' → '5 menit'" in text
    assert "Pelaksana b berganti nama: Kasi → Kepala Seksi" in text
    assert "Langkah periksa (Periksa) dihapus" in text


def test_moved_steps() -> None:
    lines = BASE.splitlines(keepends=True)
    swapped = "".join([*lines[:-3], lines[-2], lines[-3], lines[-1]])
    diff = diff_documents(_load(BASE), _load(swapped))
    assert diff.to_dict()["steps"]["moved"] == [
        {"id": "periksa", "old_position": 2, "new_position": 1}
    ]
    assert "Langkah periksa dipindah dari baris 2 ke baris 1" in diff.to_text()


def test_change_of_one_step_field_only_is_not_empty() -> None:
    old = BASE.replace(
        "{id: periksa, kegiatan: Periksa,", "{id: periksa, kegiatan: Periksa, waktu: 1 jam,"
    )
    new = old.replace("waktu: 1 jam", "waktu: 2 jam")
    diff = diff_documents(_load(old), _load(new))
    assert not diff.is_empty
    data = diff.to_dict()
    assert data["steps"]["changed"] == [
        {
            "id": "periksa",
            "kegiatan": "Periksa",
            "changes": [{"field": "waktu", "old": "1 jam", "new": "2 jam"}],
        }
    ]
    assert not any(data["steps"][k] for k in ("added", "removed", "moved"))
    text = diff.to_text()
    assert text == "Langkah periksa (Periksa) diubah: waktu '1 jam' → '2 jam'"

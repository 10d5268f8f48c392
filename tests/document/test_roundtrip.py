from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sopan.document import (
    SopDocument,
    canonical_json,
    diff_documents,
    document_hash,
    dump_json,
    dump_yaml,
    load_document,
    load_path,
)
from tests.document.conftest import FIXTURES, REAL_SOPS, spec_example

SOURCES = [
    pytest.param(spec_example(), id="spec"),
    *[pytest.param(p.read_text(encoding="utf-8"), id=p.name) for p in REAL_SOPS],
    *[
        pytest.param(p.read_text(encoding="utf-8"), id=p.name)
        for p in (FIXTURES / "valid").glob("*.yaml")
    ],
]


@pytest.mark.parametrize("text", SOURCES)
def test_load_dump_load_is_equal(text: str) -> None:
    loaded = load_document(text)
    assert load_document(dump_yaml(loaded)).document == loaded.document
    assert load_document(dump_yaml(loaded.document)).document == loaded.document
    assert load_document(dump_json(loaded), fmt="json").document == loaded.document


def test_json_fixture_round_trip() -> None:
    loaded = load_path(FIXTURES / "valid" / "minimal.sop.json")
    assert load_document(dump_yaml(loaded)).document == loaded.document
    assert load_document(dump_json(loaded), fmt="json").document == loaded.document


def test_dumping_a_loaded_document_keeps_comments_and_key_order() -> None:
    text = (FIXTURES / "valid" / "komentar.sop.yaml").read_text(encoding="utf-8")
    out = dump_yaml(load_document(text))
    assert "# SOP uji dengan komentar" in out
    assert '# "no" tetap teks' in out
    assert out.index("versi:") < out.index("nomor:")  # as written, not the format's order


def test_dumping_a_document_quotes_what_yaml_11_would_misread() -> None:
    doc = load_path(FIXTURES / "valid" / "komentar.sop.yaml").document
    out = dump_yaml(doc)
    assert 'versi: "1.0"' in out
    assert '{label: "Y", ke: "3"}' in out
    assert '{label: "no", ke: "1"}' in out
    assert out.startswith("format: sopan/1\nnama: Pelayanan Legalisir\nnomor:")
    assert "simbol: proses" not in out and "jenis: internal" not in out
    assert "2025-01-02" in out


def test_hash_is_stable_and_canonical() -> None:
    doc = load_path(REAL_SOPS[0]).document
    again = load_document(dump_yaml(doc)).document
    assert document_hash(doc) == document_hash(again)
    assert len(document_hash(doc)) == 64
    raw = canonical_json(doc)
    assert b" " not in raw.split(b'"')[0] and raw.startswith(b'{"dasar_hukum":')
    changed = doc.model_copy(update={"versi": "9"})
    assert document_hash(changed) != document_hash(doc)


TRICKY = [
    "no",
    "Y",
    "T",
    "ya",
    "on",
    "off",
    "1.0",
    "1",
    "007",
    ":",
    "#",
    "a: b",
    "- x",
    "null",
    "~",
    "true",
    "2025-06-02",
    "1:20",
    "Rp 1.500,00",
    "'kutip'",
    '"ganda"',
    " spasi ",
    "[x]",
    "{y}",
    "&a",
    "*b",
    "!tag",
    "%",
    "@",
    "`",
    "é ñ ğ",
    "Dinas Kependudukan & Capil",
]
ALPHABET = "abcdeghijklmnoprstuwyABCDEGKLMNPRSTY0123456789 .,:;#-'\"/()&*!?%éñ"
texts = st.one_of(st.sampled_from(TRICKY), st.text(ALPHABET, min_size=0, max_size=25))
maybe = lambda s: st.none() | s  # noqa: E731
ids = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


@st.composite
def documents(draw: Any) -> SopDocument:
    actor_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    actors = [
        {
            "id": a,
            "nama": draw(texts),
            "jenis": draw(st.sampled_from(["internal", "eksternal", "sistem"])),
        }
        for a in actor_ids
    ]
    count = draw(st.integers(1, 8))
    step_ids = draw(
        st.lists(ids | st.sampled_from(TRICKY), min_size=count, max_size=count, unique=True)
    )
    steps = []
    for sid in step_ids:
        step: dict[str, Any] = {"kegiatan": draw(maybe(texts)), "waktu": draw(maybe(texts))}
        if draw(st.booleans()):
            step["id"] = sid
            step["no"] = draw(maybe(st.integers(1, 99)))
        else:
            step["id"] = sid
        step["pelaksana"] = draw(st.lists(st.sampled_from(actor_ids), max_size=2))
        kind = draw(st.sampled_from(["proses", "keputusan", "selesai", "mulai"]))
        step["simbol"] = kind
        if kind == "keputusan":
            targets = draw(st.lists(st.sampled_from(step_ids), min_size=1, max_size=3))
            step["cabang"] = [{"label": draw(maybe(texts)), "ke": t} for t in targets]
        elif draw(st.booleans()):
            step["ke"] = draw(st.sampled_from(step_ids))
        step["kelengkapan"] = draw(maybe(texts | st.lists(texts, min_size=1, max_size=2)))
        steps.append(step)
    data = {
        "format": "sopan/1",
        "nama": draw(texts),
        "nomor": draw(maybe(texts)),
        "versi": draw(maybe(texts)),
        "unit": draw(maybe(texts | st.lists(texts, min_size=1, max_size=3))),
        "tanggal": {"pembuatan": draw(maybe(dates)), "efektif": draw(maybe(dates))},
        "tujuan": draw(maybe(texts)),
        "dasar_hukum": draw(st.lists(texts, max_size=3)),
        "keterkaitan": draw(
            st.lists(
                texts | st.builds(lambda s, h: {"sop": s, "hubungan": h}, texts, maybe(texts)),
                max_size=2,
            )
        ),
        "pelaksana": actors,
        "langkah": steps,
        "riwayat": [{"versi": draw(texts), "tanggal": draw(maybe(dates))}],
    }
    return SopDocument.model_validate(data)


@settings(max_examples=60, deadline=None)
@given(documents())
def test_generated_documents_round_trip(doc: SopDocument) -> None:
    assert load_document(dump_yaml(doc)).document == doc
    assert load_document(dump_json(doc), fmt="json").document == doc
    assert diff_documents(doc, doc).is_empty

"""A checker that crashes is a bug: every rule (every family) survives generated documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopan.checks import CheckConfig, Finding, Severity, run_checks
from sopan.document import SopDocument, dump_yaml, load_document
from tests.document.test_roundtrip import dates, documents, maybe, texts

WAKTU = st.sampled_from(
    ["5 menit", "0 menit", "1,5 jam", "1-3 hari", "2 hari kerja", "segera", "-", "", "1 bulan"]
)


@st.composite
def full_documents(draw: Any) -> SopDocument:
    """The round-trip strategy's documents plus the blocks it leaves out."""
    doc = draw(documents())
    data = doc.model_dump(mode="json")
    for step in data["langkah"]:
        if draw(st.booleans()):
            step["waktu"] = draw(WAKTU)
        step["output"] = draw(maybe(texts))
        step["keterangan"] = draw(maybe(texts))
    data["standar_waktu"] = draw(maybe(WAKTU | texts))
    data["tanggal"]["revisi"] = draw(maybe(dates))
    data["disahkan_oleh"] = {"jabatan": draw(maybe(texts))}
    data["definisi"] = draw(
        st.lists(
            st.builds(lambda a, b: {"istilah": a, "arti": b}, maybe(texts), maybe(texts)),
            max_size=2,
        )
    )
    data["indikator"] = draw(st.lists(st.builds(lambda n: {"nama": n}, maybe(texts)), max_size=2))
    data["eskalasi"] = draw(
        st.lists(
            st.builds(
                lambda k, t, p: {"kondisi": k, "tindakan": t, "kepada": p},
                maybe(texts),
                maybe(texts),
                maybe(texts),
            ),
            max_size=2,
        )
    )
    data["lampiran"] = draw(st.lists(st.builds(lambda n: {"nama": n}, maybe(texts)), max_size=1))
    data["pelaporan"] = {"kepada": draw(maybe(texts))}
    return SopDocument.model_validate(data)


CONFIGS = st.sampled_from(
    [
        CheckConfig(),
        CheckConfig.from_mapping(
            {"ambang": {"aktor_maks_a4": 0, "langkah_hierarkis": 0, "langkah_maks": 1}}
        ),
        CheckConfig.from_mapping({"tingkat": {"STR003": "info"}, "akronim_dikenal": ["SOP"]}),
    ]
)


def _assert_findings(findings: object) -> None:
    assert isinstance(findings, list)
    for finding in findings:
        assert isinstance(finding, Finding)
        assert isinstance(finding.severity, Severity)
        assert finding.message("id") and finding.message("en")
        finding.hint("en")
        finding.to_dict("en")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(full_documents(), CONFIGS, st.booleans(), dates)
def test_run_checks_never_raises_on_a_document(
    doc: SopDocument, config: CheckConfig, in_force: bool, today: dt.date
) -> None:
    _assert_findings(run_checks(doc, config=config, in_force=in_force, today=today))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(full_documents())
def test_run_checks_never_raises_on_a_loaded_document(doc: SopDocument) -> None:
    loaded = load_document(dump_yaml(doc), filename="acak.sop.yaml")
    findings = run_checks(loaded)
    _assert_findings(findings)
    for finding in findings:
        assert finding.location.line is None or finding.location.line >= 1

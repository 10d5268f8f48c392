"""Family tata_kelola: each rule fires at an exact place and stays quiet on the complete SOP."""

from __future__ import annotations

import datetime as dt

from sopan.checks import CheckConfig, Severity
from tests.checks.documents import COMPLETE, check, found, line_of, replace


def _severity(text: str, code: str, **kwargs: object) -> list[Severity]:
    return [f.severity for f in check(text, **kwargs) if f.code == code]


def test_tgl001_effective_before_made() -> None:
    text = replace(COMPLETE, "  efektif: 2025-06-02\n", "  efektif: 2025-05-01\n")
    assert found(text, "TGL001") == [(None, "tanggal.efektif", line_of(text, "  efektif:"))]
    assert _severity(text, "TGL001") == [Severity.ERROR]
    assert found(COMPLETE, "TGL001") == []


def test_tgl002_review_overdue_is_info_for_a_draft_and_warning_in_force() -> None:
    later = dt.date(2099, 6, 1)
    assert found(COMPLETE, "TGL002", today=later) == [
        (None, "tanggal.revisi", line_of(COMPLETE, "  revisi:"))
    ]
    assert _severity(COMPLETE, "TGL002", today=later) == [Severity.INFO]
    assert _severity(COMPLETE, "TGL002", today=later, in_force=True) == [Severity.WARNING]
    assert found(COMPLETE, "TGL002") == []  # review still ahead
    # a revisi on or before the effective date is the revision itself, not a planned review
    past = replace(COMPLETE, "  revisi: 2099-05-31\n", "  revisi: 2025-06-01\n")
    assert found(past, "TGL002", today=later) == []


def test_tgl003_current_version_missing_from_history() -> None:
    text = replace(COMPLETE, 'versi: "1.0"\n', 'versi: "1.1"\n')
    assert found(text, "TGL003") == [(None, "riwayat", line_of(text, "riwayat:"))]
    assert "1.1" in next(f for f in check(text) if f.code == "TGL003").message()
    assert found(COMPLETE, "TGL003") == []


ESKALASI = (
    "  - {kondisi: Camat tidak di tempat, tindakan: Sekretaris Camat menandatangani, "
    "kepada: Camat}\n"
)


def test_tgl004_escalation_that_names_nobody() -> None:
    text = replace(COMPLETE, ESKALASI, "  - {kondisi: Listrik padam, tindakan: Dicatat manual}\n")
    assert found(text, "TGL004") == [(None, "eskalasi.0", line_of(text, "  - {kondisi: Listrik"))]
    assert "Listrik padam" in next(f for f in check(text) if f.code == "TGL004").message()
    named = replace(
        COMPLETE, ESKALASI, "  - {kondisi: Listrik padam, tindakan: Lapor ke Kepala Seksi}\n"
    )
    assert found(named, "TGL004") == []
    actor = replace(
        COMPLETE, ESKALASI, "  - {kondisi: Listrik padam, tindakan: Hubungi Petugas Pelayanan}\n"
    )
    assert found(actor, "TGL004") == []
    assert found(COMPLETE, "TGL004") == []


def test_tgl005_signing_position_error_only_in_force() -> None:
    text = replace(COMPLETE, "  jabatan: Camat Uji\n", "")
    assert found(text, "TGL005") == [
        (None, "disahkan_oleh.jabatan", line_of(text, "disahkan_oleh:"))
    ]
    assert _severity(text, "TGL005") == [Severity.WARNING]
    assert _severity(text, "TGL005", in_force=True) == [Severity.ERROR]
    config = CheckConfig.from_mapping({"tingkat": {"TGL005": "info"}})
    assert _severity(text, "TGL005", in_force=True, config=config) == [Severity.INFO]
    assert found(COMPLETE, "TGL005", in_force=True) == []


def test_tgl006_revision_before_made() -> None:
    text = replace(COMPLETE, "  revisi: 2099-05-31\n", "  revisi: 2024-05-31\n")
    assert found(text, "TGL006") == [(None, "tanggal.revisi", line_of(text, "  revisi:"))]
    assert found(COMPLETE, "TGL006") == []

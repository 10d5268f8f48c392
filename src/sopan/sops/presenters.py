"""What the version page shows, computed from the stored document (never stored twice)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language

from sopan.checks import Finding
from sopan.document import SopDocument, StepGraph
from sopan.organisations.nip import format_nip
from sopan.sops.models import SopVersion
from sopan.sops.quality import check_version


@dataclass
class StepRow:
    number: str
    step_id: str
    kegiatan: str
    simbol: str
    actors: list[bool]
    kelengkapan: str
    waktu: str
    output: str
    keterangan: str
    next_steps: str
    findings: list[dict[str, Any]]


def version_page_context(version: SopVersion, request: HttpRequest) -> dict[str, Any]:
    document = version.document_model()
    lang = get_language() or "id"
    findings = check_version(version, lang=lang)
    return {
        "version": version,
        "doc": document,
        "unit_lines": _unit_lines(document),
        "nip": format_nip(document.disahkan_oleh.nip) if document.disahkan_oleh.nip else "",
        "rows": _rows(document, findings, lang),
        "document_findings": [f.to_dict(lang) for f in findings if f.location.step is None],
        "finding_count": len(findings),
        "total_time": _total_time(document, lang),
    }


def _unit_lines(document: SopDocument) -> list[str]:
    unit = document.unit
    lines = list(unit) if isinstance(unit, list) else ([unit] if unit else [])
    if document.instansi and (not lines or lines[0] != document.instansi):
        lines.insert(0, document.instansi)
    return lines


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _rows(document: SopDocument, findings: list[Finding], lang: str) -> list[StepRow]:
    graph = StepGraph.from_document(document)
    actor_ids = [actor.id for actor in document.pelaksana]
    by_step: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        if finding.location.step:
            by_step.setdefault(finding.location.step, []).append(finding.to_dict(lang))
    rows = []
    for step in document.langkah:
        edges = graph.successors(step.step_id)
        rows.append(
            StepRow(
                number=_text(step.no),
                step_id=step.step_id,
                kegiatan=step.kegiatan or "",
                simbol=step.simbol,
                actors=[actor in step.pelaksana for actor in actor_ids],
                kelengkapan=_text(step.kelengkapan),
                waktu=step.waktu or "",
                output=step.output or "",
                keterangan=step.keterangan or "",
                next_steps=", ".join(
                    f"{edge.label} → {edge.target}" if edge.label else edge.target for edge in edges
                ),
                findings=by_step.get(step.step_id, []),
            )
        )
    return rows


def _total_time(document: SopDocument, lang: str) -> str:
    if not document.langkah:
        return ""
    return StepGraph.from_document(document).longest_path().phrase(lang)

"""The editor's live panel: the flowchart of the unsaved document (the layout engine's SVG,
the same drawing as the PDF) and the quality findings, each linked to its field.

Nothing here writes: the preview is computed from the posted form on every change. The
findings use the same configuration and register as :func:`sopan.sops.quality.check_version`
(the instansi's ``CheckSettings``), only on a document that is not stored yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from sopan.checks import Finding, run_checks
from sopan.document import SopDocument
from sopan.render.layout import layout_procedure
from sopan.render.options import RenderOptions
from sopan.render.svg import page_svg
from sopan.sops.editor_forms import Checked
from sopan.sops.quality import config_for, register_lookup


@dataclass(frozen=True)
class ShownFinding:
    code: str
    severity: str
    message: str
    hint: str
    anchor: str
    where: str


def document_findings(document: SopDocument, instansi_id: int | None) -> list[Finding]:
    return run_checks(
        document,
        config=config_for(instansi_id),
        register=register_lookup(instansi_id),
        today=timezone.localdate(),
    )


def flowchart_pages(document: SopDocument, lang: str) -> list[str]:
    """One SVG per procedure page, with the KONSEP mark (a draft is never final)."""
    if not document.langkah:
        return []
    layout = layout_procedure(document, RenderOptions(draft=True, lang=lang))
    return [page_svg(layout, page, draft=True, lang=lang) for page in layout.pages]


def _where(finding: Finding, document: SopDocument) -> str:
    step_id = finding.location.step
    if step_id is None:
        return ""  # the message names the element itself
    step = document.step(step_id)
    number = step.no if step is not None and step.no is not None else step_id
    return _("Langkah {number}").format(number=number)


def preview_context(checked: Checked, instansi_id: int | None, lang: str) -> dict[str, Any]:
    """What ``sops/editor/_preview.html`` shows for the posted form."""
    if checked.document is None:
        errors = [
            {"anchor": anchor, "message": message}
            for anchor, messages in checked.errors.items()
            for message in messages
        ]
        return {"load_errors": errors, "pages": [], "findings": []}
    document = checked.document
    findings = [
        ShownFinding(
            code=f.code,
            severity=f.severity.value,
            message=f.message(lang),
            hint=f.hint(lang),
            anchor=checked.anchor(f.location.step, f.location.field),
            where=_where(f, document),
        )
        for f in document_findings(document, instansi_id)
    ]
    return {
        "load_errors": [],
        "pages": flowchart_pages(document, lang),
        "findings": findings,
        "error_count": sum(1 for f in findings if f.severity == "error"),
    }

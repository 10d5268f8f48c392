"""Structure of the flow: what the graph shows to be wrong (first rules of the family)."""

from __future__ import annotations

from collections.abc import Iterator

from sopan.checks.base import CheckContext, Finding, Severity, rule
from sopan.i18n import gettext_noop as N


@rule("STR001")
def no_start(context: CheckContext) -> Iterator[Finding]:
    if context.document.langkah and not context.graph.declared_starts:
        yield Finding(
            code="STR001",
            severity=Severity.WARNING,
            message_id=N("Tidak ada langkah bersimbol mulai."),
            hint_id=N("Tandai langkah pertama dengan simbol: mulai."),
            location=context.field_location("langkah"),
        )


@rule("STR002")
def no_end(context: CheckContext) -> Iterator[Finding]:
    if context.document.langkah and not context.graph.ends:
        yield Finding(
            code="STR002",
            severity=Severity.WARNING,
            message_id=N("Tidak ada langkah bersimbol selesai."),
            hint_id=N("Tandai langkah terakhir alur dengan simbol: selesai."),
            location=context.field_location("langkah"),
        )


@rule("STR003")
def unreachable(context: CheckContext) -> Iterator[Finding]:
    for step_id in context.graph.unreachable():
        yield Finding(
            code="STR003",
            severity=Severity.ERROR,
            message_id=N("Langkah {step} tidak pernah dicapai dari langkah mulai."),
            hint_id=N("Arahkan langkah sebelumnya (ke/cabang) ke langkah ini, atau hapus."),
            location=context.step_location(step_id),
            params={"step": step_id},
        )


@rule("STR004")
def dead_end(context: CheckContext) -> Iterator[Finding]:
    last_row = context.document.step_ids()[-1] if context.document.langkah else None
    for step_id in context.graph.dead_ends():
        if not context.graph.ends and step_id == last_row:
            continue  # already said by STR002: the flow has no selesai at all
        yield Finding(
            code="STR004",
            severity=Severity.ERROR,
            message_id=N("Langkah {step} bukan langkah selesai tetapi tidak punya kelanjutan."),
            hint_id=N("Isi ke: dengan langkah berikutnya, atau beri simbol: selesai."),
            location=context.step_location(step_id),
            params={"step": step_id},
        )


@rule("STR005")
def loop_without_exit(context: CheckContext) -> Iterator[Finding]:
    for loop in context.graph.loops_without_exit():
        steps = sorted(loop, key=context.document.step_ids().index)
        yield Finding(
            code="STR005",
            severity=Severity.ERROR,
            message_id=N("Perulangan tanpa jalan keluar: langkah {steps}."),
            hint_id=N("Beri salah satu keputusan di perulangan itu cabang yang keluar."),
            location=context.step_location(steps[0]),
            params={"steps": ", ".join(steps)},
        )

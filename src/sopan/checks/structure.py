"""Family "struktur": what the step graph shows to be wrong with the flow."""

from __future__ import annotations

from collections.abc import Iterator

from sopan.checks.base import CheckContext, Finding, rule
from sopan.checks.severity import Severity
from sopan.i18n import gettext_noop as N

FAMILY = "struktur"


@rule(
    "STR001",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Tidak ada langkah mulai"),
    why=N("PermenPANRB 35/2012: alur diawali simbol kapsul (mulai)."),
    bad="langkah:\n  - {id: terima, kegiatan: Menerima berkas}",
    good="langkah:\n  - {id: terima, kegiatan: Menerima berkas, simbol: mulai}",
)
def no_start(context: CheckContext) -> Iterator[Finding]:
    if context.document.langkah and not context.graph.declared_starts:
        yield context.finding(
            "STR001",
            N("Tidak ada langkah bersimbol mulai."),
            N("Tandai langkah pertama dengan simbol: mulai."),
            context.field_location("langkah"),
        )


@rule(
    "STR002",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Tidak ada langkah selesai"),
    why=N("PermenPANRB 35/2012: alur diakhiri simbol kapsul (selesai)."),
    bad="  - {id: serah, kegiatan: Menyerahkan dokumen}",
    good="  - {id: serah, kegiatan: Menyerahkan dokumen, simbol: selesai}",
)
def no_end(context: CheckContext) -> Iterator[Finding]:
    if context.document.langkah and not context.graph.ends:
        yield context.finding(
            "STR002",
            N("Tidak ada langkah bersimbol selesai."),
            N("Tandai langkah terakhir alur dengan simbol: selesai."),
            context.field_location("langkah"),
        )


@rule(
    "STR003",
    family=FAMILY,
    severity=Severity.ERROR,
    title=N("Langkah tidak terjangkau"),
    why=N("Prinsip kejelasan: setiap langkah harus menjadi bagian alur yang dapat dijalankan."),
    bad="  - {id: a, simbol: mulai, ke: c}\n  - {id: b}\n  - {id: c, simbol: selesai}",
    good="  - {id: a, simbol: mulai, ke: b}\n  - {id: b}\n  - {id: c, simbol: selesai}",
)
def unreachable(context: CheckContext) -> Iterator[Finding]:
    for step_id in context.graph.unreachable():
        yield context.finding(
            "STR003",
            N("Langkah {step} tidak pernah dicapai dari langkah mulai."),
            N("Arahkan langkah sebelumnya (ke/cabang) ke langkah ini, atau hapus."),
            context.step_location(step_id),
            step=step_id,
        )


@rule(
    "STR004",
    family=FAMILY,
    severity=Severity.ERROR,
    title=N("Langkah buntu"),
    why=N(
        "Setiap langkah selain selesai harus punya kelanjutan agar pelaksana tahu langkah "
        "berikutnya."
    ),
    bad="  - {id: arsip, kegiatan: Mengarsipkan berkas}   # baris terakhir, bukan selesai",
    good="  - {id: arsip, kegiatan: Mengarsipkan berkas, simbol: selesai}",
)
def dead_end(context: CheckContext) -> Iterator[Finding]:
    last_row = context.document.step_ids()[-1] if context.document.langkah else None
    for step_id in context.graph.dead_ends():
        if not context.graph.ends and step_id == last_row:
            continue  # already said by STR002: the flow has no selesai at all
        yield context.finding(
            "STR004",
            N("Langkah {step} bukan langkah selesai tetapi tidak punya kelanjutan."),
            N("Isi ke: dengan langkah berikutnya, atau beri simbol: selesai."),
            context.step_location(step_id),
            step=step_id,
        )


@rule(
    "STR005",
    family=FAMILY,
    severity=Severity.ERROR,
    title=N("Perulangan tanpa jalan keluar"),
    why=N(
        "Perulangan (berkas dikembalikan) harus punya cabang yang keluar, atau pekerjaan "
        "tidak pernah selesai."
    ),
    bad="  - {id: a, ke: b}\n  - {id: b, ke: a}",
    good="  - id: b\n    simbol: keputusan\n    cabang: [{label: Lengkap, ke: c}, "
    "{label: Tidak, ke: a}]",
)
def loop_without_exit(context: CheckContext) -> Iterator[Finding]:
    for loop in context.graph.loops_without_exit():
        steps = sorted(loop, key=lambda s: context.step_index.get(s, 0))
        yield context.finding(
            "STR005",
            N("Perulangan tanpa jalan keluar: langkah {steps}."),
            N("Beri salah satu keputusan di perulangan itu cabang yang keluar."),
            context.step_location(steps[0]),
            steps=", ".join(steps),
        )

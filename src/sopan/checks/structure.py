"""Family "struktur": what the step graph shows to be wrong with the flow (codes STR...).

A step naming an actor that is not declared never reaches these rules: the loader refuses the
document (problem code ``step.unknown_actor``), so that rule has one place, the loader. A
decision without any branch is refused the same way (``step.decision_without_branches``).
Several ``mulai`` steps are allowed (parallel entry points) and have no rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from sopan.checks.base import CheckContext, Finding, rule
from sopan.checks.severity import Severity
from sopan.document import Step
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


def _decisions(context: CheckContext) -> Iterator[Step]:
    seen: set[str] = set()
    for step in context.document.langkah:
        if step.simbol == "keputusan" and step.step_id not in seen:
            seen.add(step.step_id)
            yield step


@rule(
    "STR006",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Keputusan dengan kurang dari dua cabang"),
    why=N(
        "PermenPANRB 35/2012: keputusan (belah ketupat) memilih di antara alternatif "
        "(ya/tidak, lengkap/tidak). Apakah Permen membatasi tepat dua cabang belum pasti, maka "
        "dua cabang atau lebih diterima dan kurang dari dua hanya diperingatkan."
    ),
    bad="  - id: periksa\n    simbol: keputusan\n    cabang: [{label: Lengkap, ke: tanda}]",
    good="  - id: periksa\n    simbol: keputusan\n    cabang:\n"
    "      - {label: Lengkap, ke: tanda}\n      - {label: Tidak lengkap, ke: ajukan}",
)
def decision_with_one_exit(context: CheckContext) -> Iterator[Finding]:
    for step in _decisions(context):
        if len(step.cabang) < 2:
            yield context.finding(
                "STR006",
                N("Keputusan {step} hanya memiliki {count} cabang."),
                N("Beri keputusan dua cabang atau lebih (mis. Ya/Tidak), atau jadikan proses."),
                context.step_location(step.step_id, "cabang"),
                step=step.step_id,
                count=len(step.cabang),
            )


@rule(
    "STR007",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Cabang keputusan tanpa label"),
    why=N(
        "PermenPANRB 35/2012 dan REGULATION §1.11: setiap cabang keputusan diberi label "
        "(Ya/Tidak, Lengkap/Tidak) agar pelaksana tahu kapan mengambil jalan itu."
    ),
    bad="    cabang: [{ke: tanda}, {label: Tidak, ke: ajukan}]",
    good="    cabang: [{label: Ya, ke: tanda}, {label: Tidak, ke: ajukan}]",
)
def unlabelled_exit(context: CheckContext) -> Iterator[Finding]:
    for step in _decisions(context):
        for j, branch in enumerate(step.cabang):
            if branch.label is None or not branch.label.strip():
                yield context.finding(
                    "STR007",
                    N("Cabang ke {target} pada keputusan {step} tidak berlabel."),
                    N("Beri cabang itu label, mis. Ya, Tidak, Lengkap."),
                    context.step_location(step.step_id, "cabang", j),
                    step=step.step_id,
                    target=branch.ke,
                )


@rule(
    "STR008",
    family=FAMILY,
    severity=Severity.ERROR,
    title=N("Dua cabang keputusan berlabel sama"),
    why=N(
        "Prinsip kejelasan: dua cabang berlabel sama (huruf besar/kecil tidak dibedakan) "
        "membuat pelaksana tidak tahu jalan mana yang diambil."
    ),
    bad="    cabang: [{label: Ya, ke: tanda}, {label: ya, ke: arsip}]",
    good="    cabang: [{label: Ya, ke: tanda}, {label: Tidak, ke: arsip}]",
)
def duplicate_exit_label(context: CheckContext) -> Iterator[Finding]:
    for step in _decisions(context):
        seen: set[str] = set()
        for j, branch in enumerate(step.cabang):
            label = " ".join((branch.label or "").split()).casefold()
            if not label:
                continue
            if label in seen:
                yield context.finding(
                    "STR008",
                    N("Keputusan {step} memiliki dua cabang berlabel {label}."),
                    N("Beri setiap cabang label yang berbeda, atau gabungkan cabang itu."),
                    context.step_location(step.step_id, "cabang", j),
                    step=step.step_id,
                    label=branch.label,
                )
            seen.add(label)


@rule(
    "STR009",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Cabang keputusan menunjuk dirinya sendiri"),
    why=N(
        "Prinsip kejelasan: keputusan yang kembali ke dirinya sendiri tidak menyebut apa yang "
        "dikerjakan sampai syaratnya terpenuhi."
    ),
    bad="  - id: periksa\n    simbol: keputusan\n    cabang: [{label: Ya, ke: tanda}, "
    "{label: Tidak, ke: periksa}]",
    good="    cabang: [{label: Ya, ke: tanda}, {label: Tidak, ke: lengkapi}]",
)
def exit_to_itself(context: CheckContext) -> Iterator[Finding]:
    for step in _decisions(context):
        for j, branch in enumerate(step.cabang):
            if branch.ke == step.step_id:
                yield context.finding(
                    "STR009",
                    N("Cabang {label} keputusan {step} kembali ke keputusan itu sendiri."),
                    N("Arahkan cabang itu ke langkah yang memperbaiki keadaan, lalu kembali."),
                    context.step_location(step.step_id, "cabang", j),
                    step=step.step_id,
                    label=branch.label or "-",
                )


@rule(
    "STR010",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Pelaksana tidak pernah dipakai"),
    why=N(
        "PermenPANRB 35/2012: satu kolom per aktor; kolom aktor yang tidak melakukan apa pun "
        "memakan lebar kertas dan mengaburkan peran. (Langkah yang menyebut aktor yang tidak "
        "dideklarasikan ditolak saat memuat, kode step.unknown_actor.)"
    ),
    bad="pelaksana:\n  - {id: umum, nama: Bagian Umum}\n  - {id: bendahara, nama: Bendahara}  "
    "# tidak ada langkah",
    good="pelaksana:\n  - {id: umum, nama: Bagian Umum}",
)
def unused_actor(context: CheckContext) -> Iterator[Finding]:
    used = {actor for step in context.document.langkah for actor in step.pelaksana}
    for i, actor in enumerate(context.document.pelaksana):
        if actor.id not in used:
            location = context.field_location("pelaksana", i, nearest=True)
            yield context.finding(
                "STR010",
                N("Pelaksana {actor} tidak melaksanakan langkah apa pun."),
                N("Hapus pelaksana itu, atau isi langkah yang dilaksanakannya."),
                location,
                actor=actor.nama or actor.id,
            )


@rule(
    "STR011",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Terlalu banyak pelaksana untuk kertas A4"),
    why=N(
        "PermenPANRB 35/2012: satu kolom per aktor pada halaman lanskap; SOP resmi memuat 4-6 "
        "kolom aktor. Ambang: aktor_maks_a4 (bawaan 8); di atas aktor_maks_f4 menjadi STR012."
    ),
    bad="pelaksana: [9 aktor]",
    good="pelaksana: [6 aktor]   # atau cetak di kertas F4",
)
def actors_for_a4(context: CheckContext) -> Iterator[Finding]:
    count = len(context.document.pelaksana)
    a4 = context.config.threshold("aktor_maks_a4", 8)
    f4 = context.config.threshold("aktor_maks_f4", 12)
    if a4 < count <= f4:
        yield context.finding(
            "STR011",
            N("SOP memiliki {count} pelaksana; lebih dari {limit} kolom sempit di kertas A4."),
            N("Cetak di kertas F4, gabungkan aktor yang sejenis, atau pecah SOP."),
            context.field_location("pelaksana", nearest=True),
            count=count,
            limit=_number(a4),
        )


@rule(
    "STR012",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Terlalu banyak pelaksana untuk satu halaman"),
    why=N(
        "PermenPANRB 35/2012: satu kolom per aktor; di atas aktor_maks_f4 (bawaan 12) kolom "
        "tidak terbaca lagi bahkan di kertas F4."
    ),
    bad="pelaksana: [13 aktor]",
    good="Dua SOP: masing-masing dengan 6 aktor, saling merujuk di keterkaitan.",
)
def actors_for_f4(context: CheckContext) -> Iterator[Finding]:
    count = len(context.document.pelaksana)
    f4 = context.config.threshold("aktor_maks_f4", 12)
    if count > f4:
        yield context.finding(
            "STR012",
            N(
                "SOP memiliki {count} pelaksana; lebih dari {limit} kolom tidak muat di satu "
                "halaman."
            ),
            N("Pecah SOP menjadi beberapa SOP yang saling merujuk di keterkaitan."),
            context.field_location("pelaksana", nearest=True),
            count=count,
            limit=_number(f4),
        )


@rule(
    "STR013",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Alur panjang"),
    why=N(
        "PermenPANRB 35/2012: prosedur dengan lebih dari 10 langkah cocok dengan format "
        "hierarkis; sopan baru menyarankan di atas langkah_hierarkis (bawaan 25) langkah. Di "
        "atas langkah_maks menjadi STR014."
    ),
    bad="langkah: [30 langkah]",
    good="langkah: [18 langkah]   # rincian dipindah ke SOP mikro",
)
def long_flow(context: CheckContext) -> Iterator[Finding]:
    count = len(context.document.langkah)
    hint_at = context.config.threshold("langkah_hierarkis", 25)
    limit = context.config.threshold("langkah_maks", 40)
    if hint_at < count <= limit:
        yield context.finding(
            "STR013",
            N("SOP memiliki {count} langkah, lebih dari {limit}."),
            N("Pertimbangkan format hierarkis: langkah utama di sini, rinciannya di SOP mikro."),
            context.field_location("langkah", nearest=True),
            count=count,
            limit=_number(hint_at),
        )


@rule(
    "STR014",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Alur terlalu panjang"),
    why=N(
        "Prinsip kemudahan dan kejelasan; PermenPANRB 35/2012 (format hierarkis untuk prosedur "
        "panjang). Ambang: langkah_maks (bawaan 40)."
    ),
    bad="langkah: [45 langkah]",
    good="SOP makro 12 langkah + SOP mikro untuk tahap yang rinci",
)
def very_long_flow(context: CheckContext) -> Iterator[Finding]:
    count = len(context.document.langkah)
    limit = context.config.threshold("langkah_maks", 40)
    if count > limit:
        yield context.finding(
            "STR014",
            N("SOP memiliki {count} langkah, lebih dari batas {limit}."),
            N("Pecah menjadi SOP makro dengan SOP mikro di bawahnya."),
            context.field_location("langkah", nearest=True),
            count=count,
            limit=_number(limit),
        )


@rule(
    "STR015",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Tautan yang diabaikan"),
    why=N(
        "SOP-FORMAT.md: langkah selesai mengakhiri alur, keputusan hanya mengikuti cabangnya, "
        "dan proses mengikuti ke:. Tautan lain tidak digambar, jadi penulisnya keliru "
        "membayangkan alurnya."
    ),
    bad="  - {id: arsip, simbol: selesai, ke: terima}",
    good="  - {id: arsip, simbol: selesai}",
)
def ignored_link(context: CheckContext) -> Iterator[Finding]:
    for step in context.document.langkah:
        if step.simbol == "selesai" and (step.ke is not None or step.cabang):
            field_name = "ke" if step.ke is not None else "cabang"
            message = N("Langkah selesai {step} punya {field}; tautan itu diabaikan.")
            hint = N("Hapus {field}, atau ubah simbolnya bila alur berlanjut.")
        elif step.simbol == "keputusan" and step.ke is not None:
            field_name = "ke"
            message = N("Keputusan {step} punya ke:; keputusan hanya mengikuti cabang.")
            hint = N("Pindahkan tujuan itu menjadi cabang berlabel.")
        elif step.simbol in ("mulai", "proses") and step.cabang:
            field_name = "cabang"
            message = N("Langkah {step} punya cabang tetapi bukan keputusan; cabang diabaikan.")
            hint = N("Beri simbol: keputusan, atau ganti cabang dengan ke:.")
        else:
            continue
        yield context.finding(
            "STR015",
            message,
            hint,
            context.step_location(step.step_id, field_name),
            step=step.step_id,
            field=field_name,
        )


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value

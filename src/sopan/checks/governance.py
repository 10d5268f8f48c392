"""Family "tata_kelola": dates, versions, approval and escalation (codes TGL...).

``tanggal.revisi`` is both the date of the last revision and the planned date of the next
review (PermenPANRB 35/2012, Bagian Identitas). It is read as a planned review only when it
lies after the effective date (after the date of making when there is no effective date);
such a date that has passed (``< context.today``) is an overdue review (TGL002).

Whether a version is in force is not in the document: the caller says so
(``run_checks(..., in_force=True)``; the web app does for status ``berlaku``, the CLI with
``--berlaku``). That decides the weight of TGL002 and TGL005.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sopan.checks.base import CheckContext, Finding, rule
from sopan.checks.completeness import blank
from sopan.checks.severity import Severity
from sopan.i18n import gettext_noop as N

FAMILY = "tata_kelola"

# Words that name a position (jabatan) or a role in an escalation's tindakan, besides the
# names of the document's own actors.
POSITION_WORDS = (
    "kepala", "sekretaris", "sekda", "kepala dinas", "kadis", "kabid", "kabag", "kasubbag",
    "kasubag", "kasi", "kasie", "camat", "lurah", "kades", "bupati", "wali kota", "walikota",
    "gubernur", "menteri", "direktur", "inspektur", "pimpinan", "atasan", "koordinator",
    "ketua", "petugas", "pejabat", "ppk", "ppid", "admin", "administrator", "operator",
    "verifikator", "bendahara", "ajudan", "penanggung jawab", "supervisor", "pengawas",
)  # fmt: skip
_POSITION_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in POSITION_WORDS) + r")\b", re.I)


@rule(
    "TGL001",
    family=FAMILY,
    severity=Severity.ERROR,
    title=N("Tanggal efektif sebelum tanggal pembuatan"),
    why=N(
        "PermenPANRB 35/2012, Bagian Identitas: tanggal pembuatan adalah selesainya "
        "penyusunan, tanggal efektif adalah pengesahan; SOP tidak dapat berlaku sebelum "
        "selesai disusun."
    ),
    bad="tanggal: {pembuatan: 2025-06-02, efektif: 2025-05-20}",
    good="tanggal: {pembuatan: 2025-05-20, efektif: 2025-06-02}",
)
def effective_before_made(context: CheckContext) -> Iterator[Finding]:
    tanggal = context.document.tanggal
    if tanggal.pembuatan and tanggal.efektif and tanggal.efektif < tanggal.pembuatan:
        yield context.finding(
            "TGL001",
            N("Tanggal efektif {efektif} lebih awal dari tanggal pembuatan {pembuatan}."),
            N("Periksa kedua tanggal: tanggal efektif sama dengan atau sesudah tanggal pembuatan."),
            context.field_location("tanggal", "efektif", nearest=True),
            efektif=tanggal.efektif.isoformat(),
            pembuatan=tanggal.pembuatan.isoformat(),
        )


@rule(
    "TGL002",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Jadwal reviu sudah lewat"),
    why=N(
        "PermenPANRB 35/2012: tanggal revisi juga rencana reviu berikutnya; panduan §7 "
        "(reviu berkala 1-2 tahun). Info pada konsep, peringatan bila versi sedang berlaku."
    ),
    bad="tanggal: {efektif: 2024-01-15, revisi: 2025-01-31}   # hari ini 2025-06-01",
    good="tanggal: {efektif: 2025-06-02, revisi: 2027-06-30}   # setelah reviu",
)
def review_overdue(context: CheckContext) -> Iterator[Finding]:
    tanggal = context.document.tanggal
    since = tanggal.efektif or tanggal.pembuatan
    if tanggal.revisi is None or (since is not None and tanggal.revisi <= since):
        return  # no planned review, or the date of a revision already made
    if tanggal.revisi < context.today:
        default = Severity.WARNING if context.in_force else Severity.INFO
        yield context.finding_at(
            default,
            "TGL002",
            N("Reviu yang direncanakan pada {revisi} sudah lewat."),
            N("Lakukan reviu SOP, lalu perbarui tanggal.revisi atau susun versi baru."),
            context.field_location("tanggal", "revisi", nearest=True),
            revisi=tanggal.revisi.isoformat(),
        )


@rule(
    "TGL003",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Versi saat ini tidak ada di riwayat"),
    why=N(
        "Panduan §5 unsur 12 dan §4 langkah 7: nomor versi dan riwayat perubahan memudahkan "
        "pelacakan; riwayat harus memuat versi yang sedang dibaca."
    ),
    bad='versi: "1.1"\nriwayat:\n  - {versi: "1.0", ringkasan: Penyusunan awal}',
    good='versi: "1.1"\nriwayat:\n  - {versi: "1.0", ringkasan: Penyusunan awal}\n'
    '  - {versi: "1.1", ringkasan: Disposisi melalui aplikasi}',
)
def version_not_in_history(context: CheckContext) -> Iterator[Finding]:
    document = context.document
    entries = [r for r in document.riwayat if not blank(r.versi)]
    if blank(document.versi) or not entries:
        return  # no version stated, or no history at all (LKP019)
    current = (document.versi or "").strip()
    if all((r.versi or "").strip() != current for r in entries):
        yield context.finding(
            "TGL003",
            N("Riwayat tidak memuat versi {versi} yang sedang dibaca."),
            N("Tambahkan entri riwayat untuk versi {versi}: tanggal, ringkasan dan alasan."),
            context.field_location("riwayat", nearest=True),
            versi=current,
        )


def names_someone(text: str | None, actor_names: list[str]) -> bool:
    """Whether a text names a position: one of POSITION_WORDS or an actor's name."""
    if not text:
        return False
    if _POSITION_RE.search(text):
        return True
    lowered = text.casefold()
    return any(name and name.casefold() in lowered for name in actor_names)


@rule(
    "TGL004",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Eskalasi tanpa penanggung jawab"),
    why=N(
        "Panduan §3 prinsip kejelasan peran dan fleksibilitas operasional: eskalasi harus "
        "menyebut kepada siapa masalah dinaikkan. Menyala bila kepada kosong dan tindakan "
        "tidak menyebut jabatan (kata seperti kepala, sekretaris, petugas, atau nama aktor)."
    ),
    bad="eskalasi:\n  - {kondisi: Aplikasi tidak dapat diakses, tindakan: Dicatat manual}",
    good="eskalasi:\n  - {kondisi: Aplikasi tidak dapat diakses, tindakan: Dicatat manual,\n"
    "     kepada: Kepala Subbagian Tata Usaha}",
)
def escalation_to_nobody(context: CheckContext) -> Iterator[Finding]:
    actors = [a.nama or a.id for a in context.document.pelaksana]
    for i, entry in enumerate(context.document.eskalasi):
        if blank(entry.kondisi) and blank(entry.tindakan):
            continue
        if blank(entry.kepada) and not names_someone(entry.tindakan, actors):
            yield context.finding(
                "TGL004",
                N("Eskalasi ke-{n} ({kondisi}) tidak menyebut kepada siapa."),
                N("Isi kepada dengan jabatan yang menerima eskalasi."),
                context.field_location("eskalasi", i, nearest=True),
                n=i + 1,
                kondisi=(entry.kondisi or "-").strip(),
            )


@rule(
    "TGL005",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Jabatan pengesah belum diisi"),
    why=N(
        "PermenPANRB 35/2012, Bagian Identitas (Disahkan oleh) dan prinsip kepastian hukum: "
        "SOP mengikat karena disahkan pejabat yang berwenang. Peringatan pada konsep, galat "
        "bila versi sedang berlaku."
    ),
    bad="disahkan_oleh: {jabatan: null}",
    good="disahkan_oleh: {jabatan: Kepala BPS Provinsi Bengkulu}",
)
def no_signing_position(context: CheckContext) -> Iterator[Finding]:
    if blank(context.document.disahkan_oleh.jabatan):
        default = Severity.ERROR if context.in_force else Severity.WARNING
        yield context.finding_at(
            default,
            "TGL005",
            N("Jabatan pejabat yang mengesahkan belum diisi."),
            N("Isi disahkan_oleh.jabatan dengan nomenklatur jabatan pejabat yang berwenang."),
            context.field_location("disahkan_oleh", "jabatan", nearest=True),
        )


@rule(
    "TGL006",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Tanggal revisi sebelum tanggal pembuatan"),
    why=N(
        "PermenPANRB 35/2012, Bagian Identitas: revisi terjadi setelah SOP dibuat; tanggal "
        "revisi yang lebih awal menunjukkan salah ketik."
    ),
    bad="tanggal: {pembuatan: 2025-06-02, revisi: 2024-06-02}",
    good="tanggal: {pembuatan: 2025-06-02, revisi: 2026-06-02}",
)
def revision_before_made(context: CheckContext) -> Iterator[Finding]:
    tanggal = context.document.tanggal
    if tanggal.pembuatan and tanggal.revisi and tanggal.revisi < tanggal.pembuatan:
        yield context.finding(
            "TGL006",
            N("Tanggal revisi {revisi} lebih awal dari tanggal pembuatan {pembuatan}."),
            N("Periksa tanggal.revisi: revisi atau reviu terjadi sesudah pembuatan."),
            context.field_location("tanggal", "revisi", nearest=True),
            revisi=tanggal.revisi.isoformat(),
            pembuatan=tanggal.pembuatan.isoformat(),
        )

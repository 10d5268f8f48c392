"""Benchmark: all quality checks on typical SOPs, in SOPs per second on one core.

Run: ``.venv/bin/python bench/checks.py [N]``. Generates N typical SOPs (10-20 steps, 4-6
actors, decisions with a loop back, mixed units), loads them once (not measured), then times
``run_checks`` over all of them (every registered rule of every family), on loaded documents
(with line locations, as the CLI runs) and on bare documents (as the web app runs). Baselines
measured in the same run: ``StepGraph.from_document`` + ``longest_path`` alone, and
``SopDocument.model_validate`` of the same data. Target: >= 1,000 SOPs/s. No asserts.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Sequence

from sopan.checks import CheckConfig, registered_rules, run_checks
from sopan.document import LoadedDocument, SopDocument, StepGraph, load_document

ACTORS = [
    ("pemohon", "Pemohon", "eksternal"),
    ("loket", "Petugas Loket", "internal"),
    ("verifikator", "Verifikator", "internal"),
    ("kasi", "Kepala Seksi Pelayanan", "internal"),
    ("kabid", "Kepala Bidang", "internal"),
    ("sistem", "Aplikasi Layanan", "sistem"),
]
VERBS = ["Menerima", "Memeriksa", "Mencatat", "Memverifikasi", "Menyusun", "Menandatangani"]
OBJECTS = ["berkas permohonan", "formulir isian", "surat pengantar", "data pemohon", "draf izin"]
WAKTU = ["5 menit", "10 menit", "15 menit", "30 menit", "1 jam", "2 jam", "1 hari kerja"]


def make_sop(rng: random.Random, n: int) -> str:
    steps = rng.randint(10, 20)
    actors = ACTORS[: rng.randint(4, 6)]
    lines = [
        "format: sopan/1",
        f"nama: Pelayanan Perizinan Nomor {n}",
        f"nomor: SOP-{n:03d}/DPMPTSP/2025",
        "jenis: administratif",
        'versi: "1.0"',
        "instansi: Pemerintah Kabupaten Contoh",
        "unit: [Dinas Penanaman Modal dan PTSP, Bidang Pelayanan]",
        "standar_waktu: 10 hari kerja",
        "tanggal: {pembuatan: 2025-01-06, revisi: 2027-01-31, efektif: 2025-02-01}",
        "disahkan_oleh: {jabatan: Kepala Dinas}",
        "tujuan: Memberikan kepastian waktu dan persyaratan penerbitan izin melalui OSS.",
        "ruang_lingkup: {cakupan: Permohonan izin usaha mikro dan kecil.}",
        "definisi: [{istilah: OSS, arti: Online Single Submission}]",
        "dasar_hukum:",
        "  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        "  - Peraturan Pemerintah Nomor 5 Tahun 2021 tentang Perizinan Berusaha Berbasis Risiko",
        "kualifikasi_pelaksana: [Memahami OSS]",
        "peralatan: [Komputer, Printer]",
        "peringatan: [Izin terlambat bila berkas tidak diperiksa.]",
        "pencatatan: [Register permohonan]",
        "pelaksana:",
    ]
    lines += [f"  - {{id: {i}, nama: {name}, jenis: {kind}}}" for i, name, kind in actors]
    lines.append("langkah:")
    decisions = set(rng.sample(range(3, steps - 1), k=min(3, steps - 4)))
    for s in range(1, steps + 1):
        actor = actors[s % len(actors)][0]
        lines += [
            f"  - id: s{s}",
            f"    no: {s}",
            f"    kegiatan: {rng.choice(VERBS)} {rng.choice(OBJECTS)}",
            f"    pelaksana: [{actor}]",
            f"    kelengkapan: [{rng.choice(OBJECTS).capitalize()}]",
            f"    waktu: {rng.choice(WAKTU)}",
            f"    output: {rng.choice(OBJECTS).capitalize()} selesai",
        ]
        if s == 1:
            lines.append("    simbol: mulai")
        elif s == steps:
            lines.append("    simbol: selesai")
        elif s in decisions:
            back = rng.randint(1, s - 1)
            lines += [
                "    simbol: keputusan",
                "    cabang:",
                f"      - {{label: Lengkap, ke: s{s + 1}}}",
                f"      - {{label: Tidak lengkap, ke: s{back}}}",
            ]
    lines += [
        "indikator: [{nama: Izin terbit tepat waktu, target: 95%, frekuensi: bulanan}]",
        "pelaporan: {kepada: Kepala Dinas, frekuensi: bulanan}",
        "eskalasi: [{kondisi: OSS tidak dapat diakses, tindakan: Mencatat manual,"
        " kepada: Kepala Bidang}]",
        "lampiran: [{nama: Formulir permohonan, berkas: formulir.pdf}]",
        'riwayat: [{versi: "1.0", tanggal: 2025-02-01, ringkasan: Penyusunan awal}]',
    ]
    return "\n".join(lines) + "\n"


def rate(fn: Callable[[object], object], items: Sequence[object], rounds: int = 3) -> float:
    """Items per second: the best of ``rounds`` passes over all items."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for item in items:
            fn(item)
        best = min(best, time.perf_counter() - start)
    return len(items) / best


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    rng = random.Random(35_2012)
    texts = [make_sop(rng, n) for n in range(count)]
    loaded: list[LoadedDocument] = [
        load_document(t, filename=f"b{i}.sop.yaml") for i, t in enumerate(texts)
    ]
    documents: list[SopDocument] = [item.document for item in loaded]
    dumped = [doc.model_dump(mode="json") for doc in documents]
    rules = registered_rules()
    run_checks(loaded[0])  # import every family before timing

    def graph(doc: object) -> object:
        assert isinstance(doc, SopDocument)
        return StepGraph.from_document(doc).longest_path()

    structural = frozenset(c for c in rules if c[:3] in ("LKP", "STR", "WKT", "TGL"))
    only_structural = CheckConfig(disabled=frozenset(rules) - structural)
    only_text = CheckConfig(disabled=structural)
    rows = [
        ("run_checks, loaded (lines)", rate(lambda d: run_checks(d), loaded)),  # type: ignore[arg-type]
        ("run_checks, bare document", rate(lambda d: run_checks(d), documents)),  # type: ignore[arg-type]
        (
            "  only LKP/STR/WKT/TGL",
            rate(lambda d: run_checks(d, config=only_structural), loaded),  # type: ignore[arg-type]
        ),
        ("  only BHS/HKM", rate(lambda d: run_checks(d, config=only_text), loaded)),  # type: ignore[arg-type]
        ("baseline: StepGraph + longest_path", rate(graph, documents)),
        ("baseline: SopDocument.model_validate", rate(SopDocument.model_validate, dumped)),
    ]
    findings = sum(len(run_checks(d)) for d in loaded) / count
    families = sorted({r.info.family for r in rules.values()})
    print(f"{count} SOPs, {len(rules)} rules ({', '.join(families)}), {findings:.1f} findings/SOP")
    print(f"{'what':38} {'SOPs/s':>9} {'ms/SOP':>8}")
    for name, per_second in rows:
        print(f"{name:38} {per_second:9.0f} {1000 / per_second:8.3f}")
    checks = rows[0][1]
    print(f"run_checks (loaded) costs {rows[4][1] / checks:.1f}x a graph + longest path, "
          f"{rows[5][1] / checks:.1f}x a model_validate; target 1000 SOPs/s: "
          f"{'met' if checks >= 1000 else 'NOT met'}")  # fmt: skip


if __name__ == "__main__":
    main()

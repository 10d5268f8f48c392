"""Benchmark: load + validate a realistic 60-step SOP, and its longest path.

Run: ``make bench`` (or ``.venv/bin/python bench/load.py``). Prints median milliseconds and
the ratio to three baselines measured in the same run: ``json.loads`` of the same document as
JSON, ruamel.yaml's bare parse (compose) of the YAML text, and PyYAML's bare compose of it
with libyaml (``yaml.CSafeLoader``; the pure-Python ``SafeLoader`` when the C extension is
missing), which is what ``load_document`` now composes with. No asserts.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable

import yaml
from ruamel.yaml import YAML

from sopan.document import StepGraph, dump_json, load_document, yamltree

ACTORS = [
    ("pemohon", "Pemohon", "eksternal"), ("loket", "Petugas Loket", "internal"),
    ("verifikator", "Verifikator", "internal"), ("kasi", "Kepala Seksi", "internal"),
    ("kabid", "Kepala Bidang", "internal"), ("sekretaris", "Sekretaris", "internal"),
    ("kadis", "Kepala Dinas", "internal"), ("arsiparis", "Arsiparis", "internal"),
    ("bendahara", "Bendahara", "internal"), ("sistem", "Aplikasi Layanan", "sistem"),
]  # fmt: skip
UNITS = ["menit", "jam", "hari kerja"]


def make_sop(steps: int = 60) -> str:
    lines = [
        "# SOP buatan untuk pengukuran kinerja",
        "format: sopan/1",
        "nama: Penerbitan Izin Usaha Mikro",
        "nomor: SOP-001/DPMPTSP/2025",
        "jenis: administratif",
        'versi: "1.0"',
        "instansi: Pemerintah Kabupaten Contoh",
        "unit: [Dinas Penanaman Modal dan PTSP, Bidang Pelayanan]",
        "standar_waktu: 14 hari kerja",
        "tanggal: {pembuatan: 2025-01-06, revisi: null, efektif: 2025-02-01}",
        "disahkan_oleh: {jabatan: Kepala Dinas, nama: null, nip: null}",
        "tujuan: Memberikan kepastian waktu dan persyaratan penerbitan izin.",
        "dasar_hukum:",
        "  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        "  - Peraturan Pemerintah Nomor 5 Tahun 2021",
        "peralatan: [Komputer, Printer, Scanner, Jaringan Internet]",
        "pelaksana:",
    ]
    lines += [f"  - {{id: {i}, nama: {n}, jenis: {j}}}" for i, n, j in ACTORS]
    lines.append("langkah:")
    for n in range(1, steps + 1):
        actor = ACTORS[n % len(ACTORS)][0]
        lines += [
            f"  - id: s{n}",
            f"    no: {n}",
            f"    kegiatan: Melaksanakan kegiatan ke-{n}, memeriksa berkas dan mencatat hasilnya",
            f"    pelaksana: [{actor}]",
            "    kelengkapan: [Formulir permohonan, KTP, NIB]",
            f"    waktu: {n % 4 + 1} {UNITS[n % 3]}",
            f"    output: Berkas hasil kegiatan {n}",
        ]
        if n == 1:
            lines.append("    simbol: mulai")
        elif n == steps:
            lines.append("    simbol: selesai")
        elif n % 6 == 0:  # a decision: go on, or back two rows (a loop)
            lines += [
                "    simbol: keputusan",
                "    cabang:",
                f"      - {{label: Lengkap, ke: s{n + 1}}}",
                f"      - {{label: Tidak lengkap, ke: s{n - 2}}}",
            ]
        else:
            lines.append(f"    ke: s{n + 1}")
    return "\n".join(lines) + "\n"


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    text = make_sop()
    loaded = load_document(text, filename="bench.sop.yaml")
    json_text = dump_json(loaded.document)
    graph = StepGraph.from_document(loaded.document)

    def graph_and_path() -> object:
        return StepGraph.from_document(loaded.document).longest_path()

    def pure_load() -> object:  # the fallback when PyYAML has no C extension
        default, yamltree.DEFAULT_COMPOSER = yamltree.DEFAULT_COMPOSER, "pyyaml"
        try:
            return load_document(text)
        finally:
            yamltree.DEFAULT_COMPOSER = default

    raw_yaml = YAML(typ="safe", pure=True)
    loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    pyyaml_name = "PyYAML C compose" if yaml.__with_libyaml__ else "PyYAML pure compose"
    rows = [
        ("json.loads (baseline)", median_ms(lambda: json.loads(json_text), 200)),
        ("ruamel compose (baseline)", median_ms(lambda: raw_yaml.compose(text), 30)),
        (f"{pyyaml_name} (baseline)", median_ms(lambda: yaml.compose(text, Loader=loader), 100)),
        ("load_document YAML", median_ms(lambda: load_document(text), 100)),
        ("load_document YAML, pure PyYAML", median_ms(pure_load, 30)),
        ("load_document JSON", median_ms(lambda: load_document(json_text, fmt="json"), 200)),
        ("StepGraph + longest_path", median_ms(graph_and_path, 200)),
        ("longest_path only", median_ms(graph.longest_path, 500)),
    ]  # fmt: skip
    base_json, base_yaml, base_pyyaml = rows[0][1], rows[1][1], rows[2][1]
    print(f"60-step SOP: {len(text.splitlines())} lines YAML, {len(json_text)} bytes JSON")
    print(f"{'what':32} {'median ms':>10} {'x json.loads':>13} {'x ruamel':>9} {'x PyYAML':>9}")
    for name, ms in rows:
        print(
            f"{name:32} {ms:10.3f} {ms / base_json:13.1f} {ms / base_yaml:9.2f}"
            f" {ms / base_pyyaml:9.2f}"
        )


if __name__ == "__main__":
    main()

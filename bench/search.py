"""Benchmark: portal search over 10,000 SOP versions, through Django's test client.

Run: ``.venv/bin/python bench/search.py [N]`` (N versions, default 10,000). For each backend
it builds a temporary database (SQLite in a temporary folder; PostgreSQL too when
``SOPAN_DATABASE_URL`` points to a server: a database ``sopan_bench_search`` is created next to
the named one and dropped afterwards), migrates it, generates N versions of realistic SOPs
(90 % in force, the rest drafts; titles, kegiatan and dasar hukum from Indonesian word
lists), then times requests to the portal (``/?q=...``: common and rare words, inflected
forms, a nomor, a dasar hukum phrase, filters, deep pages) and to the intranet list
(``/sop/?q=...`` as a penyusun, with the findings of the drafts on the page) and prints
p50/p95/max per kind in milliseconds. Generation is not timed. Target: p95 <= 100 ms.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PG_BENCH_DB = "sopan_bench_search"

SERVICES = [
    "Penerbitan Izin Mendirikan Bangunan",
    "Pelayanan Perizinan Berusaha",
    "Penanganan Pengaduan Masyarakat",
    "Pengelolaan Arsip Dinamis",
    "Pengelolaan Surat Masuk",
    "Penerbitan Surat Keterangan Domisili",
    "Pelayanan Legalisir Dokumen",
    "Pengadaan Barang dan Jasa",
    "Penyusunan Rencana Kerja",
    "Pembayaran Tunjangan Kinerja",
    "Pendaftaran Penduduk Pindah Datang",
    "Penerbitan Akta Kelahiran",
    "Pemeliharaan Kendaraan Dinas",
    "Penyaluran Bantuan Sosial",
    "Verifikasi Data Kepegawaian",
    "Pelaporan Keuangan Bulanan",
    "Penerbitan Rekomendasi Teknis",
    "Pengujian Kendaraan Bermotor",
    "Perizinan Reklame",
    "Pengelolaan Pengaduan Layanan Kesehatan",
]
SUFFIXES = ["", " Tingkat Kecamatan", " Secara Daring", " Melalui OSS", " untuk UMKM", " Terpadu"]
VERBS = [
    "Menerima",
    "Memeriksa",
    "Mencatat",
    "Memverifikasi",
    "Menyusun",
    "Menandatangani",
    "Mengarsipkan",
    "Menyerahkan",
    "Meneruskan",
    "Menindaklanjuti",
]
OBJECTS = [
    "berkas permohonan",
    "formulir isian",
    "surat pengantar",
    "data pemohon",
    "draf izin",
    "laporan pengaduan",
    "nota dinas",
    "dokumen persyaratan",
    "bukti pembayaran retribusi",
    "hasil survei lapangan",
]
LAWS = [
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    "Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan",
    "Peraturan Pemerintah Nomor 5 Tahun 2021 tentang Penyelenggaraan Perizinan Berusaha "
    "Berbasis Risiko",
    "Peraturan Pemerintah Nomor 16 Tahun 2021 tentang Bangunan Gedung",
    "Peraturan Presiden Nomor 76 Tahun 2013 tentang Pengelolaan Pengaduan Pelayanan Publik",
    "Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP",
    "Peraturan Menteri Dalam Negeri Nomor 83 Tahun 2022 tentang Naskah Dinas",
    "Peraturan Bupati Nomor 12 Tahun 2023 tentang Pendelegasian Kewenangan Perizinan",
]
ACTORS = [
    {"id": "pemohon", "nama": "Pemohon", "jenis": "eksternal"},
    {"id": "loket", "nama": "Petugas Loket"},
    {"id": "verifikator", "nama": "Verifikator"},
    {"id": "kasi", "nama": "Kepala Seksi"},
    {"id": "kabid", "nama": "Kepala Bidang"},
]
PORTAL_QUERIES = [
    "izin",
    "perizinan",
    "perizinan bangunan",
    "pengaduan",
    "adu",
    "arsip",
    "surat masuk",
    "pelayanan publik",
    "undang-undang 25 2009",
    "naskah dinas",
    "verifikasi berkas",
    "retribusi",
    "akta kelahiran",
    "reklame daring",
    "kendaraan",
    "menindaklanjuti laporan",
    "SOP-01234/DPMPTSP/2025",
    "zzzz tidak ada",
]


def make_document(rng: random.Random, n: int) -> dict:
    steps = rng.randint(6, 16)
    langkah = []
    for i in range(steps):
        step = {
            "id": f"s{i + 1}",
            "no": i + 1,
            "kegiatan": f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}",
            "pelaksana": [rng.choice(ACTORS)["id"]],
            "waktu": f"{rng.choice([5, 10, 15, 30])} menit",
        }
        if i == 0:
            step["simbol"] = "mulai"
        if i == steps - 1:
            step["simbol"] = "selesai"
        langkah.append(step)
    return {
        "format": "sopan/1",
        "nama": rng.choice(SERVICES) + rng.choice(SUFFIXES),
        "nomor": f"SOP-{n:05d}/DPMPTSP/2025",
        "jenis": rng.choice(["administratif", "teknis"]),
        "instansi": "Pemerintah Kabupaten Contoh",
        "unit": "Dinas Contoh",
        "tanggal": {"pembuatan": "2025-01-06", "efektif": "2025-02-01"},
        "dasar_hukum": rng.sample(LAWS, rng.randint(2, 4)),
        "pelaksana": ACTORS,
        "langkah": langkah,
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# -- the worker: one backend ------------------------------------------------------------------


def generate(n: int) -> None:
    from django.db import connection, transaction
    from tests import factories

    from sopan.document import SopDocument, document_hash
    from sopan.organisations import services as org
    from sopan.organisations.models import Membership
    from sopan.sops.models import Sop, SopVersion
    from sopan.sops.search import FTS_TABLE, fts_rows, search_text_for

    rng = random.Random(20250601)
    instansi = org.instansi_create(kode="kab-contoh", nama="Kabupaten Contoh", by=None)
    root = org.unit_create(instansi=instansi, parent=None, kode="PEMKAB", nama="Pemkab", by=None)
    units = [
        org.unit_create(instansi=instansi, parent=root, kode=f"D{i}", nama=f"Dinas {i}", by=None)
        for i in range(40)
    ]
    user = factories.make_user("penyusun-bench")
    Membership.objects.create(user=user, unit=units[0], role="penyusun")
    with transaction.atomic():
        sops = Sop.objects.bulk_create(
            Sop(instansi=instansi, unit=rng.choice(units), kode=f"sop-{i}") for i in range(n)
        )
        versions = []
        for i, sop in enumerate(sops):
            document = SopDocument.model_validate(make_document(rng, i))
            versions.append(
                SopVersion(
                    sop=sop,
                    number=1,
                    document=document.model_dump(mode="json"),
                    document_hash=document_hash(document),
                    status="berlaku" if rng.random() < 0.9 else "konsep",
                    nama=document.nama,
                    nomor=document.nomor or "",
                    jenis=document.jenis or "",
                    search_text=search_text_for(document),
                )
            )
        versions = SopVersion.objects.bulk_create(versions, batch_size=500)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {FTS_TABLE} (rowid, judul, isi) VALUES (%s, %s, %s)",
                    fts_rows([(v.pk, v.search_text) for v in versions]),
                )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(rounds: int) -> dict[str, dict[str, float]]:
    from django.contrib.auth.models import User
    from django.test import Client

    from sopan.organisations.models import Unit

    client = Client()
    unit = Unit.objects.get(kode="D3")
    portal = [{"q": q} for q in PORTAL_QUERIES] + [
        {},
        {"hal": "100"},
        {"q": "izin", "hal": "20"},
        {"q": "izin", "unit": str(unit.pk)},
        {"q": "pengaduan", "jenis": "teknis"},
    ]
    for params in portal[:5]:  # warm up (templates, Sastrawi dictionary, connections)
        client.get("/", params)
    timings: dict[str, list[float]] = {"portal": [], "intranet": []}
    for _ in range(rounds):
        for params in portal:
            start = time.perf_counter()
            response = client.get("/", params)
            timings["portal"].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
    client.force_login(User.objects.get(username="penyusun-bench"))
    intranet = [{"q": q} for q in PORTAL_QUERIES[:8]] + [{}, {"status": "konsep"}]
    client.get("/sop/")
    for _ in range(rounds):
        for params in intranet:
            start = time.perf_counter()
            response = client.get("/sop/", params)
            timings["intranet"].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
    return {
        kind: {
            "requests": len(values),
            "p50": statistics.median(values),
            "p95": percentile(values, 0.95),
            "max": max(values),
        }
        for kind, values in timings.items()
    }


def worker(n: int, rounds: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sopan.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    generate(n)
    built = time.perf_counter() - start
    result = {"vendor": connection.vendor, "versions": n, "generated_s": built}
    result.update(measure(rounds))
    print(json.dumps(result))


# -- the parent: one worker per backend -------------------------------------------------------


def run(url: str, n: int, rounds: int) -> dict:
    env = {**os.environ, "SOPAN_DATABASE_URL": url}
    out = subprocess.run(
        [sys.executable, __file__, "--worker", str(n), str(rounds)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _pg_admin(url: str, sql: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rounds = 5
    results = []
    with tempfile.TemporaryDirectory() as folder:
        results.append(run(f"sqlite:///{folder}/bench.sqlite3", n, rounds))
    url = os.environ.get("SOPAN_DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        bench_url = urlunsplit(urlsplit(url)._replace(path=f"/{PG_BENCH_DB}"))
        _pg_admin(url, f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
        _pg_admin(url, f"CREATE DATABASE {PG_BENCH_DB}")
        try:
            results.append(run(bench_url, n, rounds))
        finally:
            _pg_admin(url, f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
    print(f"{'backend':<11} {'pages':<9} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for result in results:
        for kind in ("portal", "intranet"):
            row = result[kind]
            print(
                f"{result['vendor']:<11} {kind:<9} {row['requests']:>8} {row['p50']:>8.1f} "
                f"{row['p95']:>8.1f} {row['max']:>8.1f}"
            )
    generation = ", ".join(f"{r['vendor']} {r['generated_s']:.0f} s" for r in results)
    print(f"({n} versions; generation not timed above: {generation})")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(int(sys.argv[2]), int(sys.argv[3]))
    else:
        main()

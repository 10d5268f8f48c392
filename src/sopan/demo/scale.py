"""Generated bulk data on top of the demo organisation: ``sopan demo --scale N [--people M]``.

For load tests and for seeing the application with a real-sized database (issue 2 §7: 10,000
SOPs and 50,000 people in one database). After :func:`sopan.demo.loader.load_demo`, this
module adds ``n`` SOPs spread over the demo units and, up to ``people``, civil servants with
valid NIPs holding the demo's non-head positions.

The SOPs look like real ones so that search is realistic: titles from ±6,400 combinations of
an activity, an object and a qualifier (±4,900 distinct titles in 10,000 SOPs); 6–16 steps
with actors, mutu baku, and a decision that loops back in a third of them; 2–4 lines of
dasar hukum taken from the regulations of the demo register (so the citations match the
register); a nomor in the demo's pattern. Statuses
follow a working instansi: ±80 % a single version in force, ±8 % a first draft, ±2 % in
review or awaiting approval, ±6 % a superseded version 1 with version 2 in force, ±4 % a
version in force with a revision draft on top; ±3 % of the SOPs are not public.

Every document validates (``SopDocument`` and the integrity checks); the columns, the derived
rows (``VersionActor``, ``VersionStep``, ``VersionCitation``), the creation row of each
version (``VersionTransition``) and the search index are written exactly as
:func:`sopan.sops.services._store_document` writes them, but with ``bulk_create`` in
batches, not one save per row: 10,000 SOPs take well under two minutes on SQLite.

Generated rows are marked: every SOP's ``kode`` starts with :data:`KODE_PREFIX` followed by
its index (``skala-00042``), every person's e-mail ends with :data:`EMAIL_DOMAIN`. Index ``i``
always yields the same SOP, so running again with the same ``n`` adds nothing, and a larger
``n`` adds only the missing ones. People are counted over the whole instansi: ``people`` is
the total wanted (the demo's own people included); when it is not given it is
:data:`PEOPLE_PER_SOP` × ``n`` (10,000 SOPs → 50,000 people, the figure of issue 2).

Audit: one ``demo.scale`` event for the whole run, with the counts and the kode range, not
one event per row. The rows are synthetic and reproducible from (``n``, ``people``, the seed),
so per-row events would record nothing that the summary does not; and the audit chain is
written one event at a time under a lock (hash of the previous event), so 60,000 more events
would multiply the generation time and bury the real history of the demo under noise.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from sopan.audit.services import audit_record
from sopan.demo.loader import read_organisation
from sopan.document import SopDocument, document_hash
from sopan.organisations.models import Assignment, Instansi, Person, Position, Unit
from sopan.regulations.selectors import matches_for_lines
from sopan.sops.choices import VersionStatus
from sopan.sops.models import (
    Sop,
    SopVersion,
    VersionActor,
    VersionCitation,
    VersionStep,
    VersionTransition,
)
from sopan.sops.search import search_index_bulk_write, search_text_for

KODE_PREFIX = "skala-"
EMAIL_DOMAIN = "@skala.sukamajukab.go.id"
PEOPLE_PER_SOP = 5
SEED = "sopan-skala-1"
BATCH = 500

Progress = Callable[[int, int, str], None]

# -- word lists ------------------------------------------------------------------------------

ACTIVITIES = [
    "Penerbitan",
    "Pelayanan",
    "Pengelolaan",
    "Penanganan",
    "Verifikasi",
    "Pendaftaran",
    "Penyusunan",
    "Pembayaran",
    "Pemeliharaan",
    "Penyaluran",
    "Pengujian",
    "Pelaporan",
    "Pengadaan",
    "Pemeriksaan",
    "Perencanaan",
    "Pengawasan",
    "Pencatatan",
    "Evaluasi",
    "Pembinaan",
    "Penetapan",
]
OBJECTS = [
    "Izin Mendirikan Bangunan",
    "Persetujuan Bangunan Gedung",
    "Perizinan Berusaha",
    "Akta Kelahiran",
    "Akta Kematian",
    "Kartu Identitas Anak",
    "Surat Keterangan Domisili",
    "Surat Keterangan Pindah",
    "Arsip Dinamis",
    "Surat Masuk",
    "Surat Keluar",
    "Pengaduan Masyarakat",
    "Tunjangan Kinerja",
    "Barang Milik Daerah",
    "Kendaraan Dinas",
    "Bantuan Sosial",
    "Data Kepegawaian",
    "Laporan Keuangan",
    "Rekomendasi Teknis",
    "Izin Reklame",
    "Cuti Pegawai",
    "Perjalanan Dinas",
    "Surat Perintah Pencairan Dana",
    "Retribusi Daerah",
    "Laporan Kerusakan Jalan",
    "Rencana Kerja Tahunan",
    "Hibah Daerah",
    "Kenaikan Pangkat",
    "Informasi Publik",
    "Keputusan Bupati",
    "Pemeriksaan Reguler",
    "Sertifikat Laik Fungsi",
    "Data Kependudukan",
    "Jaringan Irigasi",
    "Pajak Bumi dan Bangunan",
    "Izin Usaha Mikro",
    "Tindak Lanjut Hasil Pemeriksaan",
    "Aset Tetap",
    "Pengadaan Langsung",
    "Kartu Tanda Penduduk Elektronik",
]
QUALIFIERS = [
    "",
    "",
    "",
    " Tingkat Kecamatan",
    " Secara Daring",
    " Melalui OSS",
    " bagi UMKM",
    " Terpadu",
    " Tahunan",
    " Melalui SP4N-LAPOR!",
]
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
    "Mengunggah",
    "Menelaah",
    "Memvalidasi",
    "Mencetak",
    "Mengoreksi",
    "Menyetujui",
]
STEP_OBJECTS = [
    "berkas permohonan",
    "formulir isian",
    "surat pengantar",
    "data pemohon",
    "draf keputusan",
    "laporan pengaduan",
    "nota dinas",
    "dokumen persyaratan",
    "bukti pembayaran retribusi",
    "hasil survei lapangan",
    "berita acara pemeriksaan",
    "rekapitulasi data",
    "telaahan staf",
    "surat tugas",
    "dokumen kontrak",
]
COMPLEMENTS = [
    "",
    "",
    " sesuai standar pelayanan",
    " melalui aplikasi",
    " kepada pemohon",
    " dalam buku agenda",
    " kepada pimpinan",
    " beserta lampirannya",
    " secara elektronik",
]
ACTORS = [
    {"id": "pemohon", "nama": "Pemohon", "jenis": "eksternal"},
    {"id": "loket", "nama": "Petugas Loket"},
    {"id": "verifikator", "nama": "Verifikator"},
    {"id": "pengadm", "nama": "Pengadministrasi Perkantoran"},
    {"id": "kasi", "nama": "Kepala Seksi"},
    {"id": "kabid", "nama": "Kepala Bidang"},
    {"id": "sekretaris", "nama": "Sekretaris Dinas"},
    {"id": "kadis", "nama": "Kepala Dinas"},
    {"id": "aplikasi", "nama": "Aplikasi Layanan", "jenis": "sistem"},
]
WAKTU = ["5 menit", "10 menit", "15 menit", "30 menit", "1 jam", "2 jam", "1 hari kerja"]
FIRST_NAMES = [
    *("Agus", "Budi", "Dewi", "Eko", "Fitri", "Hendra", "Indah", "Joko", "Kartika", "Lestari"),
    *("Muhammad", "Nur", "Putri", "Rahmat", "Sri", "Teguh", "Wahyu", "Yuni", "Siti", "Bambang"),
    *("Ratna", "Dian", "Ahmad", "Rina", "Andi", "Wulan", "Hadi", "Novita", "Yusuf", "Ayu"),
]
LAST_NAMES = [
    *("Santoso", "Wijaya", "Lestari", "Saputra", "Hidayat", "Pratama", "Rahayu", "Susanto"),
    *("Kurniawan", "Setiawan", "Nugroho", "Permata", "Handayani", "Maulana", "Purnomo"),
    *("Hakim", "Siregar", "Nasution", "Wibowo", "Fauzi", "Sari", "Utami", "Gunawan"),
]
DEGREES = ["", "", "", ", S.E.", ", S.H.", ", S.Kom.", ", S.Sos.", ", S.T.", ", M.Si.", ", S.AP."]

# (share of SOPs, statuses of its versions oldest first)
STATUS_MIX: list[tuple[float, tuple[str, ...]]] = [
    (0.80, (VersionStatus.BERLAKU,)),
    (0.08, (VersionStatus.KONSEP,)),
    (0.01, (VersionStatus.DALAM_REVIU,)),
    (0.01, (VersionStatus.MENUNGGU_PENGESAHAN,)),
    (0.06, (VersionStatus.DIGANTIKAN, VersionStatus.BERLAKU)),
    (0.04, (VersionStatus.BERLAKU, VersionStatus.KONSEP)),
]


@dataclass
class ScaleSummary:
    sops: int = 0  # SOPs added by this run
    versions: int = 0
    people: int = 0  # people added by this run
    sops_total: int = 0  # generated SOPs present afterwards
    people_total: int = 0  # people of the instansi afterwards


@dataclass(frozen=True)
class _Context:
    instansi: Instansi
    units: list[Unit]
    unit_names: dict[int, list[str]]
    laws: list[str]
    revoked_laws: list[str]
    regulations: dict[str, Any]


def _law_lines(data: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Dasar hukum lines as SOPs write them, from the demo register: in force, and revoked."""
    in_force: list[str] = []
    revoked: list[str] = []
    for spec in data.get("regulations", []):
        line = f"{spec['jenis']} Nomor {spec['nomor']} Tahun {spec['tahun']}"
        if spec.get("tentang"):
            line += f" tentang {spec['tentang']}"
        (revoked if spec.get("status") == "dicabut" else in_force).append(line)
    return in_force, revoked


def _context() -> _Context:
    data = read_organisation()
    instansi = Instansi.objects.get(kode=data["instansi"]["kode"])
    units = list(Unit.objects.filter(instansi=instansi).order_by("path"))
    by_id = {unit.pk: unit for unit in units}
    names = {unit.pk: [by_id[pk].nama for pk in unit.path_ids() if pk in by_id] for unit in units}
    laws, revoked = _law_lines(data)
    lines = laws + revoked
    regulations = dict(zip(lines, matches_for_lines(lines, instansi.pk), strict=True))
    return _Context(instansi, units, names, laws, revoked, regulations)


# -- documents -------------------------------------------------------------------------------


def _statuses(rng: random.Random) -> tuple[str, ...]:
    roll = rng.random()
    for share, statuses in STATUS_MIX:
        if roll < share:
            return statuses
        roll -= share
    return STATUS_MIX[0][1]


def _kegiatan(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(STEP_OBJECTS)}{rng.choice(COMPLEMENTS)}"


def make_document(
    rng: random.Random, index: int, unit: Unit, ctx: _Context, number: int
) -> dict[str, Any]:
    """The data of one generated SOP document (version ``number``)."""
    actors = [ACTORS[0], *rng.sample(ACTORS[1:], rng.randint(2, 5))]
    actor_ids = [actor["id"] for actor in actors]
    count = rng.randint(6, 16)
    langkah: list[dict[str, Any]] = []
    for n in range(1, count + 1):
        step: dict[str, Any] = {
            "id": f"l{n}",
            "no": n,
            "kegiatan": _kegiatan(rng),
            "pelaksana": [actor_ids[0] if n == 1 else rng.choice(actor_ids[1:])],
            "kelengkapan": rng.choice(STEP_OBJECTS).capitalize(),
            "waktu": rng.choice(WAKTU),
            "output": rng.choice(STEP_OBJECTS).capitalize(),
        }
        if n == 1:
            step["simbol"] = "mulai"
        elif n == count:
            step["simbol"] = "selesai"
        langkah.append(step)
    if count >= 8 and rng.random() < 1 / 3:  # a check that sends the file back
        at = rng.randint(4, count - 2)
        langkah[at - 1]["simbol"] = "keputusan"
        langkah[at - 1]["kegiatan"] = f"Memeriksa kelengkapan {rng.choice(STEP_OBJECTS)}"
        langkah[at - 1]["cabang"] = [
            {"label": "Lengkap", "ke": f"l{at + 1}"},
            {"label": "Tidak lengkap", "ke": f"l{rng.randint(2, at - 1)}"},
        ]
    laws = rng.sample(ctx.laws, rng.randint(2, 4))
    if rng.random() < 0.05:
        laws.append(rng.choice(ctx.revoked_laws))
    year = 2021 + index % 5
    made = dt.date(year, 1 + index % 12, 1 + index % 28)
    nama = f"{rng.choice(ACTIVITIES)} {rng.choice(OBJECTS)}{rng.choice(QUALIFIERS)}"
    singkatan = (unit.singkatan or unit.kode).upper().replace(" ", "")
    return {
        "format": "sopan/1",
        "nama": nama,
        "nomor": f"000.{index % 9 + 1}/{index:05d}/SOP/{singkatan}/{year}",
        "jenis": "teknis" if rng.random() < 0.3 else "administratif",
        "versi": f"{number}.0",
        "instansi": ctx.instansi.nama,
        "unit": ctx.unit_names[unit.pk],
        "tanggal": {
            "pembuatan": made.isoformat(),
            "efektif": (made + dt.timedelta(days=14)).isoformat(),
            "revisi": (made + dt.timedelta(days=365 * 2)).isoformat(),
        },
        "tujuan": f"Memastikan {nama.lower()} dilaksanakan tepat waktu, tertib, dan akuntabel.",
        "dasar_hukum": laws,
        "kualifikasi_pelaksana": ["Memahami peraturan yang menjadi dasar hukum SOP ini"],
        "peralatan": ["Komputer yang terhubung dengan jaringan internet", "Printer"],
        "pencatatan": [f"Buku agenda {rng.choice(STEP_OBJECTS)}"],
        "pelaksana": actors,
        "langkah": langkah,
    }


# -- writing ---------------------------------------------------------------------------------


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _write_sops(ctx: _Context, indices: list[int], now: dt.datetime) -> int:
    """Generate and store the SOPs with the given indices; returns the number of versions."""
    plans = []
    for index in indices:
        rng = random.Random(f"{SEED}-{index}")
        unit = ctx.units[rng.randrange(len(ctx.units))]
        statuses = _statuses(rng)
        public = rng.random() >= 0.03
        docs = [
            SopDocument.model_validate(make_document(rng, index, unit, ctx, number))
            for number in range(1, len(statuses) + 1)
        ]
        plans.append((index, unit, public, statuses, docs))
    sops = Sop.objects.bulk_create(
        Sop(
            instansi=ctx.instansi,
            unit=unit,
            kode=f"{KODE_PREFIX}{index:05d}",
            is_public=public,
            created_at=now,
        )
        for index, unit, public, _statuses_, _documents in plans
    )
    versions: list[SopVersion] = []
    documents: list[SopDocument] = []
    for sop, (_index, _unit, _public, statuses, docs) in zip(sops, plans, strict=True):
        for number, (status, document) in enumerate(zip(statuses, docs, strict=True), start=1):
            versions.append(
                SopVersion(
                    sop=sop,
                    number=number,
                    status=status,
                    document=document.model_dump(mode="json"),
                    document_hash=document_hash(document),
                    nama=document.nama,
                    nomor=document.nomor or "",
                    jenis=document.jenis or "",
                    search_text=search_text_for(document),
                    created_at=now,
                    updated_at=now,
                )
            )
            documents.append(document)
    versions = SopVersion.objects.bulk_create(versions)
    _write_derived_rows(ctx, versions, documents)
    VersionTransition.objects.bulk_create(
        VersionTransition(
            version=version,
            from_status="",
            to_status=version.status,
            at=now,
            note="Versi dibuat (data skala demo).",
        )
        for version in versions
    )
    search_index_bulk_write([(version.pk, version.search_text) for version in versions])
    return len(versions)


def _write_derived_rows(
    ctx: _Context, versions: list[SopVersion], documents: list[SopDocument]
) -> None:
    """The rows ``services._write_derived_rows`` writes, for many versions at once."""
    actors, steps, citations = [], [], []
    for version, document in zip(versions, documents, strict=True):
        actors += [
            VersionActor(version=version, actor_id=a.id, nama=a.nama or "", jenis=a.jenis, order=i)
            for i, a in enumerate(document.pelaksana)
        ]
        steps += [
            VersionStep(
                version=version,
                step_id=s.step_id,
                no="" if s.no is None else str(s.no),
                kegiatan=s.kegiatan or "",
                simbol=s.simbol,
                order=i,
            )
            for i, s in enumerate(document.langkah)
        ]
        citations += [
            VersionCitation(
                version=version, text=line, order=i, regulation=ctx.regulations.get(line)
            )
            for i, line in enumerate(document.dasar_hukum)
        ]
    VersionActor.objects.bulk_create(actors, batch_size=2000)
    VersionStep.objects.bulk_create(steps, batch_size=2000)
    VersionCitation.objects.bulk_create(citations, batch_size=2000)


def make_nip(index: int) -> str:
    """A valid NIP, unique per ``index`` (1,998 people per birth date, born from 1965 on)."""
    serial = index % 999 + 1
    sex = 1 + (index // 999) % 2
    birth = dt.date(1965, 1, 1) + dt.timedelta(days=13 * (index // 1998))
    cpns_year = birth.year + 22 + index % 8
    return f"{birth:%Y%m%d}{cpns_year}{1 + index % 12:02d}{sex}{serial:03d}"


def _write_people(ctx: _Context, wanted: int, progress: Progress | None) -> int:
    """Add generated people until the instansi has ``wanted``; returns how many were added."""
    have = Person.objects.filter(instansi=ctx.instansi).count()
    missing = wanted - have
    if missing <= 0:
        return 0
    positions = list(
        Position.objects.filter(instansi=ctx.instansi, kepala_unit=False)
        .exclude(jenis="struktural")
        .order_by("pk")
    )
    start = Person.objects.filter(instansi=ctx.instansi, email__endswith=EMAIL_DOMAIN).count()
    taken = set(Person.objects.exclude(nip=None).values_list("nip", flat=True))
    added, index = 0, start
    while added < missing:
        batch: list[Person] = []
        while len(batch) < min(2000, missing - added):
            rng = random.Random(f"{SEED}-orang-{index}")
            nip = make_nip(index)
            nama = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}{rng.choice(DEGREES)}"
            if nip not in taken:
                batch.append(
                    Person(
                        instansi=ctx.instansi,
                        nama=nama,
                        nip=nip,
                        email=f"pegawai.{index:06d}{EMAIL_DOMAIN}",
                    )
                )
            index += 1
        people = Person.objects.bulk_create(batch)
        if positions:
            Assignment.objects.bulk_create(
                Assignment(
                    person=person,
                    position=positions[person.pk % len(positions)],
                    mulai=dt.date(2015 + person.pk % 10, 1 + person.pk % 12, 1),
                )
                for person in people
            )
        added += len(people)
        if progress:
            progress(added, missing, "pegawai")
    return added


@transaction.atomic
def scale_generate(
    *, n: int, people: int | None = None, progress: Progress | None = None
) -> ScaleSummary:
    """Add generated SOP ``0 .. n-1`` that are missing, and people up to ``people``."""
    ctx = _context()
    now = timezone.now()
    prefix = Sop.objects.filter(instansi=ctx.instansi, kode__startswith=KODE_PREFIX)
    present = set(prefix.values_list("kode", flat=True))
    indices = [i for i in range(n) if f"{KODE_PREFIX}{i:05d}" not in present]
    summary = ScaleSummary()
    for chunk in _chunks(indices, BATCH):
        summary.versions += _write_sops(ctx, chunk, now)
        summary.sops += len(chunk)
        if progress:
            progress(summary.sops, len(indices), "SOP")
    wanted = PEOPLE_PER_SOP * n if people is None else people
    summary.people = _write_people(ctx, wanted, progress)
    summary.sops_total = prefix.count()
    summary.people_total = Person.objects.filter(instansi=ctx.instansi).count()
    if summary.sops or summary.people:
        with connection.cursor() as cursor:  # fresh planner statistics for the new rows
            cursor.execute("ANALYZE")
        audit_record(
            actor=None,
            action="demo.scale",
            obj=ctx.instansi,
            after={
                "n": n,
                "people": wanted,
                "seed": SEED,
                "kode_prefix": KODE_PREFIX,
                "sops_added": summary.sops,
                "versions_added": summary.versions,
                "people_added": summary.people,
                "sops_total": summary.sops_total,
                "people_total": summary.people_total,
            },
            note="Data skala demo dibangkitkan (satu peristiwa untuk seluruh run).",
        )
    return summary

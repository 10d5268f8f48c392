"""A known dashboard world: SOPs in every status with fixed dates, and an inventory.

Dates are when a version was created (drafting began) and when its approval was completed.
The day is :data:`TODAY` (15 June 2025), so the default period is July 2024 – June 2025.
Kabupaten A (``+`` = counted, ``-`` = not counted)::

    Pemerintah Kabupaten A   + Kebijakan Umum        konsep
    Sekretariat Daerah       + Tata Naskah Lama      berlaku   approved 1 May 2024 (before)
      Bagian Organisasi      + Tata Naskah           konsep
    Dinas X                  + Pelayanan Legalisir   berlaku   imported in force (no drafting)
                             + Surat Masuk v1        berlaku   10 Jan 2025 → approved 20 Jan (10 d)
                             + Surat Masuk v2        konsep    (revision in progress)
                             - Pengaduan v1          digantikan
                             + Pengaduan v2          berlaku   moved in force 2023 (before)
      Bidang Y               + Arsip                 berlaku   1 Mar 2025 → in force 6 Mar (5 days)
    Dinas Z                  + Kepegawaian           menunggu  10 Mar 2025 → approved 31 Mar (21 d)
                             + Cuti                  dalam_reviu
                             + Lama Z                dicabut
    Kabupaten B / Dinas Q    - Izin Q                berlaku   approved 1 Feb 2025 (other instansi)

Processes: Dinas X Legalisir (SOP in force) and KTP (no SOP, the highest score, 150.0), Bidang
Y Arsip (SOP in force), Dinas Z Gaji (SOP being drafted: Cuti), Bagian Organisasi Renstra (no
SOP), Kabupaten B Reklame (not counted).

Reviews (next review date): Legalisir 1 June 2025 (overdue, 14 days), Tata Naskah Lama 15 June
(today: due), Surat Masuk 1 July (due in 16 days), Arsip 30 August (not yet), Pengaduan 1 May
but being revised (not listed), Izin Q 1 January (other instansi). Open regulation flags on
Legalisir (UU 25/2009 amended by UU 1/2025, flagged 2 June) and Tata Naskah Lama (Perda 3/2010
revoked, flagged 3 June); a resolved one on Arsip.

Drafting teams: "Tim Dinas X" (deadline 1 June 2025: late) with Surat Masuk (its v2 is a draft:
late), Arsip (in force: done) and the process KTP-el (no SOP: late); "Tim Setda" (deadline 1 May)
with Tata Naskah Lama (in force: done); "Tim Dinas Z" (deadline 1 July: not yet).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from sopan.inventory.models import Process
from sopan.inventory.services import ProcessData, process_create
from sopan.organisations.models import Unit
from sopan.regulations.services import regulation_create
from sopan.reviews.models import ReviewFlag, ReviewSchedule
from sopan.sops.lifecycle_models import Publication
from sopan.sops.models import SopVersion, VersionTransition
from sopan.sops.services import sop_version_create, version_set_status
from sopan.teams.models import Team
from tests.conftest import World
from tests.sopdocs import document, make_sop

TODAY = dt.date(2025, 6, 15)
JAKARTA = ZoneInfo("Asia/Jakarta")


def at(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=JAKARTA)


def created(version: SopVersion, when: dt.datetime) -> None:
    """Date the version's creation (its created_at and its first transition)."""
    SopVersion.objects.filter(pk=version.pk).update(created_at=when)
    VersionTransition.objects.filter(version=version, from_status="").update(at=when)


def into_force(version: SopVersion, when: dt.datetime) -> None:
    """Move a draft into force without the chain (an admin's status change) at ``when``."""
    version_set_status(version=version, status="berlaku", by=None)
    VersionTransition.objects.filter(version=version).exclude(from_status="").update(at=when)


def approved(version: SopVersion, when: dt.datetime, status: str = "berlaku") -> None:
    """The chain's last approval at ``when`` (a Publication row), then ``status``."""
    Publication.objects.create(version=version, approved_at=when)
    version_set_status(version=version, status=status, by=None)


def make_process(unit: Unit, output: str, **values: Any) -> Process:
    data = {
        "tugas": "Melaksanakan pelayanan",
        "kegiatan": f"Kegiatan {output}",
        "output": output,
        "aspek": "pelaksanaan",
        **values,
    }
    return process_create(unit=unit, data=ProcessData(**data), by=None)


def review_data(v: dict[str, SopVersion]) -> None:
    for key, due, in_revision in (
        ("legalisir", dt.date(2025, 6, 1), False),
        ("tata_lama", dt.date(2025, 6, 15), False),
        ("surat", dt.date(2025, 7, 1), False),
        ("arsip", dt.date(2025, 8, 30), False),
        ("pengaduan_v2", dt.date(2025, 5, 1), True),
        ("izin_q", dt.date(2025, 1, 1), False),
    ):
        ReviewSchedule.objects.create(
            sop=v[key].sop, version=v[key], due=due, basis="efektif", dalam_revisi=in_revision
        )
    uu = regulation_create(jenis="Undang-Undang", nomor="25", tahun=2009, by=None)
    uu_baru = regulation_create(jenis="Undang-Undang", nomor="1", tahun=2025, by=None)
    perda = regulation_create(jenis="Peraturan Daerah", nomor="3", tahun=2010, by=None)
    for key, regulation, change, replaced_by, day, resolved in (
        ("legalisir", uu, "diubah", uu_baru, 2, None),
        ("tata_lama", perda, "dicabut", None, 3, None),
        ("arsip", uu, "diubah", uu_baru, 2, at(2025, 6, 5)),
    ):
        ReviewFlag.objects.create(
            sop=v[key].sop,
            version=v[key],
            regulation=regulation,
            change=change,
            replaced_by=replaced_by,
            created_at=at(2025, 6, day),
            resolved_at=resolved,
        )


def team_data(v: dict[str, SopVersion], p: dict[str, Process], world: World) -> None:
    for nama, unit, tenggat, sops, processes in (
        ("Tim Dinas X", world.dinas_x, dt.date(2025, 6, 1), ["surat", "arsip"], ["ktp"]),
        ("Tim Setda", world.setda, dt.date(2025, 5, 1), ["tata_lama"], []),
        ("Tim Dinas Z", world.dinas_z, dt.date(2025, 7, 1), ["kepegawaian"], []),
    ):
        # Straight into the table: the service refuses a deadline in the past.
        team = Team.objects.create(
            instansi=world.kabupaten_a, unit=unit, nama=nama, tenggat=tenggat
        )
        team.sops.set([v[key].sop for key in sops])
        team.processes.set([p[key] for key in processes])


@dataclass
class Known:
    versions: dict[str, SopVersion]
    processes: dict[str, Process]


@pytest.fixture
def known(world: World) -> Known:
    return build_known(world)


def build_known(world: World) -> Known:
    v: dict[str, SopVersion] = {}
    v["kebijakan"] = make_sop(world.pemkab_a, "Kebijakan Umum")
    v["tata_lama"] = make_sop(world.setda, "Tata Naskah Lama")
    created(v["tata_lama"], at(2024, 4, 1))
    approved(v["tata_lama"], at(2024, 5, 1))
    v["tata"] = make_sop(world.bagian_organisasi, "Tata Naskah")
    v["legalisir"] = make_sop(world.dinas_x, "Pelayanan Legalisir", status="berlaku")
    v["surat"] = make_sop(world.dinas_x, "Surat Masuk")
    created(v["surat"], at(2025, 1, 10))
    approved(v["surat"], at(2025, 1, 20))
    v["surat_v2"] = sop_version_create(
        sop=v["surat"].sop, document=document("Surat Masuk"), by=None
    )
    v["pengaduan"] = make_sop(world.dinas_x, "Pengaduan", status="berlaku")
    v["pengaduan_v2"] = sop_version_create(
        sop=v["pengaduan"].sop, document=document("Pengaduan"), by=None
    )
    created(v["pengaduan_v2"], at(2023, 1, 1))
    into_force(v["pengaduan_v2"], at(2023, 2, 1))
    v["arsip"] = make_sop(world.bidang_y, "Arsip")
    created(v["arsip"], at(2025, 3, 1))
    into_force(v["arsip"], at(2025, 3, 6))
    v["kepegawaian"] = make_sop(world.dinas_z, "Kepegawaian")
    created(v["kepegawaian"], at(2025, 3, 10))
    approved(v["kepegawaian"], at(2025, 3, 31), status="menunggu_pengesahan")
    v["cuti"] = make_sop(world.dinas_z, "Cuti", status="dalam_reviu")
    v["lama_z"] = make_sop(world.dinas_z, "Lama Z", status="dicabut")
    v["izin_q"] = make_sop(world.dinas_q, "Izin Q")
    created(v["izin_q"], at(2025, 1, 1))
    approved(v["izin_q"], at(2025, 2, 1))
    review_data(v)
    p = {
        "legalisir": make_process(
            world.dinas_x, "Legalisir", kategori="layanan_publik", sop=v["legalisir"].sop
        ),
        "ktp": make_process(
            world.dinas_x,
            "KTP-el",
            kategori="layanan_publik",
            melayani_publik=True,
            volume_per_bulan=1000,
            risiko_kemungkinan=5,
            risiko_dampak=5,
            pengaduan_12_bulan=10,
            temuan_audit_12_bulan=5,
        ),
        "arsip": make_process(
            world.bidang_y, "Arsip", kategori="layanan_publik", sop=v["arsip"].sop
        ),
        "gaji": make_process(
            world.dinas_z,
            "Daftar Gaji",
            kategori="keuangan",
            risiko_kemungkinan=2,
            risiko_dampak=3,
            sop=v["cuti"].sop,
        ),
        "renstra": make_process(world.bagian_organisasi, "Renstra", kategori="keuangan"),
        "reklame": make_process(world.dinas_q, "Reklame", kategori="perizinan"),
    }
    team_data(v, p, world)
    return Known(versions=v, processes=p)

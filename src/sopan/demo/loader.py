"""Load the demo organisation (Pemerintah Kabupaten Sukamaju, fictional) into the database.

Idempotent: every object is looked up by its natural key first, so a second run writes
nothing. Demo accounts (usernames starting with ``demo.``) exist only through this module;
the system check ``sopan.E003`` refuses them in production.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from ruamel.yaml import YAML

from sopan.config.checks import DEMO_USERNAME_PREFIX
from sopan.document import load_path
from sopan.inventory.models import Process
from sopan.inventory.services import ProcessData, process_create
from sopan.organisations import services as org
from sopan.organisations.choices import Role
from sopan.organisations.models import Assignment, Instansi, Membership, Person, Position, Unit
from sopan.regulations import services as regs
from sopan.regulations.citation import Citation, citation_key, normalise_jenis
from sopan.regulations.models import Regulation
from sopan.sops.choices import VersionStatus
from sopan.sops.models import Sop, SopVersion
from sopan.sops.services import sop_create
from sopan.teams.models import Team
from sopan.teams.services import MemberData, TeamData, team_create

DEMO_PASSWORD = "sopan-demo"
ORGANISATION_FILE = Path(__file__).with_name("organisation.yaml")
EXAMPLES_DIR = Path(__file__).resolve().parents[3] / "examples"

Progress = Callable[[int, int, str], None]


@dataclass
class DemoSummary:
    units: int = 0
    people: int = 0
    sops: int = 0
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def read_organisation(path: Path = ORGANISATION_FILE) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return data


@transaction.atomic
def load_demo(*, progress: Progress | None = None, examples: Path = EXAMPLES_DIR) -> DemoSummary:
    data = read_organisation()
    instansi = _instansi(data["instansi"])
    units = _units(instansi, data.get("units", []), parent=None, found={})
    positions = _positions(instansi, units, data.get("positions", []))
    _regulations(data.get("regulations", []))
    people = _people(instansi, units, positions, data.get("people", []))
    entries = data.get("sops", [])
    for index, entry in enumerate(entries, start=1):
        if progress:
            progress(index, len(entries), entry["berkas"])
        _sop(units[entry["unit"]], examples / entry["berkas"], entry.get("status", "berlaku"))
    _inventory(units, entries, data.get("inventaris", []), examples)
    _teams(instansi, units, entries, data.get("tim", []), examples)
    _reviews(units, entries, data.get("tinjauan", []), examples)
    return DemoSummary(
        units=len(units),
        people=len(people),
        sops=SopVersion.objects.filter(sop__instansi=instansi).values("sop").distinct().count(),
        logins=_logins(data.get("people", []), units),
    )


def _instansi(spec: dict[str, Any]) -> Instansi:
    found = Instansi.objects.filter(kode=spec["kode"]).first()
    if found:
        return found
    return org.instansi_create(
        kode=spec["kode"],
        nama=spec["nama"],
        alamat=spec.get("alamat", ""),
        kota=spec.get("kota", ""),
        by=None,
    )


def _units(
    instansi: Instansi, specs: list[dict[str, Any]], parent: Unit | None, found: dict[str, Unit]
) -> dict[str, Unit]:
    for order, spec in enumerate(specs):
        unit = Unit.objects.filter(instansi=instansi, kode=spec["kode"]).first()
        if unit is None:
            unit = org.unit_create(
                instansi=instansi,
                parent=parent,
                kode=spec["kode"],
                nama=spec["nama"],
                singkatan=spec.get("singkatan", ""),
                urutan=order,
                by=None,
            )
        found[spec["kode"]] = unit
        _units(instansi, spec.get("children", []), unit, found)
    return found


def _positions(
    instansi: Instansi, units: dict[str, Unit], specs: list[dict[str, Any]]
) -> dict[str, Position]:
    positions: dict[str, Position] = {}
    for spec in specs:
        position = Position.objects.filter(instansi=instansi, kode=spec["kode"]).first()
        if position is None:
            position = org.position_create(
                unit=units[spec["unit"]],
                kode=spec["kode"],
                nama=spec["nama"],
                jenis=spec.get("jenis", "pelaksana"),
                kepala_unit=spec.get("kepala_unit", False),
                by=None,
            )
        positions[spec["kode"]] = position
    return positions


def _regulation_key(spec: dict[str, Any]) -> str:
    jenis = normalise_jenis(spec["jenis"]) or spec["jenis"]
    return citation_key(
        Citation(
            jenis=jenis,
            jenis_singkat="",
            nomor=str(spec["nomor"]),
            tahun=int(spec["tahun"]),
            tentang=None,
        )
    )


def _regulations(specs: list[dict[str, Any]]) -> None:
    by_key: dict[str, Regulation] = {}
    for spec in specs:
        key = _regulation_key(spec)
        regulation = Regulation.objects.filter(instansi=None, key=key).first()
        if regulation is None:
            regulation = regs.regulation_create(
                jenis=spec["jenis"],
                nomor=str(spec["nomor"]),
                tahun=int(spec["tahun"]),
                tentang=spec.get("tentang", ""),
                by=None,
            )
        by_key[key] = regulation
    for spec in specs:
        regulation = by_key[_regulation_key(spec)]
        for field_name, mark in (
            ("diubah_oleh", regs.regulation_mark_amended),
            ("dicabut_oleh", regs.regulation_mark_revoked),
        ):
            target = spec.get(field_name)
            if target and getattr(regulation, f"{field_name}_id") is None:
                mark(regulation=regulation, by_regulation=by_key[_regulation_key(target)], by=None)


def _people(
    instansi: Instansi,
    units: dict[str, Unit],
    positions: dict[str, Position],
    specs: list[dict[str, Any]],
) -> list[Person]:
    people = []
    for spec in specs:
        person = _person(instansi, spec)
        if not Assignment.objects.filter(person=person).exists():
            _assignments(person, positions, spec)
        account = spec.get("akun")
        if account:
            _account(person, units, account)
        people.append(person)
    return people


def _person(instansi: Instansi, spec: dict[str, Any]) -> Person:
    nip = str(spec["nip"]) if spec.get("nip") else None
    existing = Person.objects.filter(instansi=instansi)
    person = existing.filter(nip=nip).first() if nip else existing.filter(nama=spec["nama"]).first()
    if person:
        return person
    return org.person_create(
        instansi=instansi, nama=spec["nama"], nip=nip, email=spec.get("email", ""), by=None
    )


def _assignments(person: Person, positions: dict[str, Position], spec: dict[str, Any]) -> None:
    for earlier in spec.get("riwayat", []):
        assignment = org.person_assign(
            person=person,
            position=positions[earlier["jabatan"]],
            mulai=_date(earlier["mulai"]),
            by=None,
        )
        org.assignment_end(assignment=assignment, selesai=_date(earlier["selesai"]), by=None)
    if spec.get("jabatan"):
        org.person_assign(
            person=person,
            position=positions[spec["jabatan"]],
            mulai=_date(spec.get("sejak", "2024-01-02")),
            by=None,
        )


def _account(person: Person, units: dict[str, Unit], spec: dict[str, Any]) -> None:
    username = spec["username"]
    if not username.startswith(DEMO_USERNAME_PREFIX):
        raise ValueError(f"demo account {username!r} must start with {DEMO_USERNAME_PREFIX!r}")
    users = get_user_model()
    user = users.objects.filter(username=username).first()
    if user is None:
        user = users.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            email=person.email,
            first_name=person.nama[:150],
        )
        is_admin = any(role["peran"] == Role.ADMIN for role in spec.get("peran", []))
        if is_admin:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
    if person.user_id is None:
        Person.objects.filter(pk=person.pk).update(user=user)
    for role in spec.get("peran", []):
        unit = units[role["unit"]]
        if not Membership.objects.filter(user=user, unit=unit, role=role["peran"]).exists():
            org.membership_grant(user=user, unit=unit, role=role["peran"], by=None)


def _sop(unit: Unit, path: Path, status: str) -> None:
    document = load_path(path).document
    same = SopVersion.objects.filter(sop__unit=unit, nama=document.nama)
    if document.nomor:
        same = same.filter(nomor=document.nomor)
    if same.exists():
        return
    sop_create(unit=unit, document=document, by=None, status=VersionStatus(status))


def _inventory(
    units: dict[str, Unit],
    sop_entries: list[dict[str, Any]],
    specs: list[dict[str, Any]],
    examples: Path,
) -> None:
    """The processes of the inventory (Tabel 6); a process already there is left alone."""
    sop_units = {entry["berkas"]: units[entry["unit"]] for entry in sop_entries}
    for spec in specs:
        unit = units[spec["unit"]]
        data = ProcessData(
            tugas=spec["tugas"],
            fungsi=spec.get("fungsi", ""),
            uraian_tugas=spec.get("uraian_tugas", ""),
            kegiatan=spec["kegiatan"],
            output=spec["output"],
            aspek=spec["aspek"],
            judul=spec.get("judul", ""),
            kategori=spec.get("kategori", "lainnya"),
            melayani_publik=bool(spec.get("publik", False)),
            volume_per_bulan=int(spec.get("volume", 0)),
            risiko_kemungkinan=int(spec.get("kemungkinan", 1)),
            risiko_dampak=int(spec.get("dampak", 1)),
            pengaduan_12_bulan=int(spec.get("pengaduan", 0)),
            temuan_audit_12_bulan=int(spec.get("temuan", 0)),
            sop=_demo_sop(sop_units, examples, spec.get("sop")),
        )
        same = Process.objects.filter(unit=unit, kegiatan=data.kegiatan, output=data.output)
        if not same.filter(tugas=data.tugas, aspek=data.aspek).exists():
            process_create(unit=unit, data=data, by=None)


def _teams(
    instansi: Instansi,
    units: dict[str, Unit],
    sop_entries: list[dict[str, Any]],
    specs: list[dict[str, Any]],
    examples: Path,
) -> None:
    """The drafting teams; a team already there (same name in the instansi) is left alone."""
    sop_units = {entry["berkas"]: units[entry["unit"]] for entry in sop_entries}
    for spec in specs:
        if Team.objects.filter(instansi=instansi, nama=spec["nama"]).exists():
            continue
        unit = units[spec["unit"]]
        sops = [_demo_sop(sop_units, examples, berkas) for berkas in spec.get("sops", [])]
        in_unit = Process.objects.filter(unit__path__startswith=unit.path)
        data = TeamData(
            nama=spec["nama"],
            unit=unit,
            tenggat=timezone.localdate() + dt.timedelta(days=int(spec["tenggat_hari"])),
            keterangan=spec.get("keterangan", ""),
            sops=[sop for sop in sops if sop is not None],
            processes=[in_unit.get(judul=judul) for judul in spec.get("proses", [])],
            members=[
                MemberData(Person.objects.get(instansi=instansi, nama=m["nama"]), m["peran"])
                for m in spec.get("anggota", [])
            ],
        )
        team_create(data=data, by=None)


def _reviews(
    units: dict[str, Unit],
    sop_entries: list[dict[str, Any]],
    specs: list[dict[str, Any]],
    examples: Path,
) -> None:
    """Every SOP in force gets its review schedule; the SOPs listed under ``tinjauan`` get
    their own interval (``jangka_bulan``) and an earlier "no change" review, dated so that the
    next one falls ``jatuh_tempo_hari`` days from today (negative: overdue), so the review
    pages always show reviews due soon and overdue."""
    from django.utils import timezone

    from sopan.reviews.models import ReviewDecision, ReviewSchedule
    from sopan.reviews.rules import add_months
    from sopan.reviews.services import (
        interval_for,
        review_decide_no_change,
        review_schedule_for_new_version,
        review_schedule_set_interval,
        version_in_force,
    )

    today = timezone.localdate()
    sop_units = {entry["berkas"]: units[entry["unit"]] for entry in sop_entries}
    for entry in sop_entries:  # the demo's own SOPs only (generated ones: the daily job)
        sop = _demo_sop(sop_units, examples, entry["berkas"])
        version = version_in_force(sop) if sop is not None else None
        if version is not None:
            review_schedule_for_new_version(version, today=today)
    coordinator = get_user_model().objects.filter(username="demo.koordinator").first()
    for spec in specs:
        sop = _demo_sop(sop_units, examples, spec["sop"])
        if sop is None or coordinator is None or ReviewDecision.objects.filter(sop=sop).exists():
            continue
        if spec.get("jangka_bulan"):
            review_schedule_set_interval(
                sop=sop, by=coordinator, interval_bulan=int(spec["jangka_bulan"])
            )
        due = today + dt.timedelta(days=int(spec["jatuh_tempo_hari"]))
        decided_on = add_months(due, -interval_for(sop, ReviewSchedule.objects.get(sop=sop)))
        review_decide_no_change(sop=sop, by=coordinator, note=spec["catatan"], today=decided_on)


def _demo_sop(sop_units: dict[str, Unit], examples: Path, berkas: str | None) -> Sop | None:
    if not berkas:
        return None
    nama = load_path(examples / berkas).document.nama
    version = SopVersion.objects.filter(sop__unit=sop_units[berkas], nama=nama).first()
    return version.sop if version is not None else None


def _logins(specs: list[dict[str, Any]], units: dict[str, Unit]) -> list[tuple[str, str, str]]:
    rows = []
    for spec in specs:
        account = spec.get("akun")
        if not account:
            continue
        for role in account.get("peran", [])[:1]:
            rows.append(
                (account["username"], str(Role(role["peran"]).label), units[role["unit"]].nama)
            )
    return rows


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))

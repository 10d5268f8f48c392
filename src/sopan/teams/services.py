"""Writes of drafting teams: create and update, checked and audited.

Only an admin or koordinator of the team's unit (or above) may write. Every SOP and process
of a team belongs to the team's unit or a unit below it; every member is a person of the
same instansi. A deadline before today is refused when it is set or changed (an existing
overdue team may still be edited without moving its deadline).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sopan.audit.services import audit_record
from sopan.inventory.models import Process
from sopan.organisations.models import Person, Unit
from sopan.sops.models import Sop
from sopan.teams.choices import TeamRole
from sopan.teams.models import Team, TeamMember
from sopan.teams.selectors import can_manage

AnyUser = User | AnonymousUser


@dataclasses.dataclass(frozen=True)
class MemberData:
    person: Person
    peran: str


@dataclasses.dataclass(frozen=True)
class TeamData:
    """The clean values of a team (the form and the demo loader produce these)."""

    nama: str
    unit: Unit
    tenggat: dt.date
    members: Sequence[MemberData]
    sops: Sequence[Sop] = ()
    processes: Sequence[Process] = ()
    keterangan: str = ""


def team_snapshot(team: Team) -> dict[str, Any]:
    return {
        "nama": team.nama,
        "unit": team.unit_id,
        "tenggat": team.tenggat.isoformat(),
        "keterangan": team.keterangan,
        "sops": sorted(team.sops.values_list("pk", flat=True)),
        "processes": sorted(team.processes.values_list("pk", flat=True)),
        "members": sorted(
            [m.person_id, m.peran] for m in TeamMember.objects.filter(team=team).order_by("pk")
        ),
    }


def _check_may_manage(by: AnyUser | None, unit: Unit) -> None:
    if by is not None and not can_manage(by, unit):
        raise PermissionDenied(
            _("Anda tidak berwenang mengatur tim penyusun unit {unit}.").format(unit=unit.nama)
        )


def validate_team(data: TeamData, *, previous_tenggat: dt.date | None = None) -> None:
    """The rules of a team, whatever the entry point (messages in Indonesian)."""
    errors: dict[str, list[str]] = {}
    unit = data.unit
    if not data.nama.strip():
        errors.setdefault("nama", []).append(_("Wajib diisi."))
    if data.tenggat != previous_tenggat and data.tenggat < timezone.localdate():
        errors.setdefault("tenggat", []).append(_("Tenggat tidak boleh sebelum hari ini."))
    for sop in data.sops:
        if sop.instansi_id != unit.instansi_id or not _under(sop.unit, unit):
            errors.setdefault("sops", []).append(
                _("SOP {sop} bukan milik {unit} atau unit di bawahnya.").format(
                    sop=sop.kode, unit=unit.nama
                )
            )
    for process in data.processes:
        if process.instansi_id != unit.instansi_id or not _under(process.unit, unit):
            errors.setdefault("processes", []).append(
                _("Proses {process} bukan milik {unit} atau unit di bawahnya.").format(
                    process=process.judul_sop, unit=unit.nama
                )
            )
    _validate_members(data, errors)
    if errors:
        raise ValidationError(errors)


def _validate_members(data: TeamData, errors: dict[str, list[str]]) -> None:
    if not data.members:
        errors.setdefault("members", []).append(_("Tim perlu paling sedikit satu anggota."))
    seen: set[int] = set()
    for member in data.members:
        person = member.person
        if person.instansi_id != data.unit.instansi_id:
            errors.setdefault("members", []).append(
                _(
                    "{nama} bukan pegawai {instansi}; anggota tim harus dari instansi yang sama."
                ).format(nama=person.nama, instansi=data.unit.instansi.nama)
            )
        elif not person.active:
            errors.setdefault("members", []).append(
                _("{nama} sudah tidak aktif.").format(nama=person.nama)
            )
        if person.pk in seen:
            errors.setdefault("members", []).append(
                _("{nama} tercantum lebih dari sekali.").format(nama=person.nama)
            )
        seen.add(person.pk)
        if member.peran not in TeamRole.values:
            errors.setdefault("members", []).append(_("Peran dalam tim tidak dikenal."))


def _under(unit: Unit, top: Unit) -> bool:
    return unit.path.startswith(top.path)


def _apply(team: Team, data: TeamData) -> None:
    team.nama = data.nama.strip()
    team.unit = data.unit
    team.instansi_id = data.unit.instansi_id
    team.tenggat = data.tenggat
    team.keterangan = data.keterangan.strip()
    team.updated_at = timezone.now()
    team.save()
    team.sops.set(data.sops)
    team.processes.set(data.processes)
    TeamMember.objects.filter(team=team).delete()
    TeamMember.objects.bulk_create(
        TeamMember(team=team, person=m.person, peran=m.peran) for m in data.members
    )


@transaction.atomic
def team_create(*, data: TeamData, by: AnyUser | None) -> Team:
    _check_may_manage(by, data.unit)
    validate_team(data)
    team = Team(created_by=by if isinstance(by, User) else None)
    _apply(team, data)
    audit_record(actor=by, action="team.create", obj=team, after=team_snapshot(team))
    return team


@transaction.atomic
def team_update(*, team: Team, data: TeamData, by: AnyUser | None) -> Team:
    _check_may_manage(by, team.unit)
    _check_may_manage(by, data.unit)
    validate_team(data, previous_tenggat=team.tenggat)
    before = team_snapshot(team)
    _apply(team, data)
    audit_record(actor=by, action="team.update", obj=team, before=before, after=team_snapshot(team))
    return team


@transaction.atomic
def team_delete(*, team: Team, by: AnyUser | None) -> None:
    _check_may_manage(by, team.unit)
    before = team_snapshot(team)
    audit_record(actor=by, action="team.delete", obj=team, before=before)
    team.delete()

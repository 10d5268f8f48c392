"""team_create / team_update: permission in the service, Indonesian refusals, nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from sopan.audit.models import AuditEvent
from sopan.sops.models import SopVersion
from sopan.teams.choices import TeamRole
from sopan.teams.models import Team, TeamMember
from sopan.teams.services import MemberData, team_create, team_update
from tests.conftest import World
from tests.sopdocs import make_sop
from tests.teams.conftest import TENGGAT, TODAY, person, team_data

pytestmark = pytest.mark.django_db


def _rows() -> tuple[int, int, int]:
    return Team.objects.count(), TeamMember.objects.count(), AuditEvent.objects.count()


def test_koordinator_forms_a_team_audited(team: Team, penyusun: User, draft: SopVersion) -> None:
    assert [m.peran for m in team.members.order_by("peran")] == ["koordinator", "teknis"]
    assert list(team.sops.all()) == [draft.sop]
    event = AuditEvent.objects.filter(action="team.create").get()
    assert event.object_id == str(team.pk)
    assert event.after is not None and event.after["tenggat"] == TENGGAT.isoformat()


def test_admin_of_unit_may_not_form_a_team_for_another_unit(
    world: World, admin_unit: User, penyusun: User
) -> None:
    data = team_data(world, [MemberData(person(penyusun), TeamRole.TEKNIS)], unit=world.dinas_z)
    before = _rows()
    with pytest.raises(
        PermissionDenied, match="tidak berwenang mengatur tim penyusun unit Dinas Z"
    ):
        team_create(data=data, by=admin_unit)
    assert _rows() == before


def test_penyusun_may_not_form_a_team(world: World, penyusun: User) -> None:
    data = team_data(world, [MemberData(person(penyusun), TeamRole.TEKNIS)])
    with pytest.raises(PermissionDenied):
        team_create(data=data, by=penyusun)


def test_member_of_another_instansi_refused_nothing_written(
    world: World, koordinator: User, penyusun: User, outsider_instansi: User
) -> None:
    members = [
        MemberData(person(penyusun), TeamRole.TEKNIS),
        MemberData(person(outsider_instansi), TeamRole.HUKUM),
    ]
    before = _rows()
    with pytest.raises(ValidationError) as error:
        team_create(data=team_data(world, members), by=koordinator)
    assert error.value.message_dict == {
        "members": [
            "Lina Kabupaten B bukan pegawai Kabupaten A; anggota tim harus dari instansi yang sama."
        ]
    }
    assert _rows() == before


def test_deadline_in_the_past_refused_but_kept_on_update(
    world: World, koordinator: User, team: Team
) -> None:
    members = [MemberData(m.person, m.peran) for m in team.members.all()]
    with pytest.raises(ValidationError) as error:
        team_create(
            data=team_data(world, members, tenggat=TODAY - dt.timedelta(days=1)), by=koordinator
        )
    assert error.value.message_dict == {"tenggat": ["Tenggat tidak boleh sebelum hari ini."]}
    # An overdue team can still be edited as long as its deadline is not moved into the past.
    Team.objects.filter(pk=team.pk).update(tenggat=TODAY - dt.timedelta(days=30))
    team.refresh_from_db()
    updated = team_update(
        team=team,
        data=team_data(world, members, tenggat=TODAY - dt.timedelta(days=30), nama="Tim baru"),
        by=koordinator,
    )
    assert updated.nama == "Tim baru"


def test_sop_outside_the_unit_duplicate_member_and_no_member(
    world: World, koordinator: User, penyusun: User
) -> None:
    other = make_sop(world.dinas_z, "SOP Dinas Z")
    member = MemberData(person(penyusun), TeamRole.TEKNIS)
    with pytest.raises(ValidationError) as error:
        team_create(data=team_data(world, [member, member], sops=[other.sop]), by=koordinator)
    assert error.value.message_dict == {
        "sops": [f"SOP {other.sop.kode} bukan milik Dinas X atau unit di bawahnya."],
        "members": ["Rina Penyusun tercantum lebih dari sekali."],
    }
    with pytest.raises(ValidationError) as error:
        team_create(data=team_data(world, []), by=koordinator)
    assert error.value.message_dict == {"members": ["Tim perlu paling sedikit satu anggota."]}


def test_update_replaces_members_and_audits_before_after(
    world: World, koordinator: User, team: Team, pengesah: User
) -> None:
    data = team_data(world, [MemberData(person(pengesah), TeamRole.KOORDINATOR)])
    team_update(team=team, data=data, by=koordinator)
    assert [m.person.nama for m in team.members.all()] == ["Siti Pengesah"]
    event = AuditEvent.objects.filter(action="team.update").get()
    assert event.before is not None and event.after is not None
    assert len(event.before["members"]) == 2 and len(event.after["members"]) == 1
    assert event.after["sops"] == []

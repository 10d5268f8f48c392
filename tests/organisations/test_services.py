import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sopan.audit.models import AuditEvent
from sopan.audit.selectors import events_for
from sopan.organisations import services
from sopan.organisations.choices import Role
from sopan.organisations.models import Assignment, Membership, Person, Position, Unit
from sopan.organisations.selectors import current_position, person_for_user
from tests import factories

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(
        model.objects.count()
        for model in (Unit, Position, Person, Assignment, Membership, AuditEvent)
    )


def _refused(call, message):
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        call()
    assert message in " ".join(caught.value.messages)
    assert _counts() == before  # nothing half-written, no audit row


def test_unit_create_sets_path_depth_and_audits(world, admin_unit):
    unit = services.unit_create(
        instansi=world.kabupaten_a,
        parent=world.bidang_y,
        kode="SEKSI",
        nama="Seksi W",
        by=admin_unit,
    )
    assert unit.path == f"{world.bidang_y.path}{unit.pk}/"
    assert unit.depth == 3
    event = events_for(unit).get()
    assert event.action == "unit.create"
    assert event.actor_username == "admin_unit"
    assert event.after["path"] == unit.path


def test_unit_create_refuses_parent_from_another_instansi(world):
    _refused(
        lambda: services.unit_create(
            instansi=world.kabupaten_a, parent=world.dinas_q, kode="X", nama="X", by=None
        ),
        "Unit induk Dinas Q berasal dari instansi lain.",
    )


def test_unit_create_refuses_duplicate_kode(world):
    _refused(
        lambda: services.unit_create(
            instansi=world.kabupaten_a, parent=None, kode="DX", nama="Lagi", by=None
        ),
        "sudah dipakai di instansi yang sama",
    )


def test_unit_move_rewrites_the_subtree(world):
    seksi = factories.make_unit(world.kabupaten_a, "Seksi", parent=world.bidang_y)
    services.unit_move(unit=world.bidang_y, new_parent=world.dinas_z, by=None)
    world.bidang_y.refresh_from_db()
    seksi.refresh_from_db()
    assert world.bidang_y.path == f"{world.dinas_z.path}{world.bidang_y.pk}/"
    assert seksi.path == f"{world.bidang_y.path}{seksi.pk}/"
    assert (world.bidang_y.depth, seksi.depth) == (2, 3)
    assert seksi.hierarchy_names() == ["Pemerintah Kabupaten A", "Dinas Z", "Bidang Y", "Seksi"]
    assert events_for(world.bidang_y).last().action == "unit.move"


def test_unit_move_refuses_a_cycle(world):
    _refused(
        lambda: services.unit_move(unit=world.dinas_x, new_parent=world.bidang_y, by=None),
        "tidak dapat dipindah ke bawah dirinya sendiri",
    )


def test_person_create_refuses_a_bad_nip(world):
    _refused(
        lambda: services.person_create(
            instansi=world.kabupaten_a, nama="Salah", nip="19660825198802100", by=None
        ),
        "NIP harus 18 angka (tertulis 17)",
    )


def test_person_create_normalises_the_nip(world):
    person = services.person_create(
        instansi=world.kabupaten_a, nama="Benar", nip="19660825 198802 1 001", by=None
    )
    assert person.nip == "196608251988021001"


def test_person_assign_refuses_overlap_and_other_instansi(world, penyusun):
    person = person_for_user(penyusun)
    _refused(
        lambda: services.person_assign(
            person=person,
            position=world.positions["sekretaris_dinas_x"],
            mulai=dt.date(2024, 1, 1),
            by=None,
        ),
        "masih memegang jabatan Analis Kebijakan",
    )
    _refused(
        lambda: services.person_transfer(
            person=person,
            to_position=world.positions["analis_dinas_q"],
            tanggal=dt.date(2024, 1, 1),
            by=None,
        ),
        "berasal dari instansi lain",
    )


def test_transfer_moves_the_person(world, penyusun):
    person = person_for_user(penyusun)
    old = Assignment.objects.get(person=person)
    new = services.person_transfer(
        person=person,
        to_position=world.positions["analis_dinas_z"],
        tanggal=dt.date(2024, 3, 1),
        by=penyusun,
    )
    old.refresh_from_db()
    assert old.selesai == dt.date(2024, 2, 29)
    assert (new.mulai, new.selesai) == (dt.date(2024, 3, 1), None)
    assert current_position(person) == world.positions["analis_dinas_z"]
    actions = list(AuditEvent.objects.order_by("-seq").values_list("action", flat=True)[:2])
    assert actions == ["person.assign", "assignment.end"]


def test_transfer_refuses_same_position_and_early_date(world, penyusun):
    person = person_for_user(penyusun)
    _refused(
        lambda: services.person_transfer(
            person=person,
            to_position=world.positions["analis_dinas_x"],
            tanggal=dt.date(2024, 3, 1),
            by=None,
        ),
        "sudah memegang jabatan",
    )
    _refused(
        lambda: services.person_transfer(
            person=person,
            to_position=world.positions["analis_dinas_z"],
            tanggal=dt.date(2020, 1, 1),
            by=None,
        ),
        "Tanggal mutasi harus setelah",
    )


def test_assignment_end_refuses_a_date_before_the_start(world, penyusun):
    assignment = Assignment.objects.get(person__user=penyusun)
    _refused(
        lambda: services.assignment_end(
            assignment=assignment, selesai=dt.date(2019, 1, 1), by=None
        ),
        "Tanggal selesai tidak boleh sebelum tanggal mulai",
    )


def test_membership_grant_and_revoke(world, admin_unit):
    user = factories.make_user("baru")
    membership = services.membership_grant(
        user=user, unit=world.bidang_y, role=Role.PEMERIKSA, by=admin_unit
    )
    assert membership.granted_by == admin_unit
    _refused(
        lambda: services.membership_grant(
            user=user, unit=world.bidang_y, role=Role.PEMERIKSA, by=admin_unit
        ),
        "sudah menjadi Pemeriksa di Bidang Y",
    )
    _refused(
        lambda: services.membership_grant(user=user, unit=world.bidang_y, role="raja", by=None),
        "Peran raja tidak dikenal.",
    )
    services.membership_revoke(membership=membership, by=admin_unit)
    assert not Membership.objects.filter(user=user).exists()
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.before["role"]) == ("membership.revoke", "pemeriksa")


def test_position_kode_is_unique_per_instansi(world):
    _refused(
        lambda: services.position_create(unit=world.dinas_z, kode="KADIS-X", nama="X", by=None),
        "sudah dipakai di instansi yang sama",
    )
    other = services.position_create(unit=world.dinas_q, kode="KADIS-X", nama="X", by=None)
    assert other.instansi == world.kabupaten_b

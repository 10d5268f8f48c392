import datetime as dt

import pytest

from sopan.organisations import services
from sopan.organisations.choices import Role
from sopan.organisations.selectors import (
    current_holders,
    current_position,
    person_for_user,
    unit_subtree_ids,
    units_with_role,
    user_has_role,
    user_instansi_ids,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def deep(world):
    """A depth-4 chain under Dinas Z, and a sibling chain that must stay outside."""
    chain = factories.make_unit_chain(world.kabupaten_a, 4, parent=world.dinas_z)
    sibling = factories.make_unit(world.kabupaten_a, "Unit saudara", parent=world.dinas_z)
    return chain, sibling


def test_subtree_ids_cover_every_depth(world, deep):
    chain, sibling = deep
    assert set(unit_subtree_ids(chain[0])) == {unit.pk for unit in chain}
    assert set(unit_subtree_ids(chain[2])) == {chain[2].pk, chain[3].pk}
    assert set(unit_subtree_ids(world.dinas_z)) == {world.dinas_z.pk, sibling.pk} | {
        unit.pk for unit in chain
    }


def test_ancestors_and_hierarchy_names(world, deep):
    chain, _ = deep
    assert [u.pk for u in chain[3].ancestors()] == [
        world.pemkab_a.pk,
        world.dinas_z.pk,
        chain[0].pk,
        chain[1].pk,
        chain[2].pk,
    ]
    assert chain[1].hierarchy_names() == [
        "Pemerintah Kabupaten A",
        "Dinas Z",
        "Unit tingkat 1",
        "Unit tingkat 2",
    ]
    assert chain[3].depth == 5


def test_role_on_an_ancestor_applies_below(world, deep):
    chain, sibling = deep
    user = factories.make_user()
    factories.make_membership(user, chain[1], Role.PEMERIKSA)
    assert user_has_role(user, Role.PEMERIKSA, chain[3])
    assert user_has_role(user, [Role.PENGESAH, Role.PEMERIKSA], chain[1])
    assert not user_has_role(user, Role.PEMERIKSA, chain[0])
    assert not user_has_role(user, Role.PEMERIKSA, sibling)
    assert not user_has_role(user, Role.PENGESAH, chain[3])
    assert set(units_with_role(user, [Role.PEMERIKSA])) == {chain[1], chain[2], chain[3]}


def test_roles_do_not_cross_instansi(world, auditor, outsider_instansi):
    assert not user_has_role(auditor, Role.AUDITOR, world.dinas_q)
    units = set(units_with_role(auditor, [Role.AUDITOR]))
    assert world.dinas_z in units and world.bagian_organisasi in units
    assert world.dinas_q not in units and world.pemkab_b not in units
    assert set(units_with_role(outsider_instansi, [Role.PENYUSUN])) == {world.dinas_q}
    assert user_instansi_ids(auditor) == {world.kabupaten_a.pk}
    assert user_instansi_ids(outsider_instansi) == {world.kabupaten_b.pk}


def test_nested_memberships_are_not_counted_twice(world, penyusun):
    factories.make_membership(penyusun, world.bidang_y, Role.PENYUSUN)
    units = list(units_with_role(penyusun, [Role.PENYUSUN]))
    assert sorted(u.pk for u in units) == sorted([world.dinas_x.pk, world.bidang_y.pk])


def test_superuser_and_anonymous(world, superuser, anonymous):
    assert units_with_role(superuser, [Role.ADMIN]).count() == 8
    assert user_has_role(superuser, Role.PENGESAH, world.dinas_q)
    assert user_instansi_ids(superuser) == {world.kabupaten_a.pk, world.kabupaten_b.pk}
    assert not units_with_role(anonymous, list(Role.values)).exists()
    assert not user_has_role(anonymous, Role.PELAKSANA, world.bidang_y)
    assert user_instansi_ids(anonymous) == set()
    assert person_for_user(anonymous) is None


def test_units_with_role_is_two_queries(world, koordinator, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert len(list(units_with_role(koordinator, [Role.KOORDINATOR]))) == 6


def test_current_holders_and_position_follow_dates(world, pengesah):
    kepala = world.positions["kepala_dinas_x"]
    person = person_for_user(pengesah)
    assert list(current_holders(kepala)) == [person]
    assert list(current_holders(kepala, on=dt.date(2019, 12, 31))) == []
    successor = factories.make_person(world.kabupaten_a, "Pengganti")
    services.person_transfer(
        person=person,
        to_position=world.positions["sekretaris_dinas_x"],
        tanggal=dt.date(2024, 7, 1),
        by=None,
    )
    services.person_assign(person=successor, position=kepala, mulai=dt.date(2024, 7, 1), by=None)
    assert list(current_holders(kepala, on=dt.date(2024, 6, 30))) == [person]
    assert list(current_holders(kepala, on=dt.date(2024, 7, 1))) == [successor]
    assert current_position(person, on=dt.date(2024, 6, 30)) == kepala
    assert current_position(person) == world.positions["sekretaris_dinas_x"]

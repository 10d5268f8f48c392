"""The shared world and personas are what other test files rely on."""

import pytest

from sopan.organisations.choices import Role
from sopan.organisations.selectors import current_position, person_for_user, user_has_role


@pytest.mark.django_db
def test_personas_hold_their_roles_and_positions(
    world, penyusun, pemeriksa, pengesah, pelaksana, auditor, koordinator, admin_unit
):
    assert user_has_role(penyusun, Role.PENYUSUN, world.bidang_y)
    assert not user_has_role(penyusun, Role.PENYUSUN, world.dinas_z)
    assert user_has_role(auditor, Role.AUDITOR, world.dinas_z)
    assert user_has_role(koordinator, Role.KOORDINATOR, world.bagian_organisasi)
    position = current_position(person_for_user(pengesah))
    assert position is not None and position.kepala_unit
    assert admin_unit.is_staff and not admin_unit.is_superuser
    assert world.bidang_y.hierarchy_names() == ["Pemerintah Kabupaten A", "Dinas X", "Bidang Y"]


@pytest.mark.django_db
def test_outsiders_and_anonymous_hold_nothing_in_dinas_x(
    world, outsider_unit, outsider_instansi, anonymous
):
    for user in (outsider_unit, outsider_instansi, anonymous):
        assert not user_has_role(user, list(Role.values), world.dinas_x)

"""The organisation admin, through the real admin URLs, scoped to the admin's units."""

import pytest
from django.urls import reverse

from sopan.audit.models import AuditEvent
from sopan.organisations.choices import Role
from sopan.organisations.models import Membership, Person, Unit
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.organisations.admin_urls")]


@pytest.fixture(autouse=True)
def _admin_only_templates(settings):
    # The admin does not need sopan.web's context processor; leaving it out keeps these
    # tests about the organisations admin only (the web shell has its own tests).
    templates = [dict(engine) for engine in settings.TEMPLATES]
    for engine in templates:
        options = dict(engine.get("OPTIONS", {}))
        options["context_processors"] = [
            name for name in options.get("context_processors", []) if not name.startswith("sopan.")
        ]
        engine["OPTIONS"] = options
    settings.TEMPLATES = templates


def _changelist(client, user, model):
    client.force_login(user)
    return client.get(reverse(f"admin:organisations_{model}_changelist"))


def _shown(response):
    return {str(obj) for obj in response.context["cl"].result_list}


def test_admin_unit_sees_only_dinas_x_units(client, world, admin_unit):
    response = _changelist(client, admin_unit, "unit")
    assert response.status_code == 200
    assert _shown(response) == {"Dinas X", "Bidang Y"}


def test_admin_unit_sees_only_dinas_x_people(
    client, world, admin_unit, penyusun, pelaksana, outsider_unit, outsider_instansi
):
    response = _changelist(client, admin_unit, "person")
    assert _shown(response) == {"Rina Penyusun", "Agus Pelaksana", "Yusuf Admin"}


def test_admin_unit_sees_only_dinas_x_positions_and_memberships(
    client, world, admin_unit, penyusun, outsider_unit
):
    positions = _shown(_changelist(client, admin_unit, "position"))
    assert "Kepala Dinas X" in positions and "Pengadministrasi Umum" in positions
    assert "Auditor Inspektorat" not in positions
    memberships = {
        m.user.username
        for m in _changelist(client, admin_unit, "membership").context["cl"].result_list
    }
    assert memberships == {"admin_unit", "penyusun"}


def test_admin_unit_cannot_open_an_object_outside(client, world, admin_unit):
    client.force_login(admin_unit)
    outside = reverse("admin:organisations_unit_change", args=[world.dinas_z.pk])
    inside = reverse("admin:organisations_unit_change", args=[world.bidang_y.pk])
    assert client.get(inside).status_code == 200
    # The admin answers an object outside the queryset by redirecting to the index.
    response = client.get(outside)
    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_superuser_sees_everything(client, world, superuser):
    response = _changelist(client, superuser, "unit")
    assert len(_shown(response)) == Unit.objects.count() == 8


def test_non_staff_is_redirected_to_login(client, world, penyusun):
    response = _changelist(client, penyusun, "unit")
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


def test_staff_without_admin_role_is_refused(client, world):
    staff = factories.make_user("staf", is_staff=True)
    factories.make_membership(staff, world.dinas_x, Role.PENYUSUN)
    assert _changelist(client, staff, "unit").status_code == 403


def test_admin_unit_adds_a_unit_through_the_service(client, world, admin_unit):
    client.force_login(admin_unit)
    response = client.post(
        reverse("admin:organisations_unit_add"),
        {
            "instansi": world.kabupaten_a.pk,
            "parent": world.bidang_y.pk,
            "kode": "SEKSI-W",
            "nama": "Seksi W",
            "singkatan": "",
            "urutan": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    unit = Unit.objects.get(kode="SEKSI-W")
    assert unit.path == f"{world.bidang_y.path}{unit.pk}/"
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.actor_username) == ("unit.create", "admin_unit")


def test_admin_unit_cannot_put_a_unit_under_dinas_z(client, world, admin_unit):
    client.force_login(admin_unit)
    before = Unit.objects.count()
    response = client.post(
        reverse("admin:organisations_unit_add"),
        {
            "instansi": world.kabupaten_a.pk,
            "parent": world.dinas_z.pk,
            "kode": "SEKSI-Z",
            "nama": "Seksi Z",
            "urutan": 0,
        },
    )
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    assert Unit.objects.count() == before


def test_admin_change_and_delete_are_audited(client, world, admin_unit, penyusun):
    client.force_login(admin_unit)
    membership = Membership.objects.get(user=penyusun)
    url = reverse("admin:organisations_membership_delete", args=[membership.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.order_by("-seq").first().action == "membership.revoke"


@pytest.fixture
def crowded(world):
    """50 units, 50 positions, 50 people and 50 memberships inside Dinas X."""
    for number in range(50):
        unit = factories.make_unit(world.kabupaten_a, f"Seksi {number}", parent=world.bidang_y)
        position = factories.make_position(unit, f"Jabatan {number}")
        user = factories.make_user(f"pegawai{number}")
        factories.make_person(world.kabupaten_a, f"Pegawai {number}", user=user, position=position)
        factories.make_membership(user, unit, Role.PELAKSANA)
    return world


@pytest.mark.parametrize("model", ["unit", "position", "person", "assignment", "membership"])
@pytest.mark.parametrize("who", ["admin_unit", "superuser"])
def test_changelists_do_not_grow_with_rows(
    client, crowded, admin_unit, superuser, django_assert_max_num_queries, model, who
):
    user = {"admin_unit": admin_unit, "superuser": superuser}[who]
    client.force_login(user)
    url = reverse(f"admin:organisations_{model}_changelist")
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) >= 50


def test_person_changelist_shows_formatted_nip(client, world, superuser):
    factories.make_person(world.kabupaten_a, "Bernip", nip="196608251988021001")
    response = _changelist(client, superuser, "person")
    assert "19660825 198802 1 001" in response.content.decode()
    assert Person.objects.filter(nip="196608251988021001").exists()

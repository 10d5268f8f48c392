"""The sops admin through the real admin views: scoped to the admin's units; status changes
go through version_set_status."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from sopan.audit.models import AuditEvent
from sopan.organisations.models import Unit
from sopan.sops.choices import VersionStatus
from sopan.sops.models import SopVersion, VersionTransition
from sopan.sops.services import sop_create
from tests.conftest import World
from tests.sops.documents import make_document

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.sops.admin_urls")]


@pytest.fixture(autouse=True)
def _admin_only_templates(settings: Any) -> None:
    # The admin does not need sopan.web's context processor (the web shell has its own tests).
    templates = [dict(engine) for engine in settings.TEMPLATES]
    for engine in templates:
        options = dict(engine.get("OPTIONS", {}))
        options["context_processors"] = [
            name for name in options.get("context_processors", []) if not name.startswith("sopan.")
        ]
        engine["OPTIONS"] = options
    settings.TEMPLATES = templates


@pytest.fixture
def versions(world: World) -> dict[str, SopVersion]:
    def make(unit: Unit, nama: str, status: str = VersionStatus.KONSEP) -> SopVersion:
        return sop_create(unit=unit, document=make_document(nama), by=None, status=status)

    return {
        "Konsep X": make(world.dinas_x, "Konsep X"),
        "Konsep Y": make(world.bidang_y, "Konsep Y"),
        "Berlaku X": make(world.dinas_x, "Berlaku X", VersionStatus.BERLAKU),
        "Konsep Z": make(world.dinas_z, "Konsep Z"),
        "Konsep Q": make(world.dinas_q, "Konsep Q"),
    }


def _shown(client: Client, user: User, model: str) -> set[str]:
    client.force_login(user)
    response = client.get(reverse(f"admin:sops_{model}_changelist"))
    assert response.status_code == 200
    return {str(obj) for obj in response.context["cl"].result_list}


def test_admin_of_dinas_x_sees_only_its_versions(
    client: Client, versions: dict[str, SopVersion], admin_unit: User
) -> None:
    assert _shown(client, admin_unit, "sopversion") == {
        "Konsep X (v1)",
        "Konsep Y (v1)",
        "Berlaku X (v1)",
    }
    assert len(_shown(client, admin_unit, "sop")) == 3
    assert len(_shown(client, admin_unit, "versiontransition")) == 3


def test_superuser_sees_all(
    client: Client, versions: dict[str, SopVersion], superuser: User
) -> None:
    assert _shown(client, superuser, "sopversion") == {f"{name} (v1)" for name in versions}


def test_another_units_draft_cannot_be_opened(
    client: Client, versions: dict[str, SopVersion], admin_unit: User
) -> None:
    client.force_login(admin_unit)
    for name in ("Konsep Z", "Konsep Q"):
        url = reverse("admin:sops_sopversion_change", args=[versions[name].pk])
        response = client.get(url)
        assert response.status_code in {302, 403, 404}, name
        assert name not in response.content.decode()


def test_non_admin_staff_role_sees_no_sops_admin(
    client: Client, versions: dict[str, SopVersion], penyusun: User
) -> None:
    penyusun.is_staff = True
    penyusun.save()
    client.force_login(penyusun)
    response = client.get(reverse("admin:sops_sopversion_changelist"))
    assert response.status_code == 403


def test_change_page_shows_the_document_and_derived_rows(
    client: Client, versions: dict[str, SopVersion], admin_unit: User
) -> None:
    client.force_login(admin_unit)
    version = versions["Konsep X"]
    response = client.get(reverse("admin:sops_sopversion_change", args=[version.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "&quot;format&quot;: &quot;sopan/1&quot;" in page  # the pretty JSON, escaped
    assert "Kegiatan 2 Konsep X" in page  # a derived step row
    assert "Undang-Undang Nomor 43 Tahun 2009" in page  # a derived citation row


def _post_data(response: Any, **fields: str) -> dict[str, Any]:
    """The change form's management data (inlines are read-only) plus ``fields``."""
    data: dict[str, Any] = dict(fields)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for index, form in enumerate(formset.initial_forms):
            data[f"{formset.prefix}-{index}-id"] = form.instance.pk
            data[f"{formset.prefix}-{index}-{formset.fk.name}"] = formset.instance.pk
    return data


def test_status_change_in_admin_goes_through_the_service(
    client: Client, versions: dict[str, SopVersion], admin_unit: User
) -> None:
    client.force_login(admin_unit)
    version = versions["Konsep X"]
    url = reverse("admin:sops_sopversion_change", args=[version.pk])
    data = _post_data(client.get(url), status=VersionStatus.DALAM_REVIU)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    version.refresh_from_db()
    assert version.status == VersionStatus.DALAM_REVIU
    transition = VersionTransition.objects.filter(version=version).latest("id")
    assert (transition.from_status, transition.to_status, transition.actor) == (
        VersionStatus.KONSEP,
        VersionStatus.DALAM_REVIU,
        admin_unit,
    )
    assert transition.note == "Diubah melalui halaman admin."
    event = AuditEvent.objects.filter(action="sop.version_status").get()
    assert event.actor_username == "admin_unit"

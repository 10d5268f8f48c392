"""The regulation register in the admin: national rows shared read-only, an instansi's rows
only for that instansi's admins; new rows go through regulation_create."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sopan.audit.models import AuditEvent
from sopan.regulations.models import Regulation
from sopan.regulations.services import regulation_create
from tests.conftest import World

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.sops.admin_urls")]


@pytest.fixture(autouse=True)
def _admin_only_templates(settings: Any) -> None:
    templates = [dict(engine) for engine in settings.TEMPLATES]
    for engine in templates:
        options = dict(engine.get("OPTIONS", {}))
        options["context_processors"] = [
            name for name in options.get("context_processors", []) if not name.startswith("sopan.")
        ]
        engine["OPTIONS"] = options
    settings.TEMPLATES = templates


@pytest.fixture
def regulations(world: World) -> dict[str, Regulation]:
    return {
        "national": regulation_create(jenis="UU", nomor="25", tahun=2009, by=None),
        "a": regulation_create(
            jenis="Perda Kabupaten A", nomor="3", tahun=2019, instansi=world.kabupaten_a, by=None
        ),
        "b": regulation_create(
            jenis="Perda Kabupaten B", nomor="4", tahun=2020, instansi=world.kabupaten_b, by=None
        ),
    }


def test_admin_sees_national_and_own_instansi(
    client: Client, regulations: dict[str, Regulation], admin_unit: User
) -> None:
    client.force_login(admin_unit)
    response = client.get(reverse("admin:regulations_regulation_changelist"))
    assert response.status_code == 200
    shown = {obj.pk for obj in response.context["cl"].result_list}
    assert shown == {regulations["national"].pk, regulations["a"].pk}
    national = client.get(
        reverse("admin:regulations_regulation_change", args=[regulations["national"].pk])
    )
    assert national.status_code == 200
    assert national.context["has_change_permission"] is False
    other = client.get(reverse("admin:regulations_regulation_change", args=[regulations["b"].pk]))
    assert other.status_code in {302, 403, 404}


def test_add_goes_through_the_service(client: Client, world: World, admin_unit: User) -> None:
    client.force_login(admin_unit)
    url = reverse("admin:regulations_regulation_add")
    data = {
        "instansi": world.kabupaten_a.pk,
        "jenis": "Perbup A",
        "jenis_singkat": "",
        "nomor": "12",
        "tahun": "2021",
        "tentang": "Kedudukan",
        "url": "",
        "catatan": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:1500]
    regulation = Regulation.objects.get()
    assert (regulation.jenis, regulation.jenis_singkat, regulation.key) == (
        "Peraturan Bupati A",
        "Perbup A",
        "peraturanbupatia|12|2021",
    )
    assert AuditEvent.objects.filter(action="regulation.create").count() == 1

    again = client.post(url, data)  # a duplicate is a form error, not a crash
    assert again.status_code == 200
    assert "sudah terdaftar" in again.content.decode()
    future = client.post(url, data | {"nomor": "13", "tahun": str(timezone.now().year + 1)})
    assert "belum tiba" in future.content.decode()
    assert Regulation.objects.count() == 1

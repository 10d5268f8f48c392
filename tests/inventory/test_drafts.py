"""One action turns a process into an SOP draft of its unit and links the process to it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from sopan.audit.models import AuditEvent
from sopan.inventory.models import Process
from sopan.sops.models import Sop, SopVersion

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_one_process_becomes_a_linked_draft(penyusun: User, inventory: dict[str, Process]) -> None:
    process = inventory["legalisir"]
    response = client_for(penyusun).post(f"/inventaris/proses/{process.pk}/konsep/")
    process.refresh_from_db()
    assert process.sop is not None
    version = SopVersion.objects.get(sop=process.sop)
    assert response.status_code == 302
    assert response["Location"] == f"/sop/{version.sop_id}/v/1/"
    assert (version.status, version.nama, version.number) == (
        "konsep",
        "SOP Pelaksanaan Legalisir Dokumen",
        1,
    )
    assert process.sop.unit == process.unit
    document = version.document_model()
    assert (document.instansi, document.unit, document.langkah) == ("Kabupaten A", "Dinas X", [])
    actions = list(AuditEvent.objects.values_list("action", flat=True).order_by("seq"))
    assert actions[-2:] == ["sop.create", "inventory.process_create_draft"]


def test_a_second_draft_is_refused(penyusun: User, inventory: dict[str, Process]) -> None:
    client = client_for(penyusun)
    url = f"/inventaris/proses/{inventory['legalisir'].pk}/konsep/"
    client.post(url)
    response = client.post(url, follow=True)
    assert "sudah terhubung dengan SOP" in response.content.decode()
    assert Sop.objects.count() == 1


def test_several_drafts_in_one_action(koordinator: User, inventory: dict[str, Process]) -> None:
    ids = [inventory[name].pk for name in ("legalisir", "gaji", "renstra")]
    response = client_for(koordinator).post("/inventaris/konsep/", {"proses": ids}, follow=True)
    assert "3 konsep SOP dibuat dan dihubungkan." in response.content.decode()
    linked = Process.objects.filter(pk__in=ids, sop__isnull=False)
    assert linked.count() == 3
    assert sorted(SopVersion.objects.values_list("nama", flat=True)) == [
        "SOP Pelaksanaan Daftar Gaji",
        "SOP Pelaksanaan Legalisir Dokumen",
        "SOP Penyusunan Renstra",
    ]


def test_drafts_outside_the_scope_are_refused_and_nothing_is_created(
    penyusun: User, inventory: dict[str, Process]
) -> None:
    ids = [inventory["legalisir"].pk, inventory["gaji"].pk]  # Dinas Z is not theirs
    response = client_for(penyusun).post("/inventaris/konsep/", {"proses": ids}, follow=True)
    assert response.status_code == 200
    assert Sop.objects.count() == 0
    assert not Process.objects.filter(sop__isnull=False).exists()
    response = client_for(penyusun).post(f"/inventaris/proses/{inventory['gaji'].pk}/konsep/")
    assert response.status_code == 404


def test_readers_cannot_create_drafts(pemeriksa: User, inventory: dict[str, Process]) -> None:
    response = client_for(pemeriksa).post(f"/inventaris/proses/{inventory['legalisir'].pk}/konsep/")
    assert response.status_code == 403
    assert Sop.objects.count() == 0


def test_draft_creation_needs_post_and_csrf(penyusun: User, inventory: dict[str, Process]) -> None:
    url = f"/inventaris/proses/{inventory['legalisir'].pk}/konsep/"
    assert client_for(penyusun).get(url).status_code == 405
    client = Client(enforce_csrf_checks=True)
    client.force_login(penyusun)
    assert client.post(url).status_code == 403
    assert Sop.objects.count() == 0

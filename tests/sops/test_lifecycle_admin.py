"""The lifecycle admin in Indonesian: chains editable with steps inline, records read-only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from sopan.sops.lifecycle_models import ApprovalChain
from tests.conftest import World


@pytest.fixture
def admin_client(superuser: User) -> Client:
    client = Client()
    client.force_login(superuser)
    return client


@pytest.mark.parametrize(
    "model",
    [
        "approvalchain",
        "approval",
        "publication",
        "comment",
        "pilotrun",
        "pilotfeedback",
        "numberingsettings",
        "numbersequence",
        "sopclassification",
        "jobrun",
    ],
)
def test_changelists_open(admin_client: Client, world: World, model: str) -> None:
    response = admin_client.get(f"/admin/sops/{model}/", HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 200


def test_chain_with_steps_is_created_in_the_admin(admin_client: Client, world: World) -> None:
    page = admin_client.get("/admin/sops/approvalchain/add/")
    assert "tahap pengesahan" in page.content.decode().lower()
    data = {
        "instansi": world.kabupaten_a.pk,
        "nama": "Alur SOP administratif",
        "jenis": "administratif",
        "aktif": "on",
        "steps-TOTAL_FORMS": "2",
        "steps-INITIAL_FORMS": "0",
        "steps-0-urutan": "1",
        "steps-0-nama": "Pemeriksaan",
        "steps-0-kind": "peran",
        "steps-0-role": "pemeriksa",
        "steps-1-urutan": "2",
        "steps-1-nama": "Pengesahan Kepala OPD",
        "steps-1-kind": "kepala_unit",
        "steps-1-kedalaman": "1",
    }
    response = admin_client.post("/admin/sops/approvalchain/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    chain = ApprovalChain.objects.get()
    assert [s.nama for s in chain.steps.order_by("urutan")] == [
        "Pemeriksaan",
        "Pengesahan Kepala OPD",
    ]


def test_role_step_needs_a_role(admin_client: Client, world: World) -> None:
    data = {
        "instansi": world.kabupaten_a.pk,
        "nama": "Alur",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-0-urutan": "1",
        "steps-0-nama": "Pemeriksaan",
        "steps-0-kind": "peran",
    }
    response = admin_client.post("/admin/sops/approvalchain/add/", data)
    assert response.status_code == 200
    assert "Pilih peran penyetuju." in response.content.decode()
    assert not ApprovalChain.objects.exists()

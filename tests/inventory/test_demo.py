"""The demo organisation's inventory: loaded once, linked to the demo SOPs, seen by the demo
koordinator instansi-wide with the processes that have no SOP first."""

from __future__ import annotations

import pytest
from django.test import Client

from sopan.demo.loader import DEMO_PASSWORD, load_demo
from sopan.inventory.models import Process

pytestmark = pytest.mark.django_db


def test_demo_inventory() -> None:
    load_demo()
    assert 20 <= Process.objects.count() <= 30
    linked = Process.objects.filter(sop__isnull=False)
    assert linked.count() == 11
    assert Process.objects.filter(sop__isnull=True).count() >= 15
    client = Client()
    assert client.login(username="demo.koordinator", password=DEMO_PASSWORD)
    response = client.get("/inventaris/")
    assert response.status_code == 200
    assert response.context["coverage"].total.total == Process.objects.count()
    top = response.context["top"]
    assert len(top) == 10
    assert all(item.state != "berlaku" for item in top)
    assert top[0].process.judul_sop == "SOP Penerbitan Persetujuan Bangunan Gedung"
    assert client.login(username="demo.penyusun.dpmptsp", password=DEMO_PASSWORD)
    ranked = client.get("/inventaris/peringkat/").context["page"].object_list
    assert {item.process.unit.kode for item in ranked} <= {
        "dpmptsp-perizinan",
        "dpmptsp-sekretariat",
    }
    assert len(ranked) == 4

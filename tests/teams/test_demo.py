"""The demo organisation's drafting teams: loaded once, with progress, on Tugas Saya."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from sopan.demo.loader import load_demo
from sopan.teams.models import Team
from sopan.teams.selectors import progress_of, with_details

pytestmark = pytest.mark.django_db


def test_demo_teams() -> None:
    load_demo()
    load_demo()  # idempotent
    teams = list(with_details(Team.objects.order_by("nama")))
    assert [t.nama for t in teams] == [
        "Tim Penyusun SOP Pencatatan Sipil",
        "Tim Penyusun SOP Perizinan",
    ]
    progress = progress_of(teams)
    sipil = progress[teams[0].pk]
    assert (sipil.total, [c for _s, _l, c in sipil.counts]) == (4, [2, 1, 1, 0, 0, 0])
    assert {m.get_peran_display() for m in teams[0].members.all()} == {
        "Koordinator/Fasilitator",
        "Teknis",
        "Administrasi",
        "Hukum",
        "SDM",
    }
    client = Client()
    client.force_login(User.objects.get(username="demo.penyusun"))
    html = client.get("/tugas/").content.decode()
    assert "Tim Penyusun SOP Pencatatan Sipil" in html

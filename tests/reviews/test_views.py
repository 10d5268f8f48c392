"""The review pages through HTTP with personas: owners decide; others with a role on the unit
read; outsiders 404; anonymous → login; refusals 403; bad input 400 with nothing written."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sopan.reviews.models import ReviewDecision, ReviewSchedule
from sopan.sops.models import SopVersion
from tests.conftest import World
from tests.reviews.conftest import DUE
from tests.sopdocs import make_sop

pytestmark = pytest.mark.django_db


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _url(version: SopVersion, action: str = "") -> str:
    return f"/tinjauan/{version.sop_id}/" + (f"{action}/" if action else "")


def test_anonymous_goes_to_login(in_force: SopVersion) -> None:
    for url in ("/tinjauan/", _url(in_force)):
        response = _client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/masuk/")
    response = _client().post(_url(in_force, "tidak-berubah"), {"note": "Sesuai."})
    assert response.status_code == 302 and not ReviewDecision.objects.exists()


def test_list_shows_what_the_user_may_see(
    in_force: SopVersion, penyusun: User, pemeriksa: User, outsider_unit: User
) -> None:
    for user in (penyusun, pemeriksa):
        response = _client(user).get("/tinjauan/")
        assert response.status_code == 200 and "Pelayanan Legalisir" in response.text
        assert "02-06-2027" in response.text
    response = _client(outsider_unit).get("/tinjauan/")
    assert response.status_code == 200 and "Pelayanan Legalisir" not in response.text


def test_list_filter_and_query_count(in_force: SopVersion, world: World, koordinator: User) -> None:
    from sopan.reviews.services import review_schedules_reconcile

    long_ago = {"efektif": "2020-01-02"}  # due 2022-01-02: overdue whenever the test runs
    for n in range(5):
        make_sop(world.dinas_z, f"SOP Dinas Z {n}", status="berlaku", tanggal=long_ago)
    review_schedules_reconcile(today=DUE)
    client = _client(koordinator)
    client.get("/tinjauan/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/tinjauan/?tampil=terlambat")
    assert response.status_code == 200
    assert response.text.count("SOP Dinas Z") == 5 and "Pelayanan Legalisir" not in response.text
    assert response.text.count("badge review-terlambat") == 5
    assert len(queries) <= 12  # constant: not one query per row


@pytest.mark.parametrize("who", ["outsider_unit", "outsider_instansi"])
def test_outsiders_get_404(in_force: SopVersion, who: str, request: pytest.FixtureRequest) -> None:
    client = _client(request.getfixturevalue(who))
    assert client.get(_url(in_force)).status_code == 404
    response = client.post(_url(in_force, "tidak-berubah"), {"note": "Sesuai."})
    assert response.status_code == 404 and not ReviewDecision.objects.exists()


def test_readers_see_but_do_not_decide(in_force: SopVersion, pemeriksa: User) -> None:
    client = _client(pemeriksa)
    response = client.get(_url(in_force))
    assert response.status_code == 200 and "Tinjauan berikutnya" in response.text
    assert "Catat: tidak perlu perubahan" not in response.text
    response = client.post(_url(in_force, "tidak-berubah"), {"note": "Sesuai."})
    assert response.status_code == 403 and not ReviewDecision.objects.exists()
    response = client.post(_url(in_force, "revisi"), {"reason": "Perlu."})
    assert response.status_code == 403 and in_force.sop.versions.count() == 1


def test_owner_records_no_change(in_force: SopVersion, penyusun: User) -> None:
    client = _client(penyusun)
    assert "Catat: tidak perlu perubahan" in client.get(_url(in_force)).text
    response = client.post(_url(in_force, "tidak-berubah"), {"note": "Masih sesuai."})
    assert response.status_code == 302 and response["Location"] == _url(in_force)
    decision = ReviewDecision.objects.get()
    assert (decision.outcome, decision.note, decision.decided_by) == (
        "tidak_berubah",
        "Masih sesuai.",
        penyusun,
    )
    page = client.get(_url(in_force)).text
    assert "Masih sesuai." in page and "Keputusan tinjauan terakhir" in page


def test_empty_note_is_refused_in_indonesian(in_force: SopVersion, penyusun: User) -> None:
    response = _client(penyusun).post(_url(in_force, "tidak-berubah"), {"note": "  "})
    assert response.status_code == 400
    assert "Catatan tinjauan wajib diisi: jelaskan apa yang diperiksa." in response.text
    assert not ReviewDecision.objects.exists()


def test_empty_note_in_english(in_force: SopVersion, penyusun: User) -> None:
    client = _client(penyusun)
    client.cookies["django_language"] = "en"
    response = client.post(_url(in_force, "tidak-berubah"), {"note": ""})
    assert response.status_code == 400
    assert "A review note is required: explain what was checked." in response.text


def test_owner_starts_a_revision(in_force: SopVersion, penyusun: User) -> None:
    response = _client(penyusun).post(_url(in_force, "revisi"), {"reason": "Syarat berubah."})
    assert response.status_code == 302
    assert response["Location"] == f"/sop/{in_force.sop_id}/v/2/"
    assert ReviewSchedule.objects.get(sop_id=in_force.sop_id).dalam_revisi


def test_revision_without_reason(in_force: SopVersion, penyusun: User) -> None:
    response = _client(penyusun).post(_url(in_force, "revisi"), {"reason": ""})
    assert response.status_code == 400 and "Alasan revisi wajib diisi." in response.text
    assert in_force.sop.versions.count() == 1 and not ReviewDecision.objects.exists()


def test_interval_by_koordinator_only(
    in_force: SopVersion, koordinator: User, penyusun: User
) -> None:
    assert (
        _client(penyusun).post(_url(in_force, "jangka"), {"interval_bulan": "6"}).status_code == 403
    )
    client = _client(koordinator)
    response = client.post(_url(in_force, "jangka"), {"interval_bulan": "abc"})
    assert response.status_code == 400
    assert ReviewSchedule.objects.get(sop_id=in_force.sop_id).interval_bulan is None
    response = client.post(_url(in_force, "jangka"), {"interval_bulan": "6"})
    assert response.status_code == 302
    assert ReviewSchedule.objects.get(sop_id=in_force.sop_id).interval_bulan == 6


def test_flag_is_shown(in_force: SopVersion, penyusun: User) -> None:
    from sopan.regulations.services import regulation_create
    from sopan.reviews.models import ReviewFlag

    uu = regulation_create(jenis="Undang-Undang", nomor="25", tahun=2009, by=None)
    baru = regulation_create(jenis="Undang-Undang", nomor="1", tahun=2024, by=None)
    uu.status, uu.dicabut_oleh = "dicabut", baru
    ReviewFlag.objects.create(
        sop=in_force.sop, version=in_force, regulation=uu, change="dicabut", replaced_by=baru
    )
    page = _client(penyusun).get(_url(in_force)).text
    assert "Undang-Undang Nomor 25 Tahun 2009 telah dicabut oleh Undang-Undang Nomor 1" in page


def test_draft_only_sop(draft: SopVersion, penyusun: User) -> None:
    response = _client(penyusun).get(_url(draft))
    assert response.status_code == 200
    assert "tidak memiliki versi yang berlaku" in response.text

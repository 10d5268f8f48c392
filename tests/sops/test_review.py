"""The review and approval screen, through HTTP, with the personas."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from sopan.organisations.models import Membership
from sopan.sops.lifecycle_models import Approval, Comment
from sopan.sops.models import SopVersion
from sopan.sops.services import sop_create, version_update_document
from tests.sopdocs import document
from tests.sops.lifecycle_util import act, counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_draft(world, penyusun) -> SopVersion:
    """A draft of Dinas X written by the penyusun persona."""
    return sop_create(unit=world.dinas_x, document=document("Pelayanan Surat Masuk"), by=penyusun)


def _url(version: SopVersion, rest: str = "") -> str:
    return f"/sop/{version.sop_id}/v/{version.number}/reviu/{rest}"


def _get(client: Client, user: User, version: SopVersion) -> str:
    client.force_login(user)
    response = client.get(_url(version))
    assert response.status_code == 200
    return response.content.decode()


def _post(client: Client, user: User, version: SopVersion, rest: str, **data: str):
    client.force_login(user)
    return client.post(_url(version, rest), data)


def _status(version: SopVersion) -> str:
    version.refresh_from_db()
    return version.status


def test_penyusun_submits_from_the_page(client, own_draft, penyusun) -> None:
    page = _get(client, penyusun, own_draft)
    assert "Kirim untuk reviu" in page and 'action="' + _url(own_draft, "submit/") in page
    response = _post(client, penyusun, own_draft, "submit/")
    assert response.status_code == 302 and response["Location"] == _url(own_draft)
    assert _status(own_draft) == "dalam_reviu"
    assert "Konsep dikirim untuk reviu." in client.get(_url(own_draft)).content.decode()


def test_pemeriksa_comments_on_a_step_and_a_field(client, own_draft, penyusun, pemeriksa) -> None:
    act(own_draft, "submit", penyusun)
    page = _get(client, pemeriksa, own_draft)
    assert "Kembalikan untuk perbaikan" in page and "Setujui" in page
    assert 'id="langkah-periksa"' in page and "Tulis komentar" in page
    response = _post(
        client, pemeriksa, own_draft, "komentar/", step_id="periksa", text="Waktu terlalu singkat"
    )
    assert response.status_code == 302 and "#komentar-" in response["Location"]
    _post(client, pemeriksa, own_draft, "komentar/", field="tujuan", text="Tujuan belum diisi")
    page = _get(client, pemeriksa, own_draft)
    step_block = page.split('id="langkah-periksa"')[1].split('class="step-block"')[0]
    assert "Waktu terlalu singkat" in step_block
    field_block = page.split('id="bidang-tujuan"')[1].split('class="step-block"')[0]
    assert "Tujuan belum diisi" in field_block
    comment = Comment.objects.get(step_id="periksa")
    assert comment.author == pemeriksa


def test_empty_comment_is_refused_with_a_message(client, own_draft, penyusun, pemeriksa) -> None:
    act(own_draft, "submit", penyusun)
    response = _post(client, pemeriksa, own_draft, "komentar/", step_id="periksa", text=" ")
    assert response.status_code == 400
    assert "Isi komentar wajib diisi." in response.content.decode()
    assert Comment.objects.count() == 0


def test_return_requires_a_reason(client, own_draft, penyusun, pemeriksa) -> None:
    act(own_draft, "submit", penyusun)
    before = counts()
    response = _post(client, pemeriksa, own_draft, "return/", note="")
    assert response.status_code == 400
    assert "Alasan pengembalian wajib diisi." in response.content.decode()
    assert counts() == before and _status(own_draft) == "dalam_reviu"
    response = _post(client, pemeriksa, own_draft, "return/", note="Lengkapi dasar hukum")
    assert response.status_code == 302 and _status(own_draft) == "konsep"


def test_penyusun_answers_and_resolves(client, own_draft, penyusun, pemeriksa) -> None:
    act(own_draft, "submit", penyusun)
    _post(client, pemeriksa, own_draft, "komentar/", step_id="periksa", text="Tambah output")
    comment = Comment.objects.get()
    response = _post(client, penyusun, own_draft, "komentar/", parent=str(comment.pk), text="Siap")
    assert response.status_code == 302
    assert Comment.objects.get(parent=comment).step_id == "periksa"  # the reply stays pinned
    response = _post(client, penyusun, own_draft, f"komentar/{comment.pk}/selesai/")
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.resolved_by == penyusun
    page = _get(client, pemeriksa, own_draft)
    assert "Selesai: Rina Penyusun" in page


def test_pelaksana_may_not_resolve(client, own_draft, penyusun, pemeriksa, pelaksana) -> None:
    Membership.objects.create(user=pelaksana, unit=own_draft.sop.unit, role="pelaksana")
    act(own_draft, "submit", penyusun)
    _post(client, pemeriksa, own_draft, "komentar/", text="Umum")
    comment = Comment.objects.get()
    response = _post(client, pelaksana, own_draft, f"komentar/{comment.pk}/selesai/")
    assert response.status_code == 403
    assert "Hanya penyusun atau penulis komentar" in response.content.decode()
    comment.refresh_from_db()
    assert comment.resolved_at is None


def test_approval_shows_exactly_what_is_approved(
    client, own_draft, penyusun, pemeriksa, pengesah
) -> None:
    act(own_draft, "submit", penyusun)
    page = _get(client, pemeriksa, own_draft)
    assert "Anda menyetujui versi sistem 1" in page
    assert own_draft.document_hash in page
    response = _post(
        client, pemeriksa, own_draft, "approve/", document_hash=own_draft.document_hash
    )
    assert response.status_code == 302
    page = _get(client, pengesah, own_draft)
    assert "Disetujui oleh Budi Pemeriksa" in page and "Menunggu persetujuan" in page
    response = _post(client, pengesah, own_draft, "approve/", document_hash=own_draft.document_hash)
    assert response.status_code == 302
    assert Approval.objects.filter(version=own_draft).count() == 2
    page = _get(client, pengesah, own_draft)
    assert "Terbitkan" in page and 'type="date"' in page
    today = timezone.localdate().isoformat()
    response = _post(client, pengesah, own_draft, "publish/", efektif=today)
    assert response.status_code == 302 and _status(own_draft) == "berlaku"
    assert own_draft.nama in client.get("/").content.decode()  # on the public portal now


def test_approving_a_changed_document_is_refused(client, own_draft, penyusun, pemeriksa) -> None:
    act(own_draft, "submit", penyusun)
    response = _post(client, pemeriksa, own_draft, "approve/", document_hash="0" * 64)
    assert response.status_code == 400
    assert "Dokumen berubah sejak halaman ini dibuka" in response.content.decode()
    assert Approval.objects.count() == 0


def test_self_approval_refused_with_the_message(
    client, world, own_draft, penyusun, pemeriksa
) -> None:
    Membership.objects.create(user=penyusun, unit=world.dinas_x, role="pengesah")
    act(own_draft, "submit", penyusun)
    act(own_draft, "approve", pemeriksa)
    page = _get(client, penyusun, own_draft)
    assert 'id="aksi-approve"' not in page  # no button...
    before = counts()
    response = _post(client, penyusun, own_draft, "approve/", document_hash=own_draft.document_hash)
    assert response.status_code == 403  # ...and a forged POST is refused on the page
    assert "ikut menyusun atau mengubah konsep ini" in response.content.decode()
    assert counts() == before


def test_invalidated_approval_is_struck_through(
    client, world, own_draft, penyusun, pemeriksa
) -> None:
    act(own_draft, "submit", penyusun)
    act(own_draft, "approve", pemeriksa)
    act(own_draft, "return", pemeriksa, note="Ubah sedikit")
    version_update_document(
        version=own_draft, document=document("Pelayanan Surat Masuk", tujuan="Baru"), by=penyusun
    )
    act(own_draft, "submit", penyusun)
    page = _get(client, pemeriksa, own_draft)
    assert '<span class="invalid">Disetujui oleh Budi Pemeriksa' in page
    assert "Dibatalkan" in page


def test_start_pilot_needs_units_and_period(
    client, world, own_draft, penyusun, pemeriksa, pelaksana
) -> None:
    act(own_draft, "submit", penyusun)
    response = _post(client, pemeriksa, own_draft, "start_pilot/", mulai="2025-07-01")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Pilih sedikitnya satu unit uji coba." in page and "Isi tanggal selesai" in page
    response = _post(
        client,
        pemeriksa,
        own_draft,
        "start_pilot/",
        units=str(world.bidang_y.pk),
        mulai="2025-07-10",
        selesai="2025-07-01",
    )
    assert response.status_code == 400
    assert "tidak boleh sebelum tanggal mulai" in response.content.decode()
    today = timezone.localdate()
    response = _post(
        client,
        pemeriksa,
        own_draft,
        "start_pilot/",
        units=str(world.bidang_y.pk),
        mulai=today.isoformat(),
        selesai=(today + dt.timedelta(days=14)).isoformat(),
    )
    assert response.status_code == 302 and _status(own_draft) == "uji_coba"
    # an implementer of the pilot unit gives feedback on a step; the drafter sees the summary
    Membership.objects.create(user=pelaksana, unit=world.dinas_x, role="pelaksana")
    page = _get(client, pelaksana, own_draft)
    assert "Beri masukan uji coba" in page
    response = _post(
        client,
        pelaksana,
        own_draft,
        "masukan/",
        step_id="periksa",
        kind="waktu_tidak_realistis",
        text="Butuh 30 menit",
    )
    assert response.status_code == 302
    page = _get(client, penyusun, own_draft)
    assert "Ringkasan masukan per langkah" in page and "Butuh 30 menit" in page


def test_feedback_from_outside_the_pilot_is_refused(
    client, world, own_draft, penyusun, pemeriksa
) -> None:
    act(own_draft, "submit", penyusun)
    today = timezone.localdate()
    act(
        own_draft,
        "start_pilot",
        pemeriksa,
        units=[world.dinas_z],
        mulai=today,
        selesai=today + dt.timedelta(days=7),
    )
    response = _post(client, penyusun, own_draft, "masukan/", step_id="periksa", kind="lainnya")
    assert response.status_code in (400, 403)
    assert "unit uji coba" in response.content.decode()


@pytest.mark.parametrize("persona", ["outsider_unit", "outsider_instansi"])
def test_outsiders_cannot_see_or_act(client, request, own_draft, penyusun, persona) -> None:
    act(own_draft, "submit", penyusun)
    outsider = request.getfixturevalue(persona)
    client.force_login(outsider)
    assert client.get(_url(own_draft)).status_code == 404
    before = counts()
    for rest, data in [
        ("approve/", {"document_hash": own_draft.document_hash}),
        ("return/", {"note": "x"}),
        ("komentar/", {"text": "x"}),
    ]:
        assert client.post(_url(own_draft, rest), data).status_code == 404
    assert counts() == before and _status(own_draft) == "dalam_reviu"


def test_anonymous_is_sent_to_login(client, own_draft) -> None:
    response = client.get(_url(own_draft))
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")
    response = client.post(_url(own_draft, "submit/"))
    assert response.status_code == 302 and _status(own_draft) == "konsep"


def test_csrf_is_enforced(own_draft, penyusun) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(penyusun)
    assert client.post(_url(own_draft, "submit/")).status_code == 403
    assert client.post(_url(own_draft, "komentar/"), {"text": "x"}).status_code == 403
    assert _status(own_draft) == "konsep"


def test_unknown_action_is_404_and_get_is_refused(client, own_draft, penyusun) -> None:
    client.force_login(penyusun)
    assert client.post(_url(own_draft, "hapus/")).status_code == 404
    assert client.get(_url(own_draft, "submit/")).status_code == 405


def test_retire_requires_a_reason(client, world, pengesah) -> None:
    from tests.sopdocs import make_sop

    version = make_sop(world.dinas_x, "SOP Akan Dicabut", status="berlaku")
    response = _post(client, pengesah, version, "retire/", note="")
    assert response.status_code == 400
    assert "Alasan pencabutan wajib diisi." in response.content.decode()
    response = _post(client, pengesah, version, "retire/", note="Diganti aplikasi")
    assert response.status_code == 302 and _status(version) == "dicabut"


def test_page_has_no_inline_script_or_style(client, own_draft, penyusun) -> None:
    page = _get(client, penyusun, own_draft)
    assert "<script" not in page and "<style" not in page and "style=" not in page
    assert 'name="viewport"' in page

"""The life of an SOP in a real browser (issue 5 §6): drafting with a decision and a loop,
live flowchart and findings, review with a comment and a return, revision, approval along
the default two-step chain (pemeriksa → pengesah), publication, the public portal and the
verification page, then a revision that supersedes the first version on its effective date.

The personas are those of ``tests/conftest.py``: Rina Penyusun, Budi Pemeriksa and Siti
Pengesah of Dinas X (Kabupaten A). No approval chain is configured, so the default chain of
two steps applies.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from sopan.sops.choices import VersionStatus
from sopan.sops.lifecycle import versions_take_effect
from sopan.sops.models import SopVersion
from tests.browser.conftest import login, logout
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

NAMA = "Pelayanan Izin Keramaian"


@pytest.fixture
def team(penyusun: User, pemeriksa: User, pengesah: User, published: SopVersion) -> Any:
    """The three people of Dinas X, and another SOP in force so that the portal search has
    something to leave out."""
    return penyusun, pemeriksa, pengesah


def _version(number: int = 1) -> SopVersion:
    return SopVersion.objects.get(sop__versions__document__nama=NAMA, number=number)


def _step(page: Page, index: int) -> Locator:
    return page.locator("#langkah-rows tr.step-row").nth(index)


def _fill_step(
    row: Locator,
    *,
    step_id: str,
    kegiatan: str,
    simbol: str,
    actor: str,
    waktu: str = "",
    output: str = "",
) -> None:
    row.get_by_label("ID langkah").fill(step_id)
    row.get_by_label("Kegiatan").fill(kegiatan)
    row.get_by_label("Simbol").select_option(simbol)
    row.get_by_label(actor, exact=True).check()
    if waktu:
        row.get_by_label("Waktu").fill(waktu)
    if output:
        row.get_by_label("Output").fill(output)


def _autosaved(page: Page) -> None:
    """Leave the field being typed in and wait for the autosave it triggers, so that a
    following full save carries the current lock version."""
    # Leaving a changed field schedules one autosave (any earlier one is cancelled or, when
    # already sent, answered before this one is sent: hx-sync queues them).
    with page.expect_request(lambda r: r.method == "POST" and r.url.endswith("/ubah/")) as sent:
        page.keyboard.press("Tab")
    response = sent.value.response()
    assert response is not None and response.status == 200
    saved = re.compile("Tersimpan otomatis|Tidak ada perubahan")  # typed, or saved before
    expect(page.locator("#simpan-status")).to_contain_text(saved)
    page.wait_for_load_state("networkidle")


def _save(page: Page) -> None:
    _autosaved(page)
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("Konsep tersimpan.")).to_be_visible()


def _status(page: Page) -> Locator:
    """The status badge of the version the page is about."""
    return page.locator("span.badge[class*='status-']").first


def _review(page: Page, version: SopVersion) -> None:
    page.goto(f"/sop/{version.sop_id}/v/{version.number}/reviu/")


def _act(page: Page, action: str, button: str, done: str) -> None:
    page.locator(f"#aksi-{action}").get_by_role("button", name=button).click()
    page.wait_for_load_state()
    expect(page.get_by_text(done)).to_be_visible()


def _approve(page: Page, version: SopVersion) -> None:
    """Approve on the review page, after checking that the hash shown is the stored one."""
    version.refresh_from_db()
    form = page.locator("#aksi-approve")
    expect(form.locator(".approve-what code")).to_have_text(version.document_hash)
    _act(page, "approve", "Setujui", "Persetujuan Anda tercatat.")


def _publish(page: Page, efektif: dt.date) -> None:
    page.locator("#aksi-publish").get_by_label("Tanggal berlaku").fill(efektif.isoformat())
    _act(page, "publish", "Terbitkan", "SOP diterbitkan.")


def _submit(page: Page, version: SopVersion) -> None:
    _review(page, version)
    _act(page, "submit", "Kirim untuk reviu", "Konsep dikirim untuk reviu.")
    expect(_status(page)).to_have_text("Dalam Reviu")


def test_lifecycle_from_draft_to_superseded(page: Page, team: Any) -> None:
    today = timezone.localdate()

    # 1. The penyusun starts a new draft for Dinas X.
    login(page, "penyusun", PASSWORD)
    page.get_by_role("link", name="SOP baru").click()
    page.get_by_label("Unit kerja").select_option(label="Dinas X (Kabupaten A)")
    page.get_by_label("Nama SOP").fill(NAMA)
    page.get_by_role("button", name="Buat konsep").click()
    expect(page.get_by_role("heading", name=f"Ubah konsep: {NAMA}")).to_be_visible()
    expect(page.locator("#pratinjau")).to_contain_text("Belum ada langkah.")

    # 2. Two actors: the applicant (external) and the service officer.
    page.get_by_role("button", name="+ Tambah pelaksana").click()
    actors = page.locator("#pelaksana-rows tr")
    actors.nth(0).get_by_label("Nama pelaksana").fill("Pemohon")
    actors.nth(0).get_by_label("Jenis pelaksana").select_option("eksternal")
    page.get_by_role("button", name="+ Tambah pelaksana").click()
    actors.nth(1).get_by_label("Nama pelaksana").fill("Petugas Pelayanan")

    # 3. Four steps; the decision's "Tidak" exit goes back to the first step (the loop).
    #    Step 2 has no time yet: the live findings must say so.
    for _ in range(4):
        page.get_by_role("button", name="+ Tambah langkah").click()
    _fill_step(
        _step(page, 0),
        step_id="ajukan",
        kegiatan="Mengajukan permohonan izin keramaian",
        simbol="mulai",
        actor="Pemohon",
        waktu="5 menit",
    )
    _fill_step(
        _step(page, 1),
        step_id="periksa",
        kegiatan="Memeriksa kelengkapan berkas permohonan",
        simbol="proses",
        actor="Petugas Pelayanan",
    )
    decision = _step(page, 2)
    _fill_step(
        decision,
        step_id="lengkap",
        kegiatan="Apakah berkas lengkap?",
        simbol="keputusan",
        actor="Petugas Pelayanan",
        waktu="5 menit",
    )
    decision.get_by_role("button", name="+ cabang").click()
    decision.get_by_label("Label cabang").nth(0).fill("Ya")
    decision.get_by_label("Tujuan cabang").nth(0).fill("terbit")
    decision.get_by_label("Label cabang").nth(1).fill("Tidak")
    decision.get_by_label("Tujuan cabang").nth(1).fill("ajukan")
    _fill_step(
        _step(page, 3),
        step_id="terbit",
        kegiatan="Menerbitkan surat izin keramaian",
        simbol="selesai",
        actor="Petugas Pelayanan",
        waktu="15 menit",
        output="Surat izin keramaian",
    )

    # 4. The live preview draws the flowchart (the decision's labelled exits included) and
    #    lists the missing time of step 2.
    preview = page.locator("#pratinjau")
    expect(preview.locator("svg").first).to_be_visible()
    expect(preview.locator("svg").first).to_contain_text("Tidak")
    missing_time = preview.locator('a.jump[data-code="WKT001"]')
    expect(missing_time).to_have_count(1)
    expect(missing_time).to_contain_text("Langkah 2")

    # 5. Clicking the finding jumps to the field; once filled, the finding disappears.
    missing_time.click()
    waktu = _step(page, 1).get_by_label("Waktu")
    expect(waktu).to_be_focused()
    waktu.fill("10 menit")
    expect(missing_time).to_have_count(0)
    expect(preview.locator("svg").first).to_contain_text("Memeriksa kelengkapan")

    # 6. Save. What is stored is what was typed, loop and labels included.
    _save(page)
    version = _version()
    document = version.document_model()
    assert [s.step_id for s in document.langkah] == ["ajukan", "periksa", "lengkap", "terbit"]
    branches = [(b.label, b.ke) for b in document.step("lengkap").cabang]  # type: ignore[union-attr]
    assert branches == [("Ya", "terbit"), ("Tidak", "ajukan")]
    expect(page.locator("#pratinjau svg").first).to_be_visible()  # shown again after reload

    # 7. Send it to review.
    _submit(page, version)
    logout(page)

    # 8. The pemeriksa finds it in the SOP list, comments on step 2 and returns it.
    login(page, "pemeriksa", PASSWORD)
    page.get_by_role("link", name="SOP", exact=True).click()
    page.get_by_role("link", name=NAMA).click()
    page.get_by_role("link", name="Reviu dan pengesahan").click()
    expect(page.locator("#pengesahan .chain li")).to_have_count(2)  # the default chain
    step2 = page.locator("#langkah-periksa")
    step2.get_by_text("Tulis komentar").click()
    step2.get_by_label("Komentar untuk 2").fill("Sebutkan berkas apa saja yang diperiksa.")
    step2.get_by_role("button", name="Kirim komentar").click()
    expect(page.get_by_text("Komentar tersimpan.")).to_be_visible()
    expect(page.locator("#langkah-periksa .thread")).to_contain_text("Budi Pemeriksa")
    page.locator("#aksi-return").get_by_label("Alasan").fill("Lengkapi uraian langkah 2.")
    _act(page, "return", "Kembalikan untuk perbaikan", "Konsep dikembalikan kepada penyusun")
    expect(_status(page)).to_have_text("Konsep")
    logout(page)

    # 9. The penyusun reads the comment, revises step 2 in the editor, saves, resolves the
    #    comment and sends the draft again.
    login(page, "penyusun", PASSWORD)
    _review(page, version)
    expect(page.locator("#langkah-periksa .thread")).to_contain_text("berkas apa saja")
    page.get_by_role("link", name="Lihat dokumen lengkap").click()
    page.get_by_role("link", name="Ubah", exact=True).click()
    _step(page, 1).get_by_label("Kegiatan").fill(
        "Memeriksa kelengkapan berkas: KTP pemohon dan surat rekomendasi kelurahan"
    )
    _save(page)
    assert "surat rekomendasi" in (_version().document_model().step("periksa").kegiatan or "")  # type: ignore[union-attr]
    _review(page, version)
    page.locator("#langkah-periksa").get_by_role("button", name="Tandai selesai").click()
    expect(page.get_by_text("Komentar ditandai selesai.")).to_be_visible()
    _submit(page, version)
    logout(page)

    # 10. The pemeriksa approves the first step of the chain.
    login(page, "pemeriksa", PASSWORD)
    _review(page, version)
    _approve(page, version)
    expect(page.locator("#pengesahan")).to_contain_text("Disetujui oleh Budi Pemeriksa")
    logout(page)

    # 11. The pengesah sees the SHA-256 of what she approves, approves, and publishes it
    #     with today's date.
    login(page, "pengesah", PASSWORD)
    _review(page, version)
    _approve(page, version)
    expect(page.locator("#pengesahan")).to_contain_text("Disetujui oleh Siti Pengesah")
    _publish(page, today)
    expect(_status(page)).to_have_text("Berlaku")
    logout(page)
    version.refresh_from_db()
    assert version.status == VersionStatus.BERLAKU
    assert version.nomor  # numbered on the final approval

    # 12. Anyone finds it on the public portal by a word that is not in it as such
    #     ("perizinan" and "izin" share the stem "izin"), opens it and its verification page.
    page.goto("/")
    page.get_by_label("Cari SOP").fill("perizinan")
    page.get_by_role("button", name="Cari", exact=True).click()
    results = page.locator("ol.results li")
    expect(results).to_have_count(1)  # the other SOP in force is left out
    results.get_by_role("link").click()
    expect(page.get_by_role("heading", name=NAMA, level=1)).to_be_visible()
    expect(_status(page)).to_have_text("Berlaku")
    expect(page.locator("article.sop")).to_contain_text("surat rekomendasi kelurahan")
    page.get_by_role("link", name="Halaman verifikasi").click()
    expect(page.locator("#hasil")).to_have_text("BERLAKU")
    first_verification = page.url

    # 13. The penyusun starts a revision from the SOP page (reason required).
    login(page, "penyusun", PASSWORD)
    page.goto(f"/sop/{version.sop_id}/")
    page.get_by_role("link", name="Mulai revisi").click()
    page.get_by_label("Alasan revisi (wajib)").fill("Penyesuaian dengan peraturan daerah yang baru")
    page.get_by_role("button", name="Buat konsep revisi").click()
    page.wait_for_url(f"**/sop/{version.sop_id}/v/2/ubah/")
    revision = SopVersion.objects.get(sop_id=version.sop_id, number=2)
    assert revision.status == VersionStatus.KONSEP

    # 14. The penyusun edits the revision and sends it; both approve; the pengesah publishes
    #     it to take effect in a week.
    efektif = today + dt.timedelta(days=7)
    page.goto(f"/sop/{revision.sop_id}/v/{revision.number}/ubah/")
    _step(page, 3).get_by_label("Waktu").fill("1 hari kerja")
    _save(page)
    _submit(page, revision)
    logout(page)
    login(page, "pemeriksa", PASSWORD)
    _review(page, revision)
    _approve(page, revision)
    logout(page)
    login(page, "pengesah", PASSWORD)
    _review(page, revision)
    _approve(page, revision)
    _publish(page, efektif)
    # published, not in force yet
    expect(_status(page)).to_have_text("Menunggu Pengesahan")
    logout(page)

    # 15. Until the effective date the first version stays in force, also after the daily
    #     job ran the day before.
    assert versions_take_effect(today=efektif - dt.timedelta(days=1)) == []
    page.goto(first_verification)
    expect(page.locator("#hasil")).to_have_text("BERLAKU")

    # 16. The daily job on the effective date: the first version becomes DIGANTIKAN, and its
    #     verification page links to the version in force.
    switched = versions_take_effect(today=efektif)
    assert [v.pk for v in switched] == [revision.pk]
    page.goto(first_verification)
    expect(page.locator("#hasil")).to_have_text("DIGANTIKAN")
    page.get_by_role("link", name="Lihat versi yang berlaku").click()
    page.wait_for_load_state()
    expect(_status(page)).to_have_text("Berlaku")
    expect(page.locator("article.sop")).to_contain_text("1 hari kerja")

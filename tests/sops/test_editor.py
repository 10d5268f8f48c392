"""The draft editor through HTTP: new drafts, editing identity and steps, preview, findings,
optimistic locking, who may open it, export and CSRF."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sopan.audit.models import AuditEvent
from sopan.document import SopDocument, dump_json, dump_yaml, load_document
from sopan.sops.editor_forms import StepRow, form_from_document, form_pairs
from sopan.sops.models import Sop, SopVersion
from sopan.sops.services import version_update_document
from tests.sopdocs import document, make_sop

pytestmark = pytest.mark.django_db


def _url(version: SopVersion, tail: str = "ubah/") -> str:
    return f"/sop/{version.sop_id}/v/{version.number}/{tail}"


def _post(document: SopDocument, lock: int, edit: Any = None) -> list[tuple[str, str]]:
    """What the browser posts for the editor showing ``document`` (after ``edit(form)``)."""
    form = form_from_document(document)
    if edit is not None:
        edit(form)
    return [*form_pairs(form), ("lock_version", str(lock))]


def _encode(pairs: list[tuple[str, str]]) -> str:
    from urllib.parse import urlencode

    return urlencode(pairs)


FORM = "application/x-www-form-urlencoded"


def _send(client: Client, url: str, pairs: list[tuple[str, str]], **headers: str) -> Any:
    return client.post(url, _encode(pairs), content_type=FORM, headers=headers)


@pytest.fixture
def konsep(world: Any) -> SopVersion:
    return make_sop(world.dinas_x, "Pelayanan Surat Keterangan")


# --- new draft ------------------------------------------------------------------------------


def test_penyusun_starts_an_empty_draft(client: Client, world: Any, penyusun: Any) -> None:
    client.force_login(penyusun)
    page = client.get("/sop/baru/")
    assert page.status_code == 200
    assert "Dinas X" in page.content.decode() and "Dinas Q" not in page.content.decode()
    response = client.post("/sop/baru/", {"unit": world.dinas_x.pk, "nama": "Pelayanan Baru"})
    version = SopVersion.objects.get(nama="Pelayanan Baru")
    assert response.status_code == 302 and response["Location"] == _url(version)
    doc = version.document_model()
    assert (doc.instansi, doc.unit, doc.langkah) == ("Kabupaten A", "Dinas X", [])
    assert version.sop.unit == world.dinas_x and version.created_by == penyusun
    assert client.get(_url(version)).status_code == 200


def test_draft_from_a_yaml_file(client: Client, world: Any, penyusun: Any) -> None:
    client.force_login(penyusun)
    text = dump_yaml(document("Dari Berkas", tujuan="Menguji impor"))
    upload = SimpleUploadedFile("dari-berkas.sop.yaml", text.encode(), "application/yaml")
    response = client.post("/sop/baru/", {"unit": world.dinas_x.pk, "berkas": upload})
    version = SopVersion.objects.get(nama="Dari Berkas")
    assert response.status_code == 302
    assert version.document_model() == document("Dari Berkas", tujuan="Menguji impor")


def test_draft_from_a_json_file(client: Client, world: Any, penyusun: Any) -> None:
    client.force_login(penyusun)
    upload = SimpleUploadedFile("x.json", dump_json(document("Dari JSON")).encode())
    client.post("/sop/baru/", {"unit": world.dinas_x.pk, "berkas": upload})
    assert SopVersion.objects.get(nama="Dari JSON").document_model() == document("Dari JSON")


def test_broken_file_shows_located_errors_and_writes_nothing(
    client: Client, world: Any, penyusun: Any
) -> None:
    client.force_login(penyusun)
    broken = b"format: sopan/1\nnma: Uji\ntanggal:\n  efektif: kemarin\n"
    upload = SimpleUploadedFile("rusak.sop.yaml", broken)
    events = AuditEvent.objects.count()
    response = client.post("/sop/baru/", {"unit": world.dinas_x.pk, "berkas": upload})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Berkas tidak dapat dimuat; tidak ada yang dibuat." in page
    assert "Baris 2, kolom 1: kunci `nma` tidak dikenal di dokumen; maksud Anda `nama`?" in page
    assert "Baris 4, kolom 12: `tanggal.efektif` harus berupa tanggal (YYYY-MM-DD)" in page
    assert Sop.objects.count() == 0 and AuditEvent.objects.count() == events


def test_new_draft_needs_a_name_or_a_file_and_an_own_unit(
    client: Client, world: Any, penyusun: Any
) -> None:
    client.force_login(penyusun)
    response = client.post("/sop/baru/", {"unit": world.dinas_x.pk, "nama": ""})
    assert "Isi nama SOP untuk mulai dari kosong" in response.content.decode()
    response = client.post("/sop/baru/", {"unit": world.dinas_q.pk, "nama": "Curang"})
    assert response.status_code == 422
    assert "Masukkan pilihan yang valid." in response.content.decode()  # Django's own message
    assert Sop.objects.count() == 0


@pytest.mark.parametrize("persona", ["pelaksana", "pemeriksa", "auditor"])
def test_new_draft_refused_without_a_drafting_role(
    client: Client, persona: str, request: Any
) -> None:
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/sop/baru/")
    assert response.status_code == 403
    assert "Anda tidak memiliki peran penyusun" in response.content.decode()
    assert "SOP baru" not in client.get("/").content.decode()


def test_new_draft_asks_anonymous_to_sign_in(client: Client) -> None:
    response = client.get("/sop/baru/")
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_drafters_see_the_link_in_the_navigation(client: Client, penyusun: Any) -> None:
    client.force_login(penyusun)
    assert '<a href="/sop/baru/">SOP baru</a>' in client.get("/").content.decode()


# --- editing --------------------------------------------------------------------------------


def test_editor_shows_every_section(client: Client, penyusun: Any, konsep: SopVersion) -> None:
    client.force_login(penyusun)
    page = client.get(_url(konsep)).content.decode()
    for text in (
        "Identitas",
        "Unsur pedoman",
        "Pelaksana",
        "Langkah",
        "Nomor diberikan otomatis saat pengesahan.",
        'name="tanggal.efektif"',
        'name="disahkan_oleh.nip"',
        'name="definisi.istilah"',
        'name="dasar_hukum"',
        'name="riwayat.alasan"',
        'name="standar_waktu"',
        'name="langkah.1.kegiatan"',
        'name="langkah.1.cabang.ke"',
        'id="f-langkah-1-kegiatan"',
        "Mengajukan permohonan",
        '<svg xmlns="http://www.w3.org/2000/svg"',
        "htmx.min.js",
        'value="0"',  # lock_version
    ):
        assert text in page, text
    assert "<script>" not in page and " onclick=" not in page and "style=" not in page


def test_save_identity_and_steps(client: Client, penyusun: Any, konsep: SopVersion) -> None:
    client.force_login(penyusun)

    def edit(form: Any) -> None:
        form.scalars["nama"] = "Pelayanan Surat Keterangan Domisili"
        form.scalars["tanggal.efektif"] = "2025-07-01"
        form.scalars["disahkan_oleh.nip"] = "19720514 199803 1 004"
        form.lines["peralatan"] = "Komputer\nPrinter"
        steps = form.steps
        # insert a row before "serah", move it up above "periksa", delete nothing yet
        new = StepRow("7", texts={"id": "catat", "no": "", "kegiatan": "Mencatat permohonan"})
        new.actors = ["1"]
        steps.insert(1, new)
        steps[0].ke = "catat"
        new.ke = "periksa"

    response = _send(client, _url(konsep), _post(konsep.document_model(), 0, edit))
    assert response.status_code == 302 and response["Location"] == _url(konsep) + "?tersimpan"
    konsep.refresh_from_db()
    doc = konsep.document_model()
    assert doc.nama == "Pelayanan Surat Keterangan Domisili" and konsep.lock_version == 1
    assert str(doc.tanggal.efektif) == "2025-07-01"
    assert doc.disahkan_oleh.nip == "197205141998031004"
    assert doc.peralatan == ["Komputer", "Printer"]
    assert doc.step_ids() == ["ajukan", "catat", "periksa", "serah"]
    assert doc.langkah[1].pelaksana == ["petugas"]  # by actor row key
    assert doc.langkah[0].ke == "catat"
    assert "Konsep tersimpan." in client.get(_url(konsep)).content.decode()


def test_deleting_a_step_that_is_a_target_is_reported(
    client: Client, penyusun: Any, konsep: SopVersion
) -> None:
    client.force_login(penyusun)
    pairs = [*_post(konsep.document_model(), 0), ("langkah.2.hapus", "1")]  # no-JS delete box
    page = _send(client, _url(konsep), pairs).content.decode()
    assert "langkah `periksa` menuju langkah `serah` yang tidak ada" in page
    konsep.refresh_from_db()
    assert konsep.lock_version == 0


def test_move_and_delete_rows(client: Client, penyusun: Any, konsep: SopVersion) -> None:
    client.force_login(penyusun)
    doc = konsep.document_model()

    def move_and_delete(form: Any) -> None:
        form.steps[0], form.steps[1] = form.steps[1], form.steps[0]  # what "↑" does
        form.steps[0].cabang = [("Ya", "ajukan"), ("Tidak", "ajukan")]

    pairs = [*_post(doc, 0, move_and_delete), ("langkah.2.hapus", "1")]  # "serah" deleted
    assert _send(client, _url(konsep), pairs).status_code == 302
    konsep.refresh_from_db()
    assert konsep.document_model().step_ids() == ["periksa", "ajukan"]


def test_decision_with_two_labelled_exits_and_a_loop(
    client: Client, penyusun: Any, konsep: SopVersion
) -> None:
    client.force_login(penyusun)

    def edit(form: Any) -> None:
        periksa = form.steps[1]
        periksa.cabang = [("Lengkap", "serah"), ("Belum lengkap", "ajukan")]

    _send(client, _url(konsep), _post(konsep.document_model(), 0, edit))
    konsep.refresh_from_db()
    branches = konsep.document_model().langkah[1].cabang
    assert [(b.label, b.ke) for b in branches] == [
        ("Lengkap", "serah"),
        ("Belum lengkap", "ajukan"),
    ]


def test_new_actor_and_step_get_ids(client: Client, penyusun: Any, konsep: SopVersion) -> None:
    from sopan.sops.editor_forms import ActorRow

    client.force_login(penyusun)

    def edit(form: Any) -> None:
        form.actors.append(ActorRow("5", "", "Kepala Seksi Pelayanan"))
        form.steps.insert(2, StepRow("9", texts={"kegiatan": "Menandatangani"}, actors=["5"]))

    _send(client, _url(konsep), _post(konsep.document_model(), 0, edit))
    konsep.refresh_from_db()
    doc = konsep.document_model()
    assert doc.actor_ids() == ["pemohon", "petugas", "kepala_seksi_pelayanan"]
    assert doc.langkah[2].id == "l9" and doc.langkah[2].pelaksana == ["kepala_seksi_pelayanan"]


def test_wrong_values_are_shown_at_their_fields(
    client: Client, penyusun: Any, konsep: SopVersion
) -> None:
    client.force_login(penyusun)

    def edit(form: Any) -> None:
        form.scalars["nama"] = ""
        form.scalars["disahkan_oleh.nip"] = "123"
        form.steps[1].cabang = [("Lengkap", "serahh"), ("Tidak", "ajukan")]

    response = _send(client, _url(konsep), _post(konsep.document_model(), 0, edit))
    page = response.content.decode()
    assert response.status_code == 422
    assert "Belum tersimpan: perbaiki isian yang ditandai." in page
    nip = re.search(r'id="f-disahkan_oleh-nip-err">([^<]*)<', page)
    assert nip and nip.group(1) == "`disahkan_oleh.nip` harus berupa NIP 18 angka"
    assert re.search(r'id="f-nama-err">`nama` wajib diisi<', page)
    assert "langkah `periksa` menuju langkah `serahh` yang tidak ada; maksud Anda `serah`?" in page
    assert 'value="serahh"' in page and 'value="123"' in page  # what was typed stays
    konsep.refresh_from_db()
    assert konsep.lock_version == 0 and konsep.nama == "Pelayanan Surat Keterangan"


# --- preview and findings -------------------------------------------------------------------


def test_preview_returns_the_flowchart_and_findings_with_anchors(
    client: Client, penyusun: Any, konsep: SopVersion
) -> None:
    client.force_login(penyusun)

    def edit(form: Any) -> None:
        form.steps[0].ke = "serah"  # "periksa" is no longer reached
        form.steps[1].texts["kegiatan"] = "Memeriksa kelengkapan & keabsahan berkas"

    response = _send(
        client, _url(konsep, "ubah/pratinjau/"), _post(konsep.document_model(), 0, edit)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<svg") == 1 and "Mengajukan permohonan" in page
    assert "Memeriksa kelengkapan &amp; keabsahan berkas" in page
    assert (
        '<a href="#f-langkah-1" class="jump" data-code="STR003"><span class="code">STR003</span> '
        "Langkah 2: Langkah periksa tidak pernah dicapai dari langkah mulai.</a>"
    ) in page
    assert '<a href="#f-tujuan" class="jump" data-code="LKP005">' in page
    konsep.refresh_from_db()
    assert konsep.lock_version == 0  # a preview never saves


def test_preview_of_an_invalid_form_lists_the_problems(
    client: Client, penyusun: Any, konsep: SopVersion
) -> None:
    client.force_login(penyusun)

    def edit(form: Any) -> None:
        form.steps[2].texts["simbol"] = "keputusan"  # a decision without exits

    page = _send(
        client, _url(konsep, "ubah/pratinjau/"), _post(konsep.document_model(), 0, edit)
    ).content.decode()
    assert "Isian belum sah" in page and "<svg" not in page
    assert (
        '<a href="#f-langkah-2-simbol" class="jump">langkah `serah` berupa keputusan tetapi '
        "tidak punya `cabang`</a>"
    ) in page


# --- autosave and optimistic locking --------------------------------------------------------


def test_autosave_answers_with_the_status_fragment(
    client: Client, penyusun: Any, konsep: SopVersion
) -> None:
    client.force_login(penyusun)
    doc = konsep.document_model()

    def edit(form: Any) -> None:
        form.scalars["tujuan"] = "Menjamin surat keterangan terbit tepat waktu."

    response = _send(client, _url(konsep), _post(doc, 0, edit), HX_Request="true")
    page = response.content.decode()
    assert response.status_code == 200 and "Tersimpan otomatis pukul" in page
    assert 'id="lock-version" value="1" hx-swap-oob="true"' in page
    again = _send(client, _url(konsep), _post(doc, 1, edit), HX_Request="true")
    assert "Tidak ada perubahan yang perlu disimpan." in again.content.decode()
    konsep.refresh_from_db()
    assert konsep.lock_version == 1


def test_stale_lock_is_refused_with_the_difference_and_the_typed_form(
    client: Client, penyusun: Any, admin_unit: Any, konsep: SopVersion
) -> None:
    start = konsep.document_model()
    # someone else saves first
    other = document("Pelayanan Surat Keterangan", tujuan="Versi rekan kerja")
    version_update_document(version=konsep, document=other, by=admin_unit, expected_lock_version=0)
    client.force_login(penyusun)

    def edit(form: Any) -> None:
        form.scalars["tujuan"] = "Tulisan saya yang tidak boleh hilang"

    response = _send(client, _url(konsep), _post(start, 0, edit))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Perubahan Anda belum tersimpan: konsep ini sudah diubah orang lain" in page
    assert "Yusuf Admin menyimpan konsep ini pada" in page
    assert "Tidak ada yang ditimpa" in page
    assert "Tulisan saya yang tidak boleh hilang" in page.split('id="editor-form"')[1]
    diff = re.search(r'<pre class="diff">(.*?)</pre>', page, re.S)
    assert diff and "Versi rekan kerja" in diff.group(1) and "Tulisan saya" in diff.group(1)
    assert "Isian Anda (belum tersimpan)" in page and "Versi tersimpan" in page
    assert 'name="lock_version" id="lock-version" value="1"' in page
    konsep.refresh_from_db()
    assert konsep.document_model().tujuan == "Versi rekan kerja" and konsep.lock_version == 1


def test_stale_autosave_is_a_409_fragment(
    client: Client, penyusun: Any, admin_unit: Any, konsep: SopVersion
) -> None:
    start = konsep.document_model()
    other = document("Pelayanan Surat Keterangan", tujuan="Versi rekan kerja")
    version_update_document(version=konsep, document=other, by=admin_unit, expected_lock_version=0)
    client.force_login(penyusun)

    def edit(form: Any) -> None:
        form.scalars["tujuan"] = "Tulisan saya"

    response = _send(client, _url(konsep), _post(start, 0, edit), HX_Request="true")
    assert response.status_code == 409
    assert "data-conflict" in response.content.decode()
    assert "Lihat perbedaan dan gabungkan" in response.content.decode()


def test_missing_lock_version_never_overwrites(
    client: Client, penyusun: Any, konsep: SopVersion
) -> None:
    client.force_login(penyusun)
    pairs = [p for p in _post(konsep.document_model(), 0) if p[0] != "lock_version"]
    pairs = [(k, "Diubah" if k == "tujuan" else v) for k, v in pairs]
    assert _send(client, _url(konsep), pairs).status_code == 409
    konsep.refresh_from_db()
    assert konsep.lock_version == 0


def test_restore_shows_a_browser_copy_without_saving(
    client: Client, penyusun: Any, konsep: SopVersion
) -> None:
    client.force_login(penyusun)

    def edit(form: Any) -> None:
        form.scalars["tujuan"] = "Dari salinan peramban"

    response = _send(
        client, _url(konsep, "ubah/pulihkan/"), _post(konsep.document_model(), 0, edit)
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Dari salinan peramban" in page
    assert "Salinan dari peramban dipulihkan." in page
    konsep.refresh_from_db()
    assert konsep.lock_version == 0


# --- who may edit ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["penyusun", "koordinator", "admin_unit", "superuser"])
def test_drafters_of_the_unit_may_edit(
    client: Client, persona: str, request: Any, konsep: SopVersion
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(konsep)).status_code == 200


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("outsider_unit", 404),
        ("outsider_instansi", 404),
        ("pelaksana", 404),  # Bidang Y does not see Dinas X's drafts
        ("pemeriksa", 403),
        ("pengesah", 403),
        ("auditor", 403),
    ],
)
def test_others_cannot_open_the_editor(
    client: Client, persona: str, status: int, request: Any, konsep: SopVersion
) -> None:
    client.force_login(request.getfixturevalue(persona))
    doc = konsep.document_model()
    for url in (_url(konsep), _url(konsep, "ubah/pratinjau/")):
        method = client.get if url.endswith("ubah/") else client.post
        response = method(url)
        assert response.status_code == status, url
    response = _send(client, _url(konsep), _post(doc, 0, lambda f: f.scalars.update(tujuan="x")))
    assert response.status_code == status
    if status == 403:
        assert "Anda tidak berwenang mengubah SOP unit Dinas X." in response.content.decode()
    konsep.refresh_from_db()
    assert konsep.lock_version == 0


def test_anonymous_is_sent_to_sign_in(client: Client, konsep: SopVersion) -> None:
    response = client.get(_url(konsep))
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_published_versions_are_not_editable(
    client: Client, penyusun: Any, published: SopVersion
) -> None:
    client.force_login(penyusun)
    response = client.get(_url(published))
    assert response.status_code == 403
    assert "Versi ini berstatus Berlaku; hanya versi berstatus Konsep yang dapat diubah." in (
        response.content.decode()
    )
    version_page = client.get(_url(published, "")).content.decode()
    assert _url(published) not in version_page  # no "Ubah" link


def test_version_page_links_to_the_editor_for_drafters_only(
    client: Client, penyusun: Any, pemeriksa: Any, konsep: SopVersion
) -> None:
    client.force_login(penyusun)
    assert f'href="{_url(konsep)}">Ubah</a>' in client.get(_url(konsep, "")).content.decode()
    client.force_login(pemeriksa)
    assert f'href="{_url(konsep)}"' not in client.get(_url(konsep, "")).content.decode()


# --- export and CSRF ------------------------------------------------------------------------


def test_export_yaml_and_json(client: Client, published: SopVersion) -> None:
    response = client.get(_url(published, "ekspor/yaml/"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="SOP-7-DX-2025-v1.sop.yaml"'
    loaded = load_document(response.content, filename="x.sop.yaml").document
    assert loaded == published.document_model()
    response = client.get(_url(published, "ekspor/json/"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert load_document(response.content, fmt="json").document == published.document_model()
    assert client.get(_url(published, "ekspor/pdf/")).status_code == 404


def test_export_has_the_visibility_of_the_page(
    client: Client, outsider_unit: Any, penyusun: Any, konsep: SopVersion
) -> None:
    assert client.get(_url(konsep, "ekspor/yaml/")).status_code == 404
    client.force_login(outsider_unit)
    assert client.get(_url(konsep, "ekspor/yaml/")).status_code == 404
    client.force_login(penyusun)
    assert client.get(_url(konsep, "ekspor/yaml/")).status_code == 200


def test_csrf_is_enforced(penyusun: Any, world: Any, konsep: SopVersion) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(penyusun)
    pairs = _post(konsep.document_model(), 0, lambda f: f.scalars.update(tujuan="x"))
    assert _send(client, _url(konsep), pairs).status_code == 403
    assert _send(client, _url(konsep, "ubah/pratinjau/"), pairs).status_code == 403
    assert client.post("/sop/baru/", {"unit": world.dinas_x.pk, "nama": "X"}).status_code == 403
    page = client.get(_url(konsep)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    response = _send(client, _url(konsep), [*pairs, ("csrfmiddlewaretoken", token.group(1))])
    assert response.status_code == 302
    konsep.refresh_from_db()
    assert konsep.lock_version == 1 and Sop.objects.count() == 1

"""The approval chain: default and configured chains, who may approve, invalidation."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from sopan.organisations.models import Membership
from sopan.sops.choices import VersionStatus as S
from sopan.sops.lifecycle import allowed_actions, approvals_for
from sopan.sops.lifecycle_models import Approval, ApprovalChain, ApprovalStep, Publication
from sopan.sops.models import SopVersion, VersionTransition
from sopan.sops.services import _store_document, sop_create, version_update_document
from tests.conftest import World
from tests.sopdocs import document
from tests.sops import lifecycle_util
from tests.sops.lifecycle_util import act, approve_all, counts, state

pytestmark = pytest.mark.django_db
own_draft = lifecycle_util.own_draft


def test_two_step_default_chain(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User
) -> None:
    act(own_draft, "submit", penyusun)
    assert [(s.nama, s.approver, s.is_next) for s in approvals_for(own_draft)] == [
        ("Pemeriksaan", "Pemeriksa Dinas X", True),
        ("Pengesahan", "Pengesah Dinas X", False),
    ]
    assert "approve" not in allowed_actions(pengesah, own_draft)  # step 1 is the pemeriksa's
    with pytest.raises(PermissionDenied, match="Pemeriksa Dinas X"):
        act(own_draft, "approve", pengesah)
    act(own_draft, "approve", pemeriksa)
    assert state(own_draft)[0] == S.MENUNGGU_PENGESAHAN
    first = Approval.objects.get(version=own_draft)
    assert (first.user, first.person_nama, first.position_nama) == (
        pemeriksa,
        "Budi Pemeriksa",
        "Sekretaris Dinas X",
    )
    assert first.document_hash == own_draft.document_hash
    approved_hash = own_draft.document_hash
    act(own_draft, "approve", pengesah)
    own_draft.refresh_from_db()
    assert own_draft.status == S.MENUNGGU_PENGESAHAN
    disahkan = own_draft.document_model().disahkan_oleh
    assert (disahkan.jabatan, disahkan.nama) == ("Kepala Dinas X", "Siti Pengesah")
    publication = Publication.objects.get(version=own_draft)
    assert publication.approved_hash == approved_hash
    assert publication.final_hash == own_draft.document_hash != approved_hash
    states = approvals_for(own_draft)
    assert [(s.approved, s.approval.person_nama) for s in states if s.approval] == [
        (True, "Budi Pemeriksa"),
        (True, "Siti Pengesah"),
    ]
    assert allowed_actions(pengesah, own_draft) == ["publish"]
    notes = VersionTransition.objects.filter(version=own_draft).values_list("note", flat=True)
    assert "Pengesahan lengkap; nomor" in list(notes)[-1]


def test_self_approval_refused(
    world: World, own_draft: SopVersion, penyusun: User, pemeriksa: User
) -> None:
    """The author holds the pengesah role too: she still may not approve her own draft."""
    Membership.objects.create(user=penyusun, unit=world.dinas_x, role="pengesah")
    act(own_draft, "submit", penyusun)
    act(own_draft, "approve", pemeriksa)
    before = counts()
    with pytest.raises(PermissionDenied) as error:
        act(own_draft, "approve", penyusun)
    assert "ikut menyusun atau mengubah konsep ini" in str(error.value)
    assert counts() == before
    assert "approve" not in allowed_actions(penyusun, own_draft)


def test_an_editor_may_not_approve(
    world: World, own_draft: SopVersion, penyusun: User, pemeriksa: User
) -> None:
    """Whoever saved the draft once is an editor, even if someone else created it."""
    Membership.objects.create(user=pemeriksa, unit=world.dinas_x, role="penyusun")
    version_update_document(
        version=own_draft, document=document("Pelayanan Surat Masuk", tujuan="X"), by=pemeriksa
    )
    act(own_draft, "submit", penyusun)
    with pytest.raises(PermissionDenied, match="ikut menyusun"):
        act(own_draft, "approve", pemeriksa)


def test_one_person_does_not_approve_two_steps(
    world: World, own_draft: SopVersion, penyusun: User, pemeriksa: User
) -> None:
    Membership.objects.create(user=pemeriksa, unit=world.dinas_x, role="pengesah")
    act(own_draft, "submit", penyusun)
    act(own_draft, "approve", pemeriksa)
    with pytest.raises(PermissionDenied, match="sudah menyetujui tahap sebelumnya"):
        act(own_draft, "approve", pemeriksa)


def test_approval_outside_the_unit_refused(
    world: World, own_draft: SopVersion, penyusun: User, outsider_unit: User, outsider_instansi
) -> None:
    Membership.objects.create(user=outsider_unit, unit=world.dinas_z, role="pemeriksa")
    Membership.objects.create(user=outsider_instansi, unit=world.dinas_q, role="pemeriksa")
    act(own_draft, "submit", penyusun)
    before = counts()
    for user in (outsider_unit, outsider_instansi):
        with pytest.raises(PermissionDenied, match="tidak berwenang"):
            act(own_draft, "approve", user)
        assert allowed_actions(user, own_draft) == []
    assert counts() == before


def test_change_after_approval_invalidates_and_restarts(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User
) -> None:
    act(own_draft, "submit", penyusun)
    act(own_draft, "approve", pemeriksa)
    act(own_draft, "return", pengesah, note="Dasar hukum kurang.")
    version_update_document(
        version=own_draft,
        document=document("Pelayanan Surat Masuk", tujuan="Perbaikan"),
        by=penyusun,
    )
    states = approvals_for(own_draft)  # shown invalid already, before anyone acts
    assert states[0].approval is None and len(states[0].invalidated) == 1
    act(own_draft, "submit", penyusun)
    assert state(own_draft)[0] == S.DALAM_REVIU  # the chain starts again at the pemeriksa
    old = Approval.objects.get(version=own_draft)
    assert old.invalidated_at is not None
    assert old.invalidated_reason == "Dokumen berubah setelah disetujui; pengesahan diulang."
    assert approvals_for(own_draft)[0].is_next
    act(own_draft, "approve", pemeriksa)
    act(own_draft, "approve", pengesah)
    assert Approval.objects.filter(version=own_draft, invalidated_at=None).count() == 2


def test_unchanged_document_keeps_earlier_approvals(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User
) -> None:
    act(own_draft, "submit", penyusun)
    act(own_draft, "approve", pemeriksa)
    act(own_draft, "return", pengesah, note="Mohon dicek ulang.")
    act(own_draft, "submit", penyusun)
    assert state(own_draft)[0] == S.MENUNGGU_PENGESAHAN
    assert [s.approved for s in approvals_for(own_draft)] == [True, False]


def test_out_of_band_change_goes_back_to_review(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User
) -> None:
    """A document changed behind the services' back (e.g. in the database) still voids it."""
    act(own_draft, "submit", penyusun)
    act(own_draft, "approve", pemeriksa)
    _store_document(own_draft, document("Pelayanan Surat Masuk", tujuan="Diam-diam"))
    with pytest.raises(PermissionDenied):
        act(own_draft, "approve", pengesah)  # the pemeriksa's step is open again
    assert state(own_draft)[0] == S.DALAM_REVIU
    assert Approval.objects.get(version=own_draft).invalidated_at is not None


def _chain(world: World, *steps: dict, **kw) -> ApprovalChain:
    chain = ApprovalChain.objects.create(instansi=world.kabupaten_a, nama="Alur", **kw)
    for urutan, step in enumerate(steps, start=1):
        ApprovalStep.objects.create(chain=chain, urutan=urutan, **step)
    return chain


def test_configured_chain_pemeriksa_kabag_organisasi_kepala_opd(
    world: World,
    penyusun: User,
    pemeriksa: User,
    koordinator: User,
    pengesah: User,
) -> None:
    """pemeriksa → Kepala Bagian Organisasi (position) → Kepala OPD (head at depth 1)."""
    _chain(
        world,
        {"nama": "Pemeriksaan", "kind": "peran", "role": "pemeriksa"},
        {
            "nama": "Verifikasi Organisasi",
            "kind": "jabatan",
            "position": world.positions["kepala_bagian_organisasi"],
        },
        {"nama": "Penetapan Kepala OPD", "kind": "kepala_unit", "kedalaman": 1},
    )
    version = sop_create(unit=world.bidang_y, document=document("SOP Bidang Y"), by=penyusun)
    act(version, "submit", penyusun)
    assert [s.approver for s in approvals_for(version)] == [
        "Pemeriksa Bidang Y",
        "Kepala Bagian Organisasi",
        "Kepala Dinas X",
    ]
    act(version, "approve", pemeriksa)
    with pytest.raises(PermissionDenied):
        act(version, "approve", pengesah)  # the Kabag Organisasi comes first
    act(version, "approve", koordinator)
    act(version, "approve", pengesah)
    publication = Publication.objects.get(version=version)
    assert publication.approved_at is not None
    assert version.document_model().disahkan_oleh.jabatan == "Kepala Dinas X"


def test_chain_up_to_the_kepala_daerah(world: World, penyusun: User, pemeriksa: User) -> None:
    from tests import factories

    bupati = factories.make_position(
        world.pemkab_a, "Bupati", kode="BUPATI", jenis="struktural", kepala_unit=True
    )
    _chain(
        world,
        {"nama": "Pemeriksaan", "kind": "peran", "role": "pemeriksa"},
        {"nama": "Penetapan", "kind": "kepala_unit", "kedalaman": 0},
        jenis="administratif",
    )
    version = sop_create(
        unit=world.dinas_x,
        document=document("SOP Generik", jenis="administratif"),
        by=penyusun,
    )
    assert [s.approver for s in approvals_for(version)][-1] == "Kepala Pemerintah Kabupaten A"
    kepala_daerah = factories.make_persona(
        "bupati", nama="Bapak Bupati", role="pelaksana", role_unit=world.pemkab_a, position=bupati
    )
    act(version, "submit", penyusun)
    act(version, "approve", pemeriksa)
    act(version, "approve", kepala_daerah)
    assert version.document_model().disahkan_oleh.jabatan == "Bupati"
    # A teknis SOP does not match the administratif chain: the default chain applies.
    teknis = sop_create(
        unit=world.dinas_x, document=document("SOP Teknis", jenis="teknis"), by=penyusun
    )
    assert [s.nama for s in approvals_for(teknis)] == ["Pemeriksaan", "Pengesahan"]


def test_fully_approved_cannot_be_returned_or_approved_again(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User, koordinator: User
) -> None:
    approve_all(own_draft, penyusun, pemeriksa, pengesah)
    with pytest.raises(ValidationError) as error:
        act(own_draft, "return", koordinator, note="Terlambat.")
    assert error.value.code == "already_approved"
    with pytest.raises(ValidationError, match="Semua tahap pengesahan"):
        act(own_draft, "approve", koordinator)

"""Submit, review comments and return for revision, persona by persona."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from sopan.audit.models import AuditEvent
from sopan.sops.choices import VersionStatus as S
from sopan.sops.lifecycle import allowed_actions, comment_add, comment_resolve
from sopan.sops.models import SopVersion, VersionTransition
from sopan.sops.services import version_update_document
from tests.sopdocs import document
from tests.sops import lifecycle_util
from tests.sops.lifecycle_util import act, counts, state

pytestmark = pytest.mark.django_db
own_draft = lifecycle_util.own_draft


def test_penyusun_submits(own_draft: SopVersion, penyusun: User) -> None:
    act(own_draft, "submit", penyusun)
    assert state(own_draft)[0] == S.DALAM_REVIU
    last = VersionTransition.objects.filter(version=own_draft).last()
    assert last is not None
    assert (last.from_status, last.to_status, last.actor) == (S.KONSEP, S.DALAM_REVIU, penyusun)
    assert AuditEvent.objects.filter(action="sop.submit", object_id=str(own_draft.pk)).exists()


@pytest.mark.parametrize(
    "persona", ["pemeriksa", "pelaksana", "auditor", "outsider_unit", "outsider_instansi"]
)
def test_only_drafters_submit(
    own_draft: SopVersion, persona: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    before = counts()
    with pytest.raises(PermissionDenied, match="Hanya penyusun unit ini"):
        act(own_draft, "submit", user)
    assert counts() == before
    assert "submit" not in allowed_actions(user, own_draft)


def test_anonymous_is_asked_to_sign_in(own_draft: SopVersion, anonymous) -> None:
    with pytest.raises(PermissionDenied, match="Silakan masuk"):
        act(own_draft, "submit", anonymous)
    assert allowed_actions(anonymous, own_draft) == []


def test_submit_refused_with_blocking_findings(world, penyusun: User) -> None:
    from sopan.sops.services import sop_create

    broken = document("Tanpa Uraian").model_dump(mode="json")
    broken["langkah"][0]["kegiatan"] = ""
    from sopan.document import SopDocument

    version = sop_create(
        unit=world.dinas_x, document=SopDocument.model_validate(broken), by=penyusun
    )
    before = counts()
    with pytest.raises(ValidationError) as error:
        act(version, "submit", penyusun)
    assert error.value.code == "blocking_findings"
    assert "LKP020: Langkah ajukan belum memiliki uraian kegiatan." in error.value.messages[0]
    assert counts() == before
    assert state(version)[0] == S.KONSEP


def test_review_round(own_draft: SopVersion, penyusun: User, pemeriksa: User) -> None:
    """Comment, return with a reason, answer, resolve, revise and submit again."""
    act(own_draft, "submit", penyusun)
    assert allowed_actions(pemeriksa, own_draft) == ["return", "start_pilot", "approve"]
    comment = comment_add(
        version=own_draft, by=pemeriksa, text="Waktu terlalu singkat.", step_id="periksa"
    )
    on_field = comment_add(version=own_draft, by=pemeriksa, text="Lengkapi.", field="tujuan")
    assert on_field.field == "tujuan"
    act(own_draft, "return", pemeriksa, note="Perbaiki waktu langkah 2.")
    assert state(own_draft)[0] == S.KONSEP
    answer = comment_add(version=own_draft, by=penyusun, text="Sudah diubah.", parent=comment)
    assert (answer.parent, answer.step_id) == (comment, "periksa")
    comment_resolve(comment=comment, by=penyusun)
    comment.refresh_from_db()
    assert comment.resolved_by == penyusun and comment.resolved_at is not None
    version_update_document(
        version=own_draft, document=document("Pelayanan Surat Masuk", tujuan="Tertib"), by=penyusun
    )
    act(own_draft, "submit", penyusun)
    assert state(own_draft)[0] == S.DALAM_REVIU
    statuses = list(
        VersionTransition.objects.filter(version=own_draft).values_list("to_status", flat=True)
    )
    assert statuses == [S.KONSEP, S.DALAM_REVIU, S.KONSEP, S.DALAM_REVIU]
    returned = VersionTransition.objects.filter(version=own_draft, to_status=S.KONSEP).last()
    assert returned is not None and returned.note == "Perbaiki waktu langkah 2."


@pytest.mark.parametrize("reason", ["", "   "])
def test_return_needs_a_reason(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, reason: str
) -> None:
    act(own_draft, "submit", penyusun)
    before = counts()
    with pytest.raises(ValidationError) as error:
        act(own_draft, "return", pemeriksa, note=reason)
    assert error.value.messages == ["Alasan pengembalian wajib diisi."]
    assert error.value.code == "reason_required"
    assert counts() == before
    assert state(own_draft)[0] == S.DALAM_REVIU


def test_drafter_cannot_return_own_draft(world, own_draft: SopVersion, penyusun: User) -> None:
    from sopan.organisations.models import Membership

    Membership.objects.create(user=penyusun, unit=world.dinas_x, role="pemeriksa")
    act(own_draft, "submit", penyusun)
    with pytest.raises(PermissionDenied, match="ikut menyusun atau mengubah"):
        act(own_draft, "return", penyusun, note="Tidak jadi.")
    assert "return" not in allowed_actions(penyusun, own_draft)


@pytest.mark.parametrize("persona", ["outsider_unit", "outsider_instansi", "pelaksana"])
def test_outsiders_cannot_review(
    own_draft: SopVersion, penyusun: User, persona: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    act(own_draft, "submit", penyusun)
    with pytest.raises(PermissionDenied):
        act(own_draft, "return", user, note="Alasan.")
    with pytest.raises(PermissionDenied, match="tidak berwenang mengomentari"):
        comment_add(version=own_draft, by=user, text="Halo")


def test_comment_input_errors(own_draft: SopVersion, pemeriksa: User) -> None:
    before = counts()
    with pytest.raises(ValidationError, match=r"Isi komentar wajib diisi."):
        comment_add(version=own_draft, by=pemeriksa, text="  ")
    with pytest.raises(ValidationError, match=r"Langkah tidak-ada tidak ada dalam SOP ini."):
        comment_add(version=own_draft, by=pemeriksa, text="x", step_id="tidak-ada")
    with pytest.raises(ValidationError, match=r"Bidang isian bukan.isian tidak dikenal."):
        comment_add(version=own_draft, by=pemeriksa, text="x", field="bukan.isian")
    assert counts() == before


def test_comment_resolved_once_and_not_by_others(
    own_draft: SopVersion, pemeriksa: User, outsider_unit: User
) -> None:
    comment = comment_add(version=own_draft, by=pemeriksa, text="Perbaiki.")
    with pytest.raises(PermissionDenied):
        comment_resolve(comment=comment, by=outsider_unit)
    comment_resolve(comment=comment, by=pemeriksa)
    with pytest.raises(ValidationError, match="sudah diselesaikan"):
        comment_resolve(comment=comment, by=pemeriksa)


def test_wrong_state_is_a_validation_error(own_draft: SopVersion, pemeriksa: User) -> None:
    with pytest.raises(ValidationError) as error:
        act(own_draft, "approve", pemeriksa)
    assert error.value.code == "invalid_state"
    assert "Setujui" in error.value.messages[0] and "Konsep" in error.value.messages[0]


def test_unknown_action(own_draft: SopVersion, penyusun: User) -> None:
    with pytest.raises(ValidationError, match=r"Tindakan tidak dikenal: terbang."):
        act(own_draft, "terbang", penyusun)

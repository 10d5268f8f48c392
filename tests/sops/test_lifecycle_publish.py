"""Publication on an effective date, the daily switch, retirement and revisions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sopan.audit.models import AuditEvent
from sopan.sops.choices import VersionStatus as S
from sopan.sops.lifecycle import allowed_actions, revision_start, versions_take_effect
from sopan.sops.lifecycle_models import Publication
from sopan.sops.models import SopVersion, VersionTransition
from sopan.sops.services import version_update_document
from tests.sops import lifecycle_util
from tests.sops.lifecycle_util import (
    act,
    approve_all,
    counts,
    publish,
    state,
)

pytestmark = pytest.mark.django_db
own_draft = lifecycle_util.own_draft
TODAY = timezone.localdate


def _in_force(own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User) -> None:
    approve_all(own_draft, penyusun, pemeriksa, pengesah)
    publish(own_draft, pengesah)


def _revision(version: SopVersion, penyusun: User, pemeriksa: User, pengesah: User) -> SopVersion:
    new = revision_start(sop=version.sop, by=penyusun, reason="Perubahan dasar hukum")
    edited = new.document_model().model_copy(update={"tujuan": "Tujuan baru"})
    version_update_document(version=new, document=edited, by=penyusun)
    approve_all(new, penyusun, pemeriksa, pengesah)
    return new


def test_publish_today_is_in_force_at_once(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User
) -> None:
    _in_force(own_draft, penyusun, pemeriksa, pengesah)
    assert state(own_draft)[0] == S.BERLAKU
    assert own_draft.document_model().tanggal.efektif == TODAY()
    publication = Publication.objects.get(version=own_draft)
    assert publication.final_hash == own_draft.document_hash
    assert publication.published_by == pengesah
    assert AuditEvent.objects.filter(action="sop.publish", object_id=str(own_draft.pk)).exists()


def test_previous_version_superseded_when_new_one_takes_effect(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User
) -> None:
    _in_force(own_draft, penyusun, pemeriksa, pengesah)
    new = _revision(own_draft, penyusun, pemeriksa, pengesah)
    assert state(own_draft)[0] == S.BERLAKU  # never earlier than the new one's date
    publish(new, pengesah)
    assert state(new)[0] == S.BERLAKU
    assert state(own_draft)[0] == S.DIGANTIKAN
    last = VersionTransition.objects.filter(version=own_draft).last()
    assert last is not None and last.note == f"Digantikan oleh versi {new.number}."
    assert new.nomor == own_draft.nomor  # the revision keeps the SOP's number


def test_future_date_waits_for_the_daily_job(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User
) -> None:
    _in_force(own_draft, penyusun, pemeriksa, pengesah)
    new = _revision(own_draft, penyusun, pemeriksa, pengesah)
    day = TODAY() + dt.timedelta(days=10)
    publish(new, pengesah, efektif=day)
    assert state(new)[0] == S.MENUNGGU_PENGESAHAN
    assert Publication.objects.get(version=new).efektif == day
    assert versions_take_effect(today=day - dt.timedelta(days=1)) == []
    assert (state(new)[0], state(own_draft)[0]) == (S.MENUNGGU_PENGESAHAN, S.BERLAKU)
    assert [v.pk for v in versions_take_effect(today=day)] == [new.pk]
    assert (state(new)[0], state(own_draft)[0]) == (S.BERLAKU, S.DIGANTIKAN)
    before = counts()
    assert versions_take_effect(today=day) == []  # twice: nothing changes
    assert counts() == before


def test_missed_days_are_caught_up(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User
) -> None:
    approve_all(own_draft, penyusun, pemeriksa, pengesah)
    day = TODAY() + dt.timedelta(days=2)
    publish(own_draft, pengesah, efektif=day)
    switched = versions_take_effect(today=day + dt.timedelta(days=5))
    assert [v.pk for v in switched] == [own_draft.pk]
    assert state(own_draft)[0] == S.BERLAKU


def test_past_date_refused(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User
) -> None:
    approve_all(own_draft, penyusun, pemeriksa, pengesah)
    before, hash_before = counts(), state(own_draft)
    with pytest.raises(ValidationError) as error:
        publish(own_draft, pengesah, efektif=TODAY() - dt.timedelta(days=1))
    assert error.value.code == "efektif_past"
    assert "Tanggal berlaku tidak boleh sebelum hari ini" in error.value.messages[0]
    assert counts() == before and state(own_draft) == hash_before


def test_publish_only_after_full_approval_and_by_the_unit(
    own_draft: SopVersion,
    penyusun: User,
    pemeriksa: User,
    pengesah: User,
    outsider_unit: User,
    pelaksana: User,
) -> None:
    act(own_draft, "submit", penyusun)
    act(own_draft, "approve", pemeriksa)
    with pytest.raises(ValidationError, match="belum disetujui oleh semua tahap"):
        publish(own_draft, pengesah)
    act(own_draft, "approve", pengesah)
    for user in (outsider_unit, pelaksana, penyusun):
        with pytest.raises(PermissionDenied, match="tidak berwenang menerbitkan"):
            publish(own_draft, user)


def test_retire_needs_a_reason(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User, koordinator: User
) -> None:
    _in_force(own_draft, penyusun, pemeriksa, pengesah)
    assert "retire" in allowed_actions(koordinator, own_draft)
    before = counts()
    with pytest.raises(ValidationError, match=r"Alasan pencabutan wajib diisi."):
        act(own_draft, "retire", koordinator, note=" ")
    assert counts() == before
    with pytest.raises(PermissionDenied):
        act(own_draft, "retire", penyusun, note="Tidak dipakai.")
    act(own_draft, "retire", koordinator, note="Urusan dialihkan ke OPD lain.")
    assert state(own_draft)[0] == S.DICABUT
    last = VersionTransition.objects.filter(version=own_draft).last()
    assert last is not None and last.note == "Urusan dialihkan ke OPD lain."


def test_revision_start_copies_the_version_in_force(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User
) -> None:
    _in_force(own_draft, penyusun, pemeriksa, pengesah)
    own_draft.refresh_from_db()
    new = revision_start(sop=own_draft.sop, by=penyusun, reason="Perubahan SOTK")
    assert (new.number, new.status, new.created_by) == (2, S.KONSEP, penyusun)
    copied = new.document_model()
    assert copied.nomor == own_draft.nomor
    assert copied.langkah == own_draft.document_model().langkah
    assert copied.riwayat[-1].versi == "2" and copied.riwayat[-1].alasan == "Perubahan SOTK"
    assert AuditEvent.objects.filter(action="sop.revision_start", object_id=str(new.pk)).exists()
    with pytest.raises(ValidationError) as error:
        revision_start(sop=own_draft.sop, by=penyusun, reason="Lagi")
    assert error.value.code == "draft_exists"


def test_revision_start_refusals(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User, outsider_unit: User
) -> None:
    with pytest.raises(ValidationError) as error:
        revision_start(sop=own_draft.sop, by=penyusun, reason="Alasan")
    assert error.value.code == "no_version_in_force"
    _in_force(own_draft, penyusun, pemeriksa, pengesah)
    before = counts()
    with pytest.raises(ValidationError, match=r"Alasan revisi wajib diisi."):
        revision_start(sop=own_draft.sop, by=penyusun, reason="")
    with pytest.raises(PermissionDenied):
        revision_start(sop=own_draft.sop, by=outsider_unit, reason="Alasan")
    assert counts() == before
    assert own_draft.sop.versions.count() == 1

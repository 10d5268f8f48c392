"""version_update_document: drafts only, optimistic lock, derived rows rewritten."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from sopan.audit.models import AuditEvent
from sopan.document import document_hash
from sopan.sops.choices import VersionStatus
from sopan.sops.models import SopVersion, VersionCitation, VersionStep
from sopan.sops.services import sop_create, version_set_status, version_update_document
from tests.conftest import World
from tests.sops.documents import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world: World, penyusun: User) -> SopVersion:
    return sop_create(unit=world.dinas_x, document=make_document(steps=3), by=penyusun)


def test_update_rewrites_hash_and_derived_rows(draft: SopVersion, penyusun: User) -> None:
    new = make_document("Pengelolaan Surat Keluar", nomor="SOP-02", steps=5, dasar_hukum=[])
    version_update_document(version=draft, document=new, by=penyusun, expected_lock_version=0)

    stored = SopVersion.objects.get(pk=draft.pk)
    assert stored.lock_version == 1 == draft.lock_version
    assert stored.document_hash == document_hash(new) == draft.document_hash
    assert (stored.nama, stored.nomor) == ("Pengelolaan Surat Keluar", "SOP-02")
    assert stored.updated_by == penyusun
    assert VersionStep.objects.filter(version=stored).count() == 5
    assert not VersionCitation.objects.filter(version=stored).exists()
    event = AuditEvent.objects.get(action="sop.version_update")
    assert event.before is not None and event.after is not None
    assert event.before["lock_version"] == 0 and event.after["lock_version"] == 1


def test_stale_lock_version_is_refused_and_nothing_changes(
    draft: SopVersion, penyusun: User, koordinator: User
) -> None:
    version_update_document(
        version=SopVersion.objects.get(pk=draft.pk),
        document=make_document("Versi Koordinator"),
        by=koordinator,
        expected_lock_version=0,
    )
    before = SopVersion.objects.get(pk=draft.pk)
    steps_before = list(VersionStep.objects.filter(version=draft).values_list("kegiatan"))
    events_before = AuditEvent.objects.count()

    with pytest.raises(ValidationError, match="sudah diubah orang lain") as caught:
        version_update_document(
            version=draft,
            document=make_document("Versi Penyusun", steps=7),
            by=penyusun,
            expected_lock_version=0,
        )

    assert caught.value.code == "stale"
    after = SopVersion.objects.get(pk=draft.pk)
    assert (after.nama, after.lock_version, after.document_hash) == (
        before.nama,
        before.lock_version,
        before.document_hash,
    )
    assert after.nama == "Versi Koordinator"
    assert list(VersionStep.objects.filter(version=draft).values_list("kegiatan")) == steps_before
    assert AuditEvent.objects.count() == events_before


def test_without_expected_lock_version_the_edit_is_applied(draft: SopVersion) -> None:
    version_update_document(version=draft, document=make_document("Baru"), by=None)
    version_update_document(version=draft, document=make_document("Lebih Baru"), by=None)
    assert SopVersion.objects.get(pk=draft.pk).lock_version == 2


@pytest.mark.parametrize(
    "status", sorted(set(VersionStatus.values) - VersionStatus.EDITABLE), ids=str
)
def test_only_editable_versions_change(draft: SopVersion, status: str) -> None:
    version_set_status(version=draft, status=status, by=None)
    with pytest.raises(ValidationError, match="tidak dapat diubah") as caught:
        version_update_document(version=draft, document=make_document("Lain"), by=None)
    assert caught.value.code == "not_editable"
    assert SopVersion.objects.get(pk=draft.pk).nama == "Pengelolaan Surat Masuk"


def test_someone_from_another_unit_cannot_edit(draft: SopVersion, outsider_unit: User) -> None:
    with pytest.raises(ValidationError, match="tidak berwenang"):
        version_update_document(version=draft, document=make_document("Lain"), by=outsider_unit)
    assert SopVersion.objects.get(pk=draft.pk).lock_version == 0

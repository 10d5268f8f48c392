"""version_set_status: every change is a transition row; one version in force per SOP."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from sopan.audit.models import AuditEvent
from sopan.sops.choices import VersionStatus
from sopan.sops.models import SopVersion, VersionTransition
from sopan.sops.services import sop_create, sop_version_create, version_set_status
from tests.conftest import World
from tests.sops.documents import make_document

pytestmark = pytest.mark.django_db


def _path(version: SopVersion) -> list[tuple[str, str]]:
    return list(
        VersionTransition.objects.filter(version=version)
        .order_by("at", "id")
        .values_list("from_status", "to_status")
    )


def test_each_change_is_a_row(world: World, penyusun: User, pengesah: User) -> None:
    version = sop_create(unit=world.dinas_x, document=make_document(), by=penyusun)
    version_set_status(version=version, status=VersionStatus.DALAM_REVIU, by=penyusun)
    version_set_status(version=version, status=VersionStatus.BERLAKU, by=pengesah, note="Disahkan")
    assert version.status == VersionStatus.BERLAKU
    assert SopVersion.objects.get(pk=version.pk).status == VersionStatus.BERLAKU
    assert _path(version) == [
        ("", "konsep"),
        ("konsep", "dalam_reviu"),
        ("dalam_reviu", "berlaku"),
    ]
    last = VersionTransition.objects.filter(version=version).latest("id")
    assert (last.actor, last.note) == (pengesah, "Disahkan")
    assert AuditEvent.objects.filter(action="sop.version_status").count() == 2


def test_new_version_in_force_supersedes_the_old_one(world: World) -> None:
    first = sop_create(
        unit=world.dinas_x, document=make_document(), by=None, status=VersionStatus.BERLAKU
    )
    second = sop_version_create(sop=first.sop, document=make_document("Revisi"), by=None)
    assert second.number == 2
    version_set_status(version=second, status=VersionStatus.BERLAKU, by=None)
    assert SopVersion.objects.get(pk=first.pk).status == VersionStatus.DIGANTIKAN
    assert _path(first)[-1] == ("berlaku", "digantikan")
    in_force = SopVersion.objects.filter(sop=first.sop, status__in=VersionStatus.IN_FORCE)
    assert list(in_force) == [second]


def test_unknown_or_same_status_is_refused(world: World) -> None:
    version = sop_create(unit=world.dinas_x, document=make_document(), by=None)
    with pytest.raises(ValidationError, match="tidak dikenal"):
        version_set_status(version=version, status="terbit", by=None)
    with pytest.raises(ValidationError, match="sudah berstatus Konsep"):
        version_set_status(version=version, status=VersionStatus.KONSEP, by=None)
    assert VersionTransition.objects.filter(version=version).count() == 1


def test_status_groups() -> None:
    assert {"konsep"} == VersionStatus.EDITABLE
    assert set(VersionStatus.values) == VersionStatus.DRAFTS | VersionStatus.PUBLISHED
    assert not VersionStatus.DRAFTS & VersionStatus.PUBLISHED
    assert VersionStatus.IN_FORCE < VersionStatus.PUBLISHED
    assert VersionStatus.KONSEP in VersionStatus.EDITABLE
    assert str(VersionStatus.MENUNGGU_PENGESAHAN.label) == "Menunggu Pengesahan"
    assert len(VersionStatus.choices) == 7

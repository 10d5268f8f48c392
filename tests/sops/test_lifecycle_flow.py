"""The whole path of a version at the service level: submit, review, approve, publish."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from sopan.sops.choices import VersionStatus as S
from sopan.sops.lifecycle import allowed_actions, approvals_for, version_transition
from sopan.sops.models import SopVersion
from sopan.sops.services import sop_create
from tests.conftest import World
from tests.sopdocs import document


@pytest.fixture
def own_draft(world: World, penyusun: User) -> SopVersion:
    return sop_create(unit=world.dinas_x, document=document("Pelayanan Surat"), by=penyusun)


def test_happy_path(own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User) -> None:
    v = own_draft
    assert allowed_actions(penyusun, v) == ["submit"]
    version_transition(version=v, action="submit", by=penyusun)
    assert v.status == S.DALAM_REVIU
    assert "approve" in allowed_actions(pemeriksa, v)
    version_transition(version=v, action="approve", by=pemeriksa)
    assert v.status == S.MENUNGGU_PENGESAHAN
    version_transition(version=v, action="approve", by=pengesah)
    v.refresh_from_db()
    assert v.nomor.startswith("SOP-001/DX/")
    states = approvals_for(v)
    assert [s.approved for s in states] == [True, True]
    version_transition(version=v, action="publish", by=pengesah, efektif=timezone.localdate())
    assert v.status == S.BERLAKU
    assert v.document_model().disahkan_oleh.nama == "Siti Pengesah"
    assert [s.approved for s in approvals_for(v)] == [True, True]

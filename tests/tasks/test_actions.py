"""The bulk rights of Tugas Saya agree with lifecycle.allowed_actions, version by version."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from sopan.sops.lifecycle import allowed_actions
from sopan.sops.lifecycle_models import ApprovalChain, ApprovalStep
from sopan.sops.models import SopVersion
from sopan.sops.services import sop_create
from sopan.tasks.actions import IN_REVIEW, actions_for
from tests.conftest import World
from tests.sopdocs import document
from tests.sops.lifecycle_util import act, approve_all

pytestmark = pytest.mark.django_db

PERSONAS = (
    "penyusun",
    "pemeriksa",
    "pengesah",
    "pelaksana",
    "auditor",
    "koordinator",
    "admin_unit",
    "outsider_unit",
    "outsider_instansi",
    "superuser",
)
NOT_REVIEW = {"submit", "retire"}


def _versions(world: World, penyusun: User, pemeriksa: User, pengesah: User) -> None:
    """Versions in every review state, on the default and on a configured chain."""
    chain = ApprovalChain.objects.create(
        instansi=world.kabupaten_a, nama="Alur Bidang Y", unit=world.bidang_y
    )
    ApprovalStep.objects.create(
        chain=chain, urutan=1, nama="Pemeriksaan", kind="peran", role="pemeriksa"
    )
    ApprovalStep.objects.create(
        chain=chain,
        urutan=2,
        nama="Verifikasi Organisasi",
        kind="jabatan",
        position=world.positions["kepala_bagian_organisasi"],
    )
    ApprovalStep.objects.create(
        chain=chain, urutan=3, nama="Penetapan Kepala OPD", kind="kepala_unit", kedalaman=1
    )

    def new(unit: object, nama: str) -> SopVersion:
        return sop_create(unit=unit, document=document(nama), by=penyusun)  # type: ignore[arg-type]

    in_review = new(world.dinas_x, "Dalam reviu")
    act(in_review, "submit", penyusun)
    piloted = new(world.dinas_x, "Uji coba")
    act(piloted, "submit", penyusun)
    act(piloted, "start_pilot", pemeriksa, units=[world.bidang_y], mulai=_d(1), selesai=_d(30))
    waiting = new(world.dinas_x, "Menunggu pengesahan")
    act(waiting, "submit", penyusun)
    act(waiting, "approve", pemeriksa)
    approved = new(world.dinas_x, "Disahkan belum terbit")
    approve_all(approved, penyusun, pemeriksa, pengesah)
    chained = new(world.bidang_y, "Bidang Y rantai")
    act(chained, "submit", penyusun)
    act(chained, "approve", pemeriksa)
    new(world.dinas_x, "Masih konsep")


def _d(days: int) -> object:
    import datetime as dt

    from django.utils import timezone

    return timezone.localdate() + dt.timedelta(days=days)


def _compare(request: pytest.FixtureRequest) -> None:
    for name in PERSONAS:
        user = request.getfixturevalue(name)
        expected = {}
        for version in SopVersion.objects.filter(status__in=IN_REVIEW).select_related("sop__unit"):
            actions = [a for a in allowed_actions(user, version) if a not in NOT_REVIEW]
            if actions:
                expected[version.nama] = actions
        got = {item.version.nama: item.actions for item in actions_for(user)}
        assert got == expected, name


def test_same_answer_as_allowed_actions(
    request: pytest.FixtureRequest,
    world: World,
    penyusun: User,
    pemeriksa: User,
    pengesah: User,
    koordinator: User,
) -> None:
    _versions(world, penyusun, pemeriksa, pengesah)
    _compare(request)
    # the Kabag Organisasi (koordinator persona) is named by step 2 of the Bidang Y chain
    got = {item.version.nama: item.actions for item in actions_for(koordinator)}
    assert "approve" in got["Bidang Y rantai"]
    chained = SopVersion.objects.get(nama="Bidang Y rantai")
    act(chained, "approve", koordinator)
    _compare(request)  # step 3: the head of Dinas X (kedalaman 1), the pengesah persona
    got = {item.version.nama: item.actions for item in actions_for(pengesah)}
    assert "approve" in got["Bidang Y rantai"]
    # a change to the document invalidates the approvals: the chain starts again
    act(chained, "return", pemeriksa, note="Perbaiki langkah 2")
    _compare(request)

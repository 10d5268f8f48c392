"""Regulation-change triggers: amended or revoked → a flag on every SOP whose version IN
FORCE cites it, the owners told; once; resolved by a decision or a new version in force."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from sopan.regulations.models import Regulation
from sopan.regulations.services import (
    regulation_create,
    regulation_mark_amended,
    regulation_mark_revoked,
)
from sopan.reviews.models import ReviewFlag, ReviewSchedule
from sopan.reviews.selectors import reviews_flagged
from sopan.reviews.services import review_decide_no_change, review_schedule_sync
from sopan.reviews.triggers import flag_sops_citing
from sopan.sops.lifecycle import revision_start
from sopan.sops.models import SopVersion
from tests.conftest import World
from tests.reviews.conftest import DUE, notified
from tests.sopdocs import make_sop
from tests.sops.lifecycle_util import approve_all, publish

pytestmark = pytest.mark.django_db
KIND = "tinjauan.peraturan_berubah"
UU_25 = "Undang-Undang Nomor 25 Tahun 2009"
AMENDED = f"Tinjau SOP “Pelayanan Legalisir”: {UU_25} diubah"


@pytest.fixture
def uu(db: None) -> Regulation:
    return regulation_create(jenis="Undang-Undang", nomor="25", tahun=2009, by=None)


@pytest.fixture
def pengganti(db: None) -> Regulation:
    return regulation_create(jenis="Undang-Undang", nomor="1", tahun=2024, by=None)


@pytest.fixture
def citing(uu: Regulation, world: World, penyusun: User, koordinator: User) -> SopVersion:
    """In force and citing UU 25/2009 (the test document's dasar hukum); also a draft citing
    it and an SOP in force citing something else."""
    version = make_sop(world.dinas_x, "Pelayanan Legalisir", status="berlaku")
    review_schedule_sync(sop=version.sop)
    make_sop(world.dinas_x, "Konsep Yang Mengutip")
    make_sop(
        world.dinas_x,
        "Berlaku Tanpa UU 25",
        status="berlaku",
        dasar_hukum=["Peraturan Bupati Kabupaten A Nomor 3 Tahun 2020"],
    )
    assert version.citations.get().regulation == uu
    return version


def _amend(uu: Regulation, by_regulation: Regulation, capture: Any) -> None:
    with capture(execute=True):
        regulation_mark_amended(regulation=uu, by_regulation=by_regulation, by=None)


def test_amended_flags_only_versions_in_force_citing_it(
    citing: SopVersion,
    uu: Regulation,
    pengganti: Regulation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    _amend(uu, pengganti, django_capture_on_commit_callbacks)
    flag = ReviewFlag.objects.get()
    assert (flag.sop_id, flag.version_id, flag.regulation, flag.change, flag.replaced_by) == (
        citing.sop_id,
        citing.pk,
        uu,
        "diubah",
        pengganti,
    )
    assert notified(KIND) == [("koordinator", AMENDED), ("penyusun", AMENDED)]
    assert ReviewFlag.objects.get().sop.review_schedule.due == DUE  # the date stays


def test_the_notice_names_what_replaced_it(
    citing: SopVersion,
    uu: Regulation,
    pengganti: Regulation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from sopan.notifications.models import Notification

    _amend(uu, pengganti, django_capture_on_commit_callbacks)
    row = Notification.objects.filter(kind=KIND).first()
    assert row is not None
    assert row.body == (
        f"{UU_25} telah diubah oleh Undang-Undang Nomor 1 Tahun 2024. Versi 1 yang berlaku "
        "mengutipnya sebagai dasar hukum; tinjau apakah SOP perlu direvisi."
    )


def test_nothing_before_the_commit(
    citing: SopVersion,
    uu: Regulation,
    pengganti: Regulation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        regulation_mark_amended(regulation=uu, by_regulation=pengganti, by=None)
        assert not ReviewFlag.objects.exists()
    assert len(callbacks) == 1


def test_revoked_later_flags_again_once(
    citing: SopVersion,
    uu: Regulation,
    pengganti: Regulation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    _amend(uu, pengganti, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        regulation_mark_revoked(regulation=uu, by_regulation=pengganti, by=None)
    assert sorted(ReviewFlag.objects.values_list("change", flat=True)) == ["dicabut", "diubah"]
    assert flag_sops_citing(regulation=uu) == []  # run again: nothing new
    assert len(notified(KIND)) == 4


def test_a_decision_resolves_the_flag(
    citing: SopVersion,
    uu: Regulation,
    pengganti: Regulation,
    penyusun: User,
    outsider_unit: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    _amend(uu, pengganti, django_capture_on_commit_callbacks)
    assert [f.sop_id for f in reviews_flagged(penyusun)] == [citing.sop_id]
    assert list(reviews_flagged(outsider_unit)) == []
    decision = review_decide_no_change(
        sop=citing.sop, by=penyusun, note="Perubahan UU tidak menyentuh alur ini."
    )
    flag = ReviewFlag.objects.get()
    assert flag.resolved_at is not None and flag.resolved_by_decision == decision
    assert list(reviews_flagged(penyusun)) == []


def test_a_new_version_in_force_resolves_the_flag(
    citing: SopVersion,
    uu: Regulation,
    pengganti: Regulation,
    penyusun: User,
    pemeriksa: User,
    pengesah: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    _amend(uu, pengganti, django_capture_on_commit_callbacks)
    v2 = revision_start(sop=citing.sop, by=penyusun, reason="UU 25/2009 diubah.")
    approve_all(v2, penyusun, pemeriksa, pengesah)
    publish(v2, pengesah)
    flag = ReviewFlag.objects.get()
    assert flag.resolved_at is not None and flag.resolved_by_version == v2
    assert ReviewSchedule.objects.get(sop=citing.sop).version == v2

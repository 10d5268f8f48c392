"""Schedules: the default, the instansi's interval, the SOP's own, Tanggal Revisi, the
lifecycle hook and printing the date as Tanggal Revisi."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sopan.audit.models import AuditEvent
from sopan.reviews.models import ReviewSchedule, ReviewSettings
from sopan.reviews.rules import add_months
from sopan.reviews.services import (
    review_schedule_set_interval,
    review_schedule_sync,
    review_schedules_reconcile,
    review_settings_update,
)
from sopan.sops.lifecycle import versions_take_effect
from sopan.sops.lifecycle_models import Publication
from sopan.sops.models import SopVersion
from tests.conftest import World
from tests.reviews.conftest import DUE, schedule_of
from tests.sopdocs import make_sop
from tests.sops.lifecycle_util import approve_all, publish

pytestmark = pytest.mark.django_db


def test_default_is_two_years_after_efektif(in_force: SopVersion) -> None:
    schedule = schedule_of(in_force)
    assert (schedule.version_id, schedule.due, schedule.basis) == (in_force.pk, DUE, "efektif")


def test_instansi_interval_recomputes_every_schedule(
    in_force: SopVersion, world: World, koordinator: User
) -> None:
    review_settings_update(
        instansi=world.kabupaten_a, by=koordinator, interval_bulan=12, cetak_tanggal_revisi=False
    )
    assert schedule_of(in_force).due == dt.date(2026, 6, 2)
    assert AuditEvent.objects.filter(action="review.settings_update").count() == 1


def test_instansi_settings_refused(world: World, penyusun: User, outsider_instansi: User) -> None:
    for user in (penyusun, outsider_instansi):
        with pytest.raises(PermissionDenied):
            review_settings_update(
                instansi=world.kabupaten_a, by=user, interval_bulan=12, cetak_tanggal_revisi=False
            )
    assert not ReviewSettings.objects.exists()


def test_sop_interval_overrides_the_instansi(
    in_force: SopVersion, world: World, koordinator: User
) -> None:
    ReviewSettings.objects.create(instansi=world.kabupaten_a, interval_bulan=12)
    review_schedule_set_interval(sop=in_force.sop, by=koordinator, interval_bulan=6)
    assert schedule_of(in_force).due == dt.date(2025, 12, 2)
    review_schedule_set_interval(sop=in_force.sop, by=koordinator, interval_bulan=None)
    assert schedule_of(in_force).due == dt.date(2026, 6, 2)


def test_sop_interval_refused_and_checked(
    in_force: SopVersion, penyusun: User, koordinator: User
) -> None:
    with pytest.raises(PermissionDenied):
        review_schedule_set_interval(sop=in_force.sop, by=penyusun, interval_bulan=6)
    with pytest.raises(ValidationError) as error:
        review_schedule_set_interval(sop=in_force.sop, by=koordinator, interval_bulan=0)
    assert error.value.messages == ["Jangka tinjauan harus antara 1 dan 120 bulan."]
    assert schedule_of(in_force).interval_bulan is None


def test_tanggal_revisi_after_efektif_is_the_review_date(world: World) -> None:
    tanggal = {"pembuatan": "2025-06-02", "revisi": "2026-01-15", "efektif": "2025-06-02"}
    version = make_sop(world.dinas_x, "Dengan Tanggal Revisi", status="berlaku", tanggal=tanggal)
    schedule = review_schedule_sync(sop=version.sop)
    assert schedule is not None
    assert (schedule.due, schedule.basis) == (dt.date(2026, 1, 15), "tanggal_revisi")


def test_tanggal_revisi_before_efektif_is_not_a_plan(world: World) -> None:
    tanggal = {"pembuatan": "2024-01-02", "revisi": "2025-05-01", "efektif": "2025-06-02"}
    version = make_sop(world.dinas_x, "Direvisi Dulu", status="berlaku", tanggal=tanggal)
    schedule = review_schedule_sync(sop=version.sop)
    assert schedule is not None and (schedule.due, schedule.basis) == (DUE, "efektif")


def test_drafts_have_no_schedule(draft: SopVersion) -> None:
    assert review_schedule_sync(sop=draft.sop) is None
    assert review_schedules_reconcile(today=DUE) == []


def test_reconcile_makes_missing_schedules_once(world: World) -> None:
    version = make_sop(world.dinas_x, "Diimpor Berlaku", status="berlaku")
    [schedule] = review_schedules_reconcile(today=DUE)
    assert schedule.sop_id == version.sop_id and schedule.due == DUE
    assert review_schedules_reconcile(today=DUE) == []


def test_publishing_schedules_at_once(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User
) -> None:
    approve_all(own_draft, penyusun, pemeriksa, pengesah)
    publish(own_draft, pengesah)
    today = timezone.localdate()
    schedule = schedule_of(own_draft)
    assert (schedule.version_id, schedule.due, schedule.basis) == (
        own_draft.pk,
        add_months(today, 24),
        "efektif",
    )


def test_a_later_efektif_schedules_when_it_takes_effect(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User
) -> None:
    later = timezone.localdate() + dt.timedelta(days=10)
    approve_all(own_draft, penyusun, pemeriksa, pengesah)
    publish(own_draft, pengesah, efektif=later)
    assert not ReviewSchedule.objects.exists()
    versions_take_effect(today=later)
    assert schedule_of(own_draft).due == add_months(later, 24)


def test_printed_as_tanggal_revisi_where_the_instansi_wants(
    own_draft: SopVersion, world: World, penyusun: User, pemeriksa: User, pengesah: User
) -> None:
    ReviewSettings.objects.create(
        instansi=world.kabupaten_a, interval_bulan=12, cetak_tanggal_revisi=True
    )
    approve_all(own_draft, penyusun, pemeriksa, pengesah)
    publish(own_draft, pengesah)
    own_draft.refresh_from_db()
    today = timezone.localdate()
    tanggal = own_draft.document_model().tanggal
    assert (tanggal.efektif, tanggal.revisi) == (today, add_months(today, 12))
    schedule = schedule_of(own_draft)
    assert (schedule.due, schedule.basis) == (add_months(today, 12), "tanggal_revisi")
    # The system write happened before final_hash: the published document verifies.
    assert Publication.objects.get(version=own_draft).final_hash == own_draft.document_hash


def test_not_printed_by_default(
    own_draft: SopVersion, penyusun: User, pemeriksa: User, pengesah: User
) -> None:
    approve_all(own_draft, penyusun, pemeriksa, pengesah)
    publish(own_draft, pengesah)
    own_draft.refresh_from_db()
    assert own_draft.document_model().tanggal.revisi is None

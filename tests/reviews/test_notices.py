"""A new version in force tells the people whose positions are its actors: actor names
matched to position names (case/space-insensitive) in the owner unit, below and above it;
not external or system actors, not namesakes in sibling units or other instansi; once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from sopan.reviews.jobs import review_reminders
from sopan.reviews.selectors import actor_position_holders
from sopan.reviews.services import review_schedule_for_new_version
from sopan.sops.models import SopVersion
from sopan.sops.services import sop_create
from tests.conftest import World
from tests.reviews.conftest import notified
from tests.sopdocs import document, make_sop
from tests.sops.lifecycle_util import approve_all, publish

pytestmark = pytest.mark.django_db
KIND = "sop.berlaku"

ACTORS = [
    {"id": "pemohon", "nama": "Kepala Dinas X", "jenis": "eksternal"},  # not a position here
    {"id": "petugas", "nama": "  analis   KEBIJAKAN "},  # Dinas X (above), Z and Q namesakes
    {"id": "admin", "nama": "Pengadministrasi Umum"},  # Bidang Y (the owner unit)
    {"id": "aplikasi", "nama": "Sekretaris Dinas X", "jenis": "sistem"},
]


def _steps() -> list[dict[str, Any]]:
    return [
        {"id": "a", "no": 1, "kegiatan": "Mengajukan", "simbol": "mulai", "pelaksana": ["pemohon"]},
        {"id": "b", "no": 2, "kegiatan": "Memeriksa", "simbol": "proses", "pelaksana": ["petugas"]},
        {"id": "c", "no": 3, "kegiatan": "Mencatat", "simbol": "proses", "pelaksana": ["admin"]},
        {"id": "d", "no": 4, "kegiatan": "Selesai", "simbol": "selesai", "pelaksana": ["aplikasi"]},
    ]


@pytest.fixture
def people(
    penyusun: User,
    pelaksana: User,
    pengesah: User,
    pemeriksa: User,
    outsider_unit: User,
    outsider_instansi: User,
) -> None:
    """Analis Kebijakan: penyusun (Dinas X), outsider_unit (Dinas Z), outsider_instansi
    (Dinas Q); Pengadministrasi Umum: pelaksana (Bidang Y); Kepala and Sekretaris Dinas X."""


def _in_force(world: World) -> SopVersion:
    return make_sop(
        world.bidang_y,
        "Pencatatan Arsip",
        status="berlaku",
        pelaksana=ACTORS,
        langkah=_steps(),
        tanggal={"efektif": timezone.localdate().isoformat()},
    )


def test_the_rule(world: World, people: None) -> None:
    version = _in_force(world)
    holders = actor_position_holders(version, timezone.localdate())
    assert sorted(user.username for user in holders) == ["pelaksana", "penyusun"]


def test_former_holders_are_not_told(world: World, people: None, penyusun: User) -> None:
    version = _in_force(world)
    penyusun.person.assignments.update(selesai=dt.date(2024, 12, 31))
    holders = actor_position_holders(version, timezone.localdate())
    assert [user.username for user in holders] == ["pelaksana"]


def test_notices_once(world: World, people: None) -> None:
    version = _in_force(world)
    review_schedule_for_new_version(version)
    title = "SOP “Pencatatan Arsip” versi 1 berlaku"
    assert notified(KIND) == [("pelaksana", title), ("penyusun", title)]
    review_schedule_for_new_version(version)
    review_reminders(timezone.localdate())
    assert len(notified(KIND)) == 2


def test_the_daily_job_announces_a_version_the_lifecycle_did_not(
    world: World, people: None
) -> None:
    _in_force(world)  # imported in force: no lifecycle call
    review_reminders(timezone.localdate())
    assert len(notified(KIND)) == 2


def test_versions_in_force_long_ago_are_not_announced(world: World, people: None) -> None:
    make_sop(world.bidang_y, "Lama", status="berlaku", pelaksana=ACTORS, langkah=_steps())
    review_reminders(timezone.localdate())  # efektif 2025-06-02: long before
    assert notified(KIND) == []


def test_publishing_tells_the_actors(
    world: World, people: None, penyusun: User, pemeriksa: User, pengesah: User
) -> None:
    draft = sop_create(
        unit=world.bidang_y,
        document=document("Pencatatan Arsip", pelaksana=ACTORS, langkah=_steps()),
        by=penyusun,
    )
    approve_all(draft, penyusun, pemeriksa, pengesah)
    publish(draft, pengesah)
    title = "SOP “Pencatatan Arsip” versi 1 berlaku"
    assert notified(KIND) == [("pelaksana", title), ("penyusun", title)]

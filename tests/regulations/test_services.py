"""Services of the regulation register: create, amend, revoke, update (each audited)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from sopan.audit.models import AuditEvent
from sopan.regulations.choices import RegulationStatus
from sopan.regulations.models import Regulation
from sopan.regulations.services import (
    regulation_create,
    regulation_create_from_line,
    regulation_mark_amended,
    regulation_mark_revoked,
    regulation_update,
)
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _uu(nomor: str = "25", tahun: int = 2009, **kw: object) -> Regulation:
    return regulation_create(jenis="UU", nomor=nomor, tahun=tahun, by=None, **kw)  # type: ignore[arg-type]


def test_create_normalises_the_type_and_sets_the_key() -> None:
    regulation = _uu(tentang="Pelayanan Publik")
    assert regulation.jenis == "Undang-Undang"
    assert regulation.jenis_singkat == "UU"
    assert regulation.key == "undangundang|25|2009"
    assert regulation.status == RegulationStatus.BERLAKU
    event = AuditEvent.objects.get(action="regulation.create")
    assert event.object_id == str(regulation.pk)
    assert event.after is not None and event.after["tahun"] == 2009


def test_create_from_line() -> None:
    regulation = regulation_create_from_line(
        line="Peraturan Badan Pusat Statistik Nomor 7 Tahun 2020 tentang Organisasi", by=None
    )
    assert (regulation.jenis, regulation.jenis_singkat, regulation.nomor, regulation.tahun) == (
        "Peraturan Badan Pusat Statistik",
        "Perban BPS",
        "7",
        2020,
    )
    assert regulation.tentang == "Organisasi"


def test_free_text_line_is_refused() -> None:
    with pytest.raises(ValidationError, match="tidak menyebut peraturan"):
        regulation_create_from_line(line="dst.", by=None)


def test_future_year_is_refused_and_nothing_written() -> None:
    next_year = timezone.localdate().year + 1
    with pytest.raises(ValidationError, match="belum tiba"):
        _uu(tahun=next_year)
    assert not Regulation.objects.exists()
    assert not AuditEvent.objects.exists()


def test_duplicate_in_another_spelling_is_refused() -> None:
    _uu()
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        regulation_create(jenis="Undang-undang", nomor="25", tahun=2009, by=None)


def test_same_regulation_may_be_registered_nationally_and_per_instansi(world: World) -> None:
    _uu()
    local = _uu(instansi=world.kabupaten_a)
    assert local.instansi == world.kabupaten_a
    with pytest.raises(ValidationError):
        _uu(instansi=world.kabupaten_a)


def test_mark_amended_and_revoked() -> None:
    old = _uu("23", 2006)
    amendment = _uu("24", 2013)
    regulation_mark_amended(regulation=old, by_regulation=amendment, by=None, note="UU 24/2013")
    old.refresh_from_db()
    assert old.status == RegulationStatus.DIUBAH
    assert old.diubah_oleh == amendment
    replacement = _uu("1", 2024)
    regulation_mark_revoked(regulation=old, by_regulation=replacement, by=None)
    old.refresh_from_db()
    assert old.status == RegulationStatus.DICABUT
    assert old.dicabut_oleh == replacement
    actions = list(
        AuditEvent.objects.exclude(action="regulation.create")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["regulation.amend", "regulation.revoke"]


def test_self_reference_is_refused() -> None:
    regulation = _uu()
    with pytest.raises(ValidationError, match="dirinya sendiri"):
        regulation_mark_amended(regulation=regulation, by_regulation=regulation, by=None)
    with pytest.raises(ValidationError, match="dirinya sendiri"):
        regulation_mark_revoked(regulation=regulation, by_regulation=regulation, by=None)
    regulation.refresh_from_db()
    assert regulation.status == RegulationStatus.BERLAKU


def test_older_amending_regulation_is_refused() -> None:
    regulation = _uu("25", 2009)
    older = _uu("43", 2008)
    with pytest.raises(ValidationError, match="lebih tua"):
        regulation_mark_amended(regulation=regulation, by_regulation=older, by=None)


def test_revoked_regulation_cannot_change_again() -> None:
    regulation = _uu("25", 2009)
    regulation_mark_revoked(regulation=regulation, by_regulation=_uu("1", 2020), by=None)
    with pytest.raises(ValidationError, match="sudah dicabut"):
        regulation_mark_amended(regulation=regulation, by_regulation=_uu("2", 2021), by=None)


def test_regulation_of_another_instansi_cannot_amend(world: World) -> None:
    national = _uu()
    local = regulation_create(
        jenis="Perda Kabupaten A", nomor="3", tahun=2019, instansi=world.kabupaten_a, by=None
    )
    with pytest.raises(ValidationError, match="instansi lain"):
        regulation_mark_amended(regulation=national, by_regulation=local, by=None)


def test_update_changes_only_descriptive_fields(penyusun: User) -> None:
    regulation = _uu()
    regulation_update(
        regulation=regulation,
        tentang="Pelayanan Publik",
        url="https://jdih.example/uu25",
        by=penyusun,
    )
    regulation.refresh_from_db()
    assert regulation.tentang == "Pelayanan Publik"
    event = AuditEvent.objects.filter(action="regulation.update").get()
    assert event.actor_username == "penyusun"
    assert event.before is not None and event.before["tentang"] == ""

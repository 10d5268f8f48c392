"""Services: permission in the service itself, Indonesian errors, audit events, nothing written
on refusal."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from sopan.audit.models import AuditEvent
from sopan.inventory.models import PrioritySettings, Process
from sopan.inventory.services import (
    ProcessData,
    priority_settings_update,
    process_create,
    process_delete,
    process_update,
)
from tests.conftest import World
from tests.sopdocs import make_sop

pytestmark = pytest.mark.django_db


def data(**changes: object) -> ProcessData:
    values: dict[str, object] = {
        "tugas": "Tugas",
        "kegiatan": "Kegiatan",
        "output": "Renstra",
        "aspek": "penyusunan",
    }
    values.update(changes)
    return ProcessData(**values)  # type: ignore[arg-type]


def test_create_is_audited_and_numbered(penyusun: User, world: World) -> None:
    first = process_create(unit=world.dinas_x, data=data(), by=penyusun)
    second = process_create(unit=world.dinas_x, data=data(output="Renja"), by=penyusun)
    assert (first.urutan, second.urutan) == (1, 2)
    assert first.instansi == world.kabupaten_a
    event = AuditEvent.objects.filter(action="inventory.process_create").first()
    assert event is not None and event.actor_username == "penyusun"
    assert event.after["output"] == "Renstra"


def test_a_unit_outside_the_scope_is_refused_in_the_service(penyusun: User, world: World) -> None:
    with pytest.raises(ValidationError) as error:
        process_create(unit=world.dinas_z, data=data(), by=penyusun)
    assert error.value.messages == ["Anda tidak berwenang mengubah inventaris proses unit Dinas Z."]
    assert not Process.objects.exists()


def test_readers_may_not_write(pemeriksa: User, world: World) -> None:
    with pytest.raises(ValidationError):
        process_create(unit=world.dinas_x, data=data(), by=pemeriksa)


def test_bad_values_are_refused_with_indonesian_messages(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        process_create(
            unit=world.dinas_x,
            data=data(tugas=" ", risiko_kemungkinan=0, risiko_dampak=6, volume_per_bulan=-1),
            by=None,
        )
    assert error.value.message_dict == {
        "tugas": ["Wajib diisi."],
        "risiko_kemungkinan": ["Harus bilangan 1 sampai 5."],
        "risiko_dampak": ["Harus bilangan 1 sampai 5."],
        "volume_per_bulan": ["Tidak boleh negatif."],
    }
    assert not Process.objects.exists()


def test_duplicates_are_refused_whatever_the_case_and_spaces(world: World) -> None:
    process_create(unit=world.dinas_x, data=data(), by=None)
    with pytest.raises(ValidationError) as error:
        process_create(unit=world.dinas_x, data=data(tugas="  tugas ", output="RENSTRA"), by=None)
    assert "sudah ada di unit ini" in error.value.messages[0]
    process_create(unit=world.dinas_z, data=data(), by=None)  # another unit is fine


def test_an_sop_of_another_instansi_is_refused(world: World) -> None:
    other = make_sop(world.dinas_q, "SOP Kabupaten B").sop
    with pytest.raises(ValidationError) as error:
        process_create(unit=world.dinas_x, data=data(sop=other), by=None)
    assert error.value.message_dict == {"sop": ["SOP ini milik instansi lain."]}


def test_moving_needs_the_right_on_both_units(admin_unit: User, world: World) -> None:
    process = process_create(unit=world.dinas_x, data=data(), by=admin_unit)
    process_update(
        process=process, unit=world.bidang_y, data=data(volume_per_bulan=5), by=admin_unit
    )
    process.refresh_from_db()
    assert (process.unit, process.volume_per_bulan) == (world.bidang_y, 5)
    with pytest.raises(ValidationError):
        process_update(process=process, unit=world.dinas_z, data=data(), by=admin_unit)
    assert Process.objects.get().unit == world.bidang_y
    event = AuditEvent.objects.filter(action="inventory.process_update").get()
    assert (event.before["unit"], event.after["unit"]) == (world.dinas_x.pk, world.bidang_y.pk)


def test_delete_is_audited(penyusun: User, world: World) -> None:
    process = process_create(unit=world.dinas_x, data=data(), by=penyusun)
    process_delete(process=process, by=penyusun)
    assert not Process.objects.exists()
    assert AuditEvent.objects.filter(action="inventory.process_delete").exists()


def test_weights_need_a_coordinator_of_the_instansi(
    koordinator: User, admin_unit: User, world: World
) -> None:
    with pytest.raises(ValidationError):
        priority_settings_update(
            instansi=world.kabupaten_a, values={"bobot_risiko": 50}, by=admin_unit
        )
    assert not PrioritySettings.objects.exists()
    saved = priority_settings_update(
        instansi=world.kabupaten_a,
        values={"bobot_risiko": 50, "faktor_tanpa_sop": 2},
        by=koordinator,
    )
    saved.refresh_from_db()
    assert (saved.bobot_risiko, str(saved.faktor_tanpa_sop)) == (50, "2.00")
    assert saved.weights().faktor_tanpa_sop == 2.0
    with pytest.raises(ValidationError):
        priority_settings_update(
            instansi=world.kabupaten_a,
            values={f"bobot_{n}": 0 for n in ("risiko", "publik", "volume", "pengaduan", "temuan")},
            by=koordinator,
        )
    assert PrioritySettings.objects.get().bobot_risiko == 50

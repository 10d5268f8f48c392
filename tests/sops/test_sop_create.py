"""sop_create: the SOP, version 1, its hash, derived columns and rows, transition, audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sopan.audit.models import AuditEvent
from sopan.document import document_hash
from sopan.regulations.services import regulation_create
from sopan.sops.choices import VersionStatus
from sopan.sops.models import Sop, SopVersion, VersionTransition
from sopan.sops.services import sop_create, sop_export
from tests.sops.documents import make_document

pytestmark = pytest.mark.django_db


def test_create_stores_document_hash_and_derived_rows(world, penyusun) -> None:  # type: ignore[no-untyped-def]
    kearsipan = regulation_create(jenis="UU", nomor="43", tahun=2009, by=None)
    document = make_document(nomor="SOP-01/DX/2025", steps=3)
    version = sop_create(unit=world.dinas_x, document=document, by=penyusun)

    version.refresh_from_db()
    assert version.number == 1
    assert version.status == VersionStatus.KONSEP
    assert version.document == document.model_dump(mode="json")
    assert version.document_hash == document_hash(document)
    assert len(version.document_hash) == 64
    assert (version.nama, version.nomor, version.jenis) == (
        "Pengelolaan Surat Masuk",
        "SOP-01/DX/2025",
        "administratif",
    )
    assert version.created_by == penyusun
    assert len(version.token) >= 20
    sop = version.sop
    assert (sop.unit, sop.instansi, sop.kode) == (
        world.dinas_x,
        world.kabupaten_a,
        "sop-01-dx-2025",
    )
    assert list(version.actors.values_list("actor_id", "nama", "jenis", "order")) == [
        ("umum", "Bagian Umum", "internal", 0),
        ("kepala", "Kepala Dinas", "internal", 1),
    ]
    assert list(version.steps.values_list("step_id", "no", "simbol", "order")) == [
        ("1", "1", "mulai", 0),
        ("2", "2", "proses", 1),
        ("3", "3", "selesai", 2),
    ]
    assert list(version.citations.values_list("text", "regulation", "order")) == [
        ("Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan", kearsipan.pk, 0),
        ("dst.", None, 1),
    ]
    transition = VersionTransition.objects.get(version=version)
    assert (transition.from_status, transition.to_status, transition.actor) == (
        "",
        VersionStatus.KONSEP,
        penyusun,
    )
    event = AuditEvent.objects.get(action="sop.create")
    assert event.object_id == str(version.pk)
    assert event.after is not None and event.after["document_hash"] == version.document_hash


def test_document_round_trips_through_export(world) -> None:  # type: ignore[no-untyped-def]
    document = make_document()
    version = sop_create(unit=world.dinas_x, document=document, by=None)
    stored = SopVersion.objects.get(pk=version.pk)
    assert sop_export(stored) == document
    assert stored.document_model() == document


def test_kode_stays_unique_within_instansi(world) -> None:  # type: ignore[no-untyped-def]
    first = sop_create(unit=world.dinas_x, document=make_document(), by=None)
    second = sop_create(unit=world.dinas_z, document=make_document(), by=None)
    other = sop_create(unit=world.dinas_q, document=make_document(), by=None)
    assert first.sop.kode == "pengelolaan-surat-masuk"
    assert second.sop.kode == "pengelolaan-surat-masuk-2"
    assert other.sop.kode == "pengelolaan-surat-masuk"


def test_created_with_a_given_status(world) -> None:  # type: ignore[no-untyped-def]
    version = sop_create(
        unit=world.dinas_x, document=make_document(), by=None, status=VersionStatus.BERLAKU
    )
    assert version.status == VersionStatus.BERLAKU


@pytest.mark.parametrize("persona", ["outsider_unit", "outsider_instansi", "pelaksana", "auditor"])
def test_only_drafters_of_the_unit_may_create(world, persona, request) -> None:  # type: ignore[no-untyped-def]
    user = request.getfixturevalue(persona)
    with pytest.raises(ValidationError, match="tidak berwenang"):
        sop_create(unit=world.dinas_x, document=make_document(), by=user)
    assert not Sop.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="sop.").exists()


def test_koordinator_of_the_instansi_may_create_in_any_unit(world, koordinator) -> None:  # type: ignore[no-untyped-def]
    version = sop_create(unit=world.bidang_y, document=make_document(), by=koordinator)
    assert version.sop.unit == world.bidang_y

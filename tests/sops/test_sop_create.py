"""sop_create: the SOP, version 1, its hash, derived columns and rows, transition, audit."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from sopan.audit.models import AuditEvent
from sopan.document import document_hash, load_path
from sopan.regulations.services import regulation_create
from sopan.sops.choices import VersionStatus
from sopan.sops.models import Sop, SopVersion, VersionTransition
from sopan.sops.services import sop_create, sop_export
from tests.conftest import World
from tests.sops.documents import make_document

pytestmark = pytest.mark.django_db


def test_create_stores_document_hash_and_derived_rows(world: World, penyusun: User) -> None:
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


def test_document_round_trips_through_export(world: World) -> None:
    document = make_document()
    version = sop_create(unit=world.dinas_x, document=document, by=None)
    stored = SopVersion.objects.get(pk=version.pk)
    assert sop_export(stored) == document
    assert stored.document_model() == document


def test_kode_stays_unique_within_instansi(world: World) -> None:
    first = sop_create(unit=world.dinas_x, document=make_document(), by=None)
    second = sop_create(unit=world.dinas_z, document=make_document(), by=None)
    other = sop_create(unit=world.dinas_q, document=make_document(), by=None)
    assert first.sop.kode == "pengelolaan-surat-masuk"
    assert second.sop.kode == "pengelolaan-surat-masuk-2"
    assert other.sop.kode == "pengelolaan-surat-masuk"


def test_created_with_a_given_status(world: World) -> None:
    version = sop_create(
        unit=world.dinas_x, document=make_document(), by=None, status=VersionStatus.BERLAKU
    )
    assert version.status == VersionStatus.BERLAKU


@pytest.mark.parametrize("persona", ["outsider_unit", "outsider_instansi", "pelaksana", "auditor"])
def test_only_drafters_of_the_unit_may_create(
    world: World, persona: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    with pytest.raises(ValidationError, match="tidak berwenang"):
        sop_create(unit=world.dinas_x, document=make_document(), by=user)
    assert not Sop.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="sop.").exists()


def test_koordinator_of_the_instansi_may_create_in_any_unit(
    world: World, koordinator: User
) -> None:
    version = sop_create(unit=world.bidang_y, document=make_document(), by=koordinator)
    assert version.sop.unit == world.bidang_y


REAL_SOPS = Path("/work/shared/data/real-sops")


def test_real_sops_store_and_match_their_legal_basis(world: World) -> None:
    pp_adminduk = regulation_create(jenis="PP", nomor="37", tahun=2007, by=None)
    perpres_bps = regulation_create(jenis="Perpres", nomor="86", tahun=2007, by=None)
    pengaduan = load_path(REAL_SOPS / "bps_bengkulu_layanan_pengaduan.sop.yaml").document
    akta = load_path(REAL_SOPS / "disdukcapil_poso_penerbitan_akta_kelahiran.sop.yaml").document

    bps = sop_create(unit=world.dinas_x, document=pengaduan, by=None)
    poso = sop_create(unit=world.dinas_z, document=akta, by=None)

    assert bps.nomor == "SOP-1-107/17000/2025"
    assert {"internal", "eksternal", "sistem"} == set(bps.actors.values_list("jenis", flat=True))
    unnumbered = [s for s in bps.steps.all() if not s.no]
    assert len(unnumbered) == 1 and unnumbered[0].step_id  # an id, no printed number
    matched = {c.text: c.regulation for c in bps.citations.all()}
    assert matched["Peraturan Presiden Nomor 86 Tahun 2007 tentang Badan Pusat Statistik"] == (
        perpres_bps
    )
    assert list(poso.steps.values_list("step_id", flat=True)) == [str(n) for n in range(1, 10)]
    assert list(poso.citations.values_list("text", "regulation")) == [
        ("PP No. 37 Tahun 2007 tentang Administrasi Kependudukan", pp_adminduk.pk),
        ("dst.", None),
    ]
    assert sop_export(SopVersion.objects.get(pk=bps.pk)) == pengaduan

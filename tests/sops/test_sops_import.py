"""sops_import: all or nothing; a document already imported becomes the next version."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from sopan.audit.models import AuditEvent
from sopan.document import document_hash
from sopan.sops.choices import VersionStatus
from sopan.sops.models import (
    Sop,
    SopVersion,
    VersionActor,
    VersionCitation,
    VersionStep,
    VersionTransition,
)
from sopan.sops.services import sop_create, sops_import
from tests.conftest import World
from tests.sops.documents import make_document

pytestmark = pytest.mark.django_db

MODELS = (Sop, SopVersion, VersionActor, VersionStep, VersionCitation, VersionTransition)


def _counts() -> dict[str, int]:
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts["AuditEvent"] = AuditEvent.objects.count()
    return counts


def test_import_three_documents(world: World, penyusun: User) -> None:
    documents = [make_document(f"SOP {n}", nomor=f"SOP-{n}/DX/2025") for n in (1, 2, 3)]
    versions = sops_import(
        items=[(world.dinas_x, doc, f"sop-{n}.sop.yaml") for n, doc in enumerate(documents, 1)],
        by=penyusun,
    )
    assert [v.nama for v in versions] == ["SOP 1", "SOP 2", "SOP 3"]
    assert [v.number for v in versions] == [1, 1, 1]
    assert Sop.objects.count() == 3
    for version, document in zip(versions, documents, strict=True):
        stored = SopVersion.objects.get(pk=version.pk)
        assert stored.status == VersionStatus.KONSEP
        assert stored.document_hash == document_hash(document)
        assert stored.steps.count() == 3 and stored.actors.count() == 2
    notes = list(AuditEvent.objects.filter(action="sop.import").values_list("note", flat=True))
    assert notes == [f"Impor dari sop-{n}.sop.yaml" for n in (1, 2, 3)]


def test_third_document_refused_writes_nothing(world: World, penyusun: User) -> None:
    before = _counts()
    items = [
        (world.dinas_x, make_document("SOP 1"), "a.sop.yaml"),
        (world.bidang_y, make_document("SOP 2"), "b.sop.yaml"),
        # Dinas Q belongs to Kabupaten B, where the penyusun holds no role.
        (world.dinas_q, make_document("SOP 3"), "c.sop.yaml"),
    ]
    with pytest.raises(ValidationError) as caught:
        sops_import(items=items, by=penyusun)
    message = caught.value.messages[0]
    assert "c.sop.yaml" in message and "dokumen ke-3" in message and "Dinas Q" in message
    assert _counts() == before


def test_document_too_long_for_the_database_writes_nothing(world: World) -> None:
    before = _counts()
    items = [
        (world.dinas_x, make_document("SOP 1"), "a.sop.yaml"),
        (world.dinas_x, make_document("SOP 2"), "b.sop.yaml"),
        (world.dinas_x, make_document("N" * 600), "c.sop.yaml"),
    ]
    with pytest.raises(ValidationError, match=r"c\.sop\.yaml"):
        sops_import(items=items, by=None)
    assert _counts() == before


def test_same_nomor_in_the_same_unit_becomes_a_new_version(world: World) -> None:
    first = sop_create(
        unit=world.dinas_x,
        document=make_document("Surat Masuk", nomor="SOP-1/DX"),
        by=None,
        status=VersionStatus.BERLAKU,
    )
    [again] = sops_import(
        items=[(world.dinas_x, make_document("Surat Masuk (revisi)", nomor="SOP-1/DX"), "x")],
        by=None,
    )
    assert again.sop_id == first.sop_id
    assert again.number == 2
    assert again.status == VersionStatus.KONSEP
    assert Sop.objects.count() == 1


def test_same_name_without_nomor_matches_ignoring_case_and_within_one_import(
    world: World,
) -> None:
    versions = sops_import(
        items=[
            (world.dinas_x, make_document("Surat Masuk"), "a"),
            (world.dinas_x, make_document("SURAT MASUK"), "b"),
            (world.dinas_z, make_document("Surat Masuk"), "c"),  # another unit: another SOP
        ],
        by=None,
    )
    assert [v.number for v in versions] == [1, 2, 1]
    assert versions[0].sop_id == versions[1].sop_id != versions[2].sop_id
    assert Sop.objects.count() == 2

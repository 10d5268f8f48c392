"""Visibility: published for everyone, drafts only for people with a role on the unit."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.paginator import Paginator

from sopan.organisations.models import Unit
from sopan.sops.choices import VersionStatus
from sopan.sops.models import SopVersion
from sopan.sops.selectors import (
    can_view_version,
    sop_list_for,
    sops_visible_to,
    versions_visible_to,
)
from sopan.sops.services import sop_create, sop_set_public, sop_version_create
from tests.conftest import World
from tests.sops.documents import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions(world: World) -> dict[str, SopVersion]:
    """A draft and a published SOP in Dinas X, a draft in Bidang Y (under Dinas X), a draft
    in Dinas Z, a published SOP in Kabupaten B and a published but non-public SOP."""

    def make(unit: Unit, nama: str, status: str = VersionStatus.KONSEP) -> SopVersion:
        return sop_create(unit=unit, document=make_document(nama), by=None, status=status)

    hidden = make(world.dinas_x, "Rahasia", VersionStatus.BERLAKU)
    sop_set_public(sop=hidden.sop, is_public=False, by=None)
    return {
        "draft_x": make(world.dinas_x, "Konsep X"),
        "review_x": make(world.dinas_x, "Reviu X", VersionStatus.DALAM_REVIU),
        "published_x": make(world.dinas_x, "Berlaku X", VersionStatus.BERLAKU),
        "superseded_x": make(world.dinas_x, "Lama X", VersionStatus.DIGANTIKAN),
        "draft_y": make(world.bidang_y, "Konsep Y"),
        "draft_z": make(world.dinas_z, "Konsep Z"),
        "published_q": make(world.dinas_q, "Berlaku Q", VersionStatus.BERLAKU),
        "hidden_x": hidden,
    }


PUBLIC = {"published_x", "superseded_x", "published_q"}
DINAS_X = {"draft_x", "review_x", "draft_y", "hidden_x"}

EXPECTED = {
    "anonymous": PUBLIC,
    "penyusun": PUBLIC | DINAS_X,
    "pemeriksa": PUBLIC | DINAS_X,
    "pengesah": PUBLIC | DINAS_X,
    "admin_unit": PUBLIC | DINAS_X,
    "pelaksana": PUBLIC | {"draft_y"},
    "outsider_unit": PUBLIC | {"draft_z"},
    "outsider_instansi": PUBLIC,
    "auditor": PUBLIC | DINAS_X | {"draft_z"},
    "koordinator": PUBLIC | DINAS_X | {"draft_z"},
    "superuser": PUBLIC | DINAS_X | {"draft_z"},
}


@pytest.mark.parametrize(("persona", "expected"), EXPECTED.items(), ids=list(EXPECTED))
def test_who_sees_which_version(
    persona: str,
    expected: set[str],
    versions: dict[str, SopVersion],
    request: pytest.FixtureRequest,
) -> None:
    user = request.getfixturevalue(persona)
    names = {pk: name for name, pk in ((n, v.pk) for n, v in versions.items())}
    seen = {names[pk] for pk in versions_visible_to(user).values_list("pk", flat=True)}
    assert seen == expected
    for name, version in versions.items():
        fresh = SopVersion.objects.select_related("sop__unit").get(pk=version.pk)
        assert can_view_version(user, fresh) is (name in expected), name
    sop_ids = set(sops_visible_to(user).values_list("pk", flat=True))
    assert sop_ids == {versions[name].sop_id for name in expected}


def test_none_user_is_anonymous(versions: dict[str, SopVersion]) -> None:
    assert set(versions_visible_to(None)) == set(versions_visible_to(AnonymousUser()))


def test_inactive_user_sees_only_published(versions: dict[str, SopVersion], penyusun: User) -> None:
    penyusun.is_active = False
    penyusun.save()
    seen = set(versions_visible_to(penyusun).values_list("nama", flat=True))
    assert seen == {"Berlaku X", "Lama X", "Berlaku Q"}


def test_list_shows_the_latest_visible_version_per_sop(world: World, penyusun: User) -> None:
    published = sop_create(
        unit=world.dinas_x, document=make_document("Surat"), by=None, status=VersionStatus.BERLAKU
    )
    draft = sop_version_create(sop=published.sop, document=make_document("Surat v2"), by=None)
    assert [v.pk for v in sop_list_for(None)] == [published.pk]
    assert [v.pk for v in sop_list_for(penyusun)] == [draft.pk]


def test_list_filters(world: World, penyusun: User) -> None:
    def make(unit: Unit, nama: str, nomor: str, status: str = VersionStatus.KONSEP) -> SopVersion:
        document = make_document(nama, nomor=nomor)
        return sop_create(unit=unit, document=document, by=None, status=status)

    surat = make(world.dinas_x, "Pengelolaan Surat Masuk", "SOP-1/DX")
    arsip = make(world.bidang_y, "Penyimpanan Arsip", "SOP-2/DX", VersionStatus.BERLAKU)
    cuti = make(world.dinas_x, "Permohonan Cuti", "SOP-3/DX", VersionStatus.BERLAKU)
    assert list(sop_list_for(penyusun, q="surat")) == [surat]
    assert list(sop_list_for(penyusun, q="sop-2")) == [arsip]
    assert list(sop_list_for(penyusun, unit=world.bidang_y)) == [arsip]
    # ordered by name; Dinas X includes Bidang Y below it
    assert list(sop_list_for(penyusun, unit=world.dinas_x)) == [surat, arsip, cuti]
    assert list(sop_list_for(penyusun, status=VersionStatus.BERLAKU)) == [arsip, cuti]
    assert list(sop_list_for(None, q="surat")) == []


def test_list_query_count_is_constant(
    world: World, penyusun: User, django_assert_max_num_queries: Any
) -> None:
    units = [world.dinas_x, world.bidang_y, world.dinas_z]
    for n in range(60):
        status = VersionStatus.BERLAKU if n % 3 else VersionStatus.KONSEP
        sop_create(
            unit=units[n % 3], document=make_document(f"SOP {n:02d}"), by=None, status=status
        )
    for user in (penyusun, None):
        # the user's units (memberships), the count, the page: never one per row
        with django_assert_max_num_queries(3):
            page = Paginator(sop_list_for(user), 25).get_page(1)
            labels = [(v.nama, v.sop.unit.nama, v.sop.instansi.nama, v.status) for v in page]
        assert len(labels) == 25
    assert page.paginator.count == 40  # anonymous: the published ones

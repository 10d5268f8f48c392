"""``sop_list_for`` on many SOPs: the same rows as the plain rule, constant queries, indexes."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sopan.sops.choices import VersionStatus
from sopan.sops.models import SopVersion
from sopan.sops.selectors import sop_list_for, versions_visible_to
from sopan.sops.services import sop_create, sop_set_public, sop_version_create
from tests.conftest import World
from tests.sops.documents import make_document

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "penyusun",
    "pelaksana",
    "outsider_unit",
    "outsider_instansi",
    "koordinator",
    "superuser",
]
# Histories, oldest version first: what a working instansi has.
HISTORIES: list[tuple[str, ...]] = [
    (VersionStatus.BERLAKU,),
    (VersionStatus.KONSEP,),
    (VersionStatus.DALAM_REVIU,),
    (VersionStatus.DIGANTIKAN, VersionStatus.BERLAKU),
    (VersionStatus.BERLAKU, VersionStatus.KONSEP),
    (VersionStatus.DIGANTIKAN, VersionStatus.BERLAKU, VersionStatus.UJI_COBA),
    (VersionStatus.DIGANTIKAN, VersionStatus.DICABUT),
    (VersionStatus.DIGANTIKAN, VersionStatus.DIGANTIKAN, VersionStatus.BERLAKU),
]


def _make_sops(world: World, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    units = [world.dinas_x, world.bidang_y, world.dinas_z, world.setda, world.dinas_q]
    for n in range(count):
        history = HISTORIES[n % len(HISTORIES)]
        unit = units[rng.randrange(len(units))]
        first = sop_create(
            unit=unit, document=make_document(f"SOP {n:03d} v1"), by=None, status=history[0]
        )
        for number, status in enumerate(history[1:], start=2):
            version = sop_version_create(
                sop=first.sop, document=make_document(f"SOP {n:03d} v{number}"), by=None
            )
            SopVersion.objects.filter(pk=version.pk).update(status=status)
        if rng.random() < 0.15:
            sop_set_public(sop=first.sop, is_public=False, by=None)


def _expected(user: Any, **filters: Any) -> list[int]:
    """The latest visible version of each SOP, straight from the visibility rule."""
    latest: dict[int, SopVersion] = {}
    for version in versions_visible_to(user).select_related("sop__unit"):
        known = latest.get(version.sop_id)
        if known is None or version.number > known.number:
            latest[version.sop_id] = version
    rows = list(latest.values())
    if filters.get("status"):
        rows = [v for v in rows if v.status == filters["status"]]
    if filters.get("unit") is not None:
        rows = [v for v in rows if v.sop.unit.path.startswith(filters["unit"].path)]
    return [v.pk for v in sorted(rows, key=lambda v: (v.nama, v.sop_id))]


@pytest.mark.parametrize("persona", PERSONAS)
def test_latest_visible_version_matches_the_rule(
    world: World, persona: str, request: pytest.FixtureRequest
) -> None:
    _make_sops(world, 48)
    user = request.getfixturevalue(persona)
    assert [v.pk for v in sop_list_for(user)] == _expected(user)
    for status in (VersionStatus.BERLAKU, VersionStatus.KONSEP, VersionStatus.DICABUT):
        got = [v.pk for v in sop_list_for(user, status=status)]
        assert got == _expected(user, status=status), status
    got = [v.pk for v in sop_list_for(user, unit=world.dinas_x)]
    assert got == _expected(user, unit=world.dinas_x)


def test_a_member_sees_the_newest_draft_others_the_version_in_force(
    world: World, penyusun: User, outsider_unit: User
) -> None:
    v1 = sop_create(unit=world.dinas_x, document=make_document("Surat"), by=None, status="berlaku")
    v2 = sop_version_create(sop=v1.sop, document=make_document("Surat v2"), by=None)
    assert [v.pk for v in sop_list_for(penyusun)] == [v2.pk]
    assert [v.pk for v in sop_list_for(outsider_unit)] == [v1.pk]
    assert [v.pk for v in sop_list_for(None)] == [v1.pk]
    sop_set_public(sop=v1.sop, is_public=False, by=None)
    assert list(sop_list_for(outsider_unit)) == []
    assert [v.pk for v in sop_list_for(penyusun)] == [v2.pk]


@pytest.mark.parametrize("persona", ["penyusun", "koordinator", "anonymous", "superuser"])
def test_list_page_query_count_does_not_grow_with_200_sops(
    world: World,
    persona: str,
    request: pytest.FixtureRequest,
) -> None:
    user = request.getfixturevalue(persona)
    _make_sops(world, 20)

    def page_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            page = Paginator(sop_list_for(user), 25).get_page(1)
            for v in page:
                _ = (v.nama, v.sop.unit.nama, v.sop.instansi.nama, v.status, v.created_by)
        return len(ctx.captured_queries)

    small = page_queries()
    _make_sops(world, 200, seed=8)
    # the user's units (memberships), the count, the page: never one per row
    assert page_queries() == small <= 3


def test_intranet_page_query_count_with_200_sops(
    world: World, koordinator: User, settings: Any
) -> None:
    settings.SOPAN_PAGE_SIZE = 25
    client = Client()
    client.force_login(koordinator)
    _make_sops(world, 20)
    client.get("/sop/")
    cache.clear()  # measure the page with its findings counted afresh, both times
    with CaptureQueriesContext(connection) as small:
        assert client.get("/sop/").status_code == 200
    _make_sops(world, 200, seed=8)
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        response = client.get("/sop/")
    assert len(large.captured_queries) == len(small.captured_queries)
    assert "Halaman 1 dari 9" in response.content.decode()  # what the koordinator sees of the 220


def test_the_newer_version_probe_reads_only_the_index(world: World, penyusun: User) -> None:
    _make_sops(world, 40)
    sql, params = sop_list_for(penyusun).values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
            assert "COVERING INDEX sopversion_sop_number_st" in plan, plan
        else:
            # On 40 rows PostgreSQL would rightly scan the table; forbid that to see whether
            # the index can serve the probe at all.
            cursor.execute("ANALYZE sops_sopversion")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(str(row[0]) for row in cursor.fetchall())
            assert "sopversion_sop_number_st" in plan, plan

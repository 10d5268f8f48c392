"""Numbers assigned on final approval from the instansi's pattern and yearly sequence."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.contrib.auth.models import User
from django.db import connection

from sopan.sops.lifecycle_models import NumberingSettings, NumberSequence, SopClassification
from sopan.sops.models import SopVersion
from sopan.sops.numbering_service import assign_number, next_sequence, number_preview
from sopan.sops.services import sop_create
from tests.conftest import World
from tests.sopdocs import document
from tests.sops import lifecycle_util
from tests.sops.lifecycle_util import approve_all

pytestmark = pytest.mark.django_db
own_draft = lifecycle_util.own_draft


@pytest.fixture
def tnd(world: World) -> NumberingSettings:
    return NumberingSettings.objects.create(
        instansi=world.kabupaten_a,
        pattern="{klasifikasi}/{urut}/SOP/{unit}/{tahun}",
        klasifikasi="000.2.3",
        padding=3,
    )


def test_preview_of_a_draft_leaves_the_sequence_blank(
    tnd: NumberingSettings, own_draft: SopVersion
) -> None:
    assert number_preview(own_draft, dt.date(2025, 6, 2)) == "000.2.3/   /SOP/DX/2025"


def test_final_approval_assigns_the_next_number(
    world: World,
    tnd: NumberingSettings,
    own_draft: SopVersion,
    penyusun: User,
    pemeriksa: User,
    pengesah: User,
) -> None:
    year = dt.date.today().year
    NumberSequence.objects.create(instansi=world.kabupaten_a, year=year, last=41)
    SopClassification.objects.create(sop=own_draft.sop, klasifikasi="800.1")
    approve_all(own_draft, penyusun, pemeriksa, pengesah)
    own_draft.refresh_from_db()
    assert own_draft.nomor == f"800.1/042/SOP/DX/{year}"
    assert own_draft.document_model().nomor == own_draft.nomor
    other = sop_create(unit=world.bidang_y, document=document("SOP Lain"), by=penyusun)
    approve_all(other, penyusun, pemeriksa, pengesah)
    other.refresh_from_db()
    assert other.nomor == f"000.2.3/043/SOP/DX-BY/{year}"


def test_a_document_with_a_number_keeps_it(
    world: World, penyusun: User, pemeriksa: User, pengesah: User
) -> None:
    version = sop_create(
        unit=world.dinas_x, document=document("Bernomor", nomor="SOP-9/DX/2024"), by=penyusun
    )
    approve_all(version, penyusun, pemeriksa, pengesah)
    version.refresh_from_db()
    assert version.nomor == "SOP-9/DX/2024"
    assert not NumberSequence.objects.exists()


def test_sequence_restarts_each_year(world: World, own_draft: SopVersion) -> None:
    assert assign_number(own_draft, when=dt.date(2025, 12, 31)) == "SOP-001/DX/2025"
    assert assign_number(own_draft, when=dt.date(2025, 12, 31)) == "SOP-002/DX/2025"
    assert assign_number(own_draft, when=dt.date(2026, 1, 2)) == "SOP-001/DX/2026"
    assert NumberSequence.objects.get(instansi=world.kabupaten_a, year=2025).last == 2


def test_instansi_have_their_own_sequences(world: World) -> None:
    assert next_sequence(world.kabupaten_a.pk, 2025) == 1
    assert next_sequence(world.kabupaten_b.pk, 2025) == 1
    assert next_sequence(world.kabupaten_a.pk, 2025) == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    # The SQLite test database is in memory with a shared cache, whose table locks fail at
    # once instead of waiting; a real SQLite file serialises writers (IMMEDIATE transactions,
    # busy_timeout). The same test runs on PostgreSQL in .ci/run.
    reason="row locks between threads are tested on PostgreSQL",
)
def test_concurrent_approvals_never_share_a_number(world: World) -> None:
    NumberSequence.objects.create(instansi=world.kabupaten_a, year=2025, last=0)
    taken: list[int] = []
    errors: list[BaseException] = []

    def take() -> None:
        try:
            for _ in range(10):
                taken.append(next_sequence(world.kabupaten_a.pk, 2025))
        except BaseException as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(taken) == list(range(1, 41))

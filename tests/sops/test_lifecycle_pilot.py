"""Uji coba: pilot units and period, feedback only from there, the summary per step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from sopan.sops.choices import VersionStatus as S
from sopan.sops.lifecycle import pilot_feedback_add, pilot_summary
from sopan.sops.lifecycle_models import PilotRun
from sopan.sops.models import SopVersion
from tests.conftest import World
from tests.sops import lifecycle_util
from tests.sops.lifecycle_util import act, counts, state

pytestmark = pytest.mark.django_db
own_draft = lifecycle_util.own_draft
MULAI, SELESAI = dt.date(2025, 7, 1), dt.date(2025, 7, 31)


@pytest.fixture
def piloted(world: World, own_draft: SopVersion, penyusun: User, pemeriksa: User) -> SopVersion:
    act(own_draft, "submit", penyusun)
    act(own_draft, "start_pilot", pemeriksa, units=[world.bidang_y], mulai=MULAI, selesai=SELESAI)
    return own_draft


def test_start_and_end_pilot(piloted: SopVersion, pemeriksa: User) -> None:
    assert state(piloted)[0] == S.UJI_COBA
    pilot = PilotRun.objects.get(version=piloted)
    assert [u.nama for u in pilot.units.all()] == ["Bidang Y"]
    assert (pilot.mulai, pilot.selesai, pilot.ended_at) == (MULAI, SELESAI, None)
    act(piloted, "end_pilot", pemeriksa)
    assert state(piloted)[0] == S.DALAM_REVIU
    pilot.refresh_from_db()
    assert pilot.ended_at is not None


def test_feedback_from_pilot_units_only(
    piloted: SopVersion, pelaksana: User, outsider_unit: User, outsider_instansi: User
) -> None:
    pilot_feedback_add(
        version=piloted,
        by=pelaksana,
        step_id="periksa",
        kind="waktu_tidak_realistis",
        text="Butuh 30 menit.",
    )
    before = counts()
    for user in (outsider_unit, outsider_instansi):
        with pytest.raises(PermissionDenied, match="hanya dari pegawai unit uji coba"):
            pilot_feedback_add(
                version=piloted, by=user, step_id="periksa", kind="lainnya", text="x"
            )
    assert counts() == before


def test_feedback_input_errors(piloted: SopVersion, pelaksana: User) -> None:
    before = counts()
    with pytest.raises(ValidationError, match="Pilih jenis masukan"):
        pilot_feedback_add(version=piloted, by=pelaksana, step_id="periksa", kind="x", text="")
    with pytest.raises(ValidationError, match="Langkah hilang tidak ada"):
        pilot_feedback_add(
            version=piloted, by=pelaksana, step_id="hilang", kind="lainnya", text="x"
        )
    with pytest.raises(ValidationError, match="Jelaskan masukan Anda"):
        pilot_feedback_add(version=piloted, by=pelaksana, step_id="", kind="lainnya", text=" ")
    assert counts() == before


def test_no_feedback_outside_a_pilot(own_draft: SopVersion, pelaksana: User) -> None:
    with pytest.raises(ValidationError, match="tidak sedang diuji coba"):
        pilot_feedback_add(
            version=own_draft, by=pelaksana, step_id="", kind="langkah_hilang", text="x"
        )


def test_summary_per_step(piloted: SopVersion, pelaksana: User) -> None:
    add = pilot_feedback_add
    add(version=piloted, by=pelaksana, step_id="periksa", kind="waktu_tidak_realistis", text="A")
    add(version=piloted, by=pelaksana, step_id="periksa", kind="waktu_tidak_realistis", text="")
    add(version=piloted, by=pelaksana, step_id="serah", kind="sumber_daya_kurang", text="B")
    add(version=piloted, by=pelaksana, step_id="", kind="langkah_hilang", text="Arsip")
    rows = pilot_summary(piloted)
    assert [(r.step_id, r.no, r.total) for r in rows] == [
        ("ajukan", "1", 0),
        ("periksa", "2", 2),
        ("serah", "3", 1),
        ("", "", 1),
    ]
    assert rows[1].counts["waktu_tidak_realistis"] == 2
    assert rows[1].texts == [("waktu_tidak_realistis", "A")]
    assert rows[3].texts == [("langkah_hilang", "Arsip")]


def test_pilot_input_errors(
    world: World, own_draft: SopVersion, penyusun: User, pemeriksa: User
) -> None:
    act(own_draft, "submit", penyusun)
    before = counts()
    with pytest.raises(ValidationError, match="sedikitnya satu unit"):
        act(own_draft, "start_pilot", pemeriksa, units=[], mulai=MULAI, selesai=SELESAI)
    with pytest.raises(ValidationError, match="instansi yang sama"):
        act(
            own_draft, "start_pilot", pemeriksa, units=[world.dinas_q], mulai=MULAI, selesai=SELESAI
        )
    with pytest.raises(ValidationError, match="tidak boleh sebelum tanggal mulai"):
        act(
            own_draft,
            "start_pilot",
            pemeriksa,
            units=[world.bidang_y],
            mulai=SELESAI,
            selesai=MULAI,
        )
    with pytest.raises(PermissionDenied):
        act(
            own_draft, "start_pilot", penyusun, units=[world.bidang_y], mulai=MULAI, selesai=SELESAI
        )
    assert counts() == before

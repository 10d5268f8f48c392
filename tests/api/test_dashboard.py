"""``GET /api/v1/dasbor`` with personas: the whole body for a unit head, the koordinator's
scope, and the refusals in the API's error shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from sopan.teams.models import Team
from tests.conftest import World
from tests.dashboard.conftest import TODAY, Known, build_known

pytestmark = pytest.mark.django_db

STATUS_LABELS = {
    "konsep": "Konsep",
    "dalam_reviu": "Dalam Reviu",
    "uji_coba": "Uji Coba",
    "menunggu_pengesahan": "Menunggu Pengesahan",
    "berlaku": "Berlaku",
    "dicabut": "Dicabut",
}


@pytest.fixture
def known(world: World) -> Known:
    """The known world of tests/dashboard/conftest.py."""
    return build_known(world)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def counts(**found: int) -> dict[str, int]:
    return {status: found.get(status, 0) for status in STATUS_LABELS}


def months(**found: tuple[int, float]) -> list[dict[str, Any]]:
    keys = [f"2024-{m:02d}" for m in range(7, 13)] + [f"2025-{m:02d}" for m in range(1, 7)]
    return [
        {
            "month": key,
            "count": found[key.replace("-", "_")][0] if key.replace("-", "_") in found else 0,
            "average_days": found.get(key.replace("-", "_"), (0, None))[1],
        }
        for key in keys
    ]


def test_unit_head_whole_body(known: Known, world: World, api_as: Callable[..., Any]) -> None:
    answer = api_as("pengesah").get("/dasbor")
    assert answer.status == 200
    dinas_x = {"id": world.dinas_x.pk, "kode": "DX", "nama": "Dinas X"}
    v = known.versions
    late = Team.objects.get(nama="Tim Dinas X")
    assert answer.body == {
        "scope": {
            "instansi": "kab-a",
            "instansi_nama": "Kabupaten A",
            "unit": None,
            "units": [dinas_x],
            "dari": "2024-07",
            "sampai": "2025-06",
            "tanggal": "2025-06-15",
        },
        "statuses": [
            {"status": s, "label": label, "count": counts(konsep=1, berlaku=4)[s]}
            for s, label in STATUS_LABELS.items()
        ],
        "by_unit": [
            {
                "unit": dinas_x,
                "label": "Dinas X (langsung)",
                "counts": counts(konsep=1, berlaku=3),
                "total": 4,
            },
            {
                "unit": {"id": world.bidang_y.pk, "kode": "DX-BY", "nama": "Bidang Y"},
                "label": "Bidang Y",
                "counts": counts(berlaku=1),
                "total": 1,
            },
        ],
        "coverage": [
            {
                "kategori": "layanan_publik",
                "label": "Layanan publik",
                "total": 3,
                "berlaku": 2,
                "disusun": 0,
                "belum": 1,
                "persen": 66.7,
            }
        ],
        "coverage_total": {
            "kategori": "",
            "label": "Seluruhnya",
            "total": 3,
            "berlaku": 2,
            "disusun": 0,
            "belum": 1,
            "persen": 66.7,
        },
        "priorities": [
            {
                "rank": 1,
                "process_id": known.processes["ktp"].pk,
                "judul": "SOP Pelaksanaan KTP-el",
                "unit": "Dinas X",
                "kategori": "layanan_publik",
                "kategori_label": "Layanan publik",
                "skor": 150.0,
                "state": "belum",
                "state_label": "Belum ada SOP",
            }
        ],
        "approval": {
            "count": 2,
            "average_days": 7.5,
            "by_month": months(**{"2025_01": (1, 10.0), "2025_03": (1, 5.0)}),
        },
        "reviews_overdue": {
            "count": 1,
            "items": [
                {
                    "sop_id": v["legalisir"].sop_id,
                    "version_id": v["legalisir"].pk,
                    "nama": "Pelayanan Legalisir",
                    "unit": "Dinas X",
                    "due": "2025-06-01",
                    "days": -14,
                }
            ],
        },
        "reviews_upcoming": {
            "count": 1,
            "items": [
                {
                    "sop_id": v["surat"].sop_id,
                    "version_id": v["surat"].pk,
                    "nama": "Surat Masuk",
                    "unit": "Dinas X",
                    "due": "2025-07-01",
                    "days": 16,
                }
            ],
        },
        "regulation_flags": {
            "count": 1,
            "items": [
                {
                    "sop_id": v["legalisir"].sop_id,
                    "version_id": v["legalisir"].pk,
                    "nama": "Pelayanan Legalisir",
                    "unit": "Dinas X",
                    "regulation": "Undang-Undang Nomor 25 Tahun 2009",
                    "change": "diubah",
                    "change_label": "Diubah",
                    "replaced_by": "Undang-Undang Nomor 1 Tahun 2025",
                    "flagged_on": "2025-06-02",
                }
            ],
        },
        "late_drafts": {
            "count": 2,
            "items": [
                {
                    "team_id": late.pk,
                    "team": "Tim Dinas X",
                    "unit": "Dinas X",
                    "tenggat": "2025-06-01",
                    "days_late": 14,
                    "judul": "Surat Masuk",
                    "stage": "penyusunan",
                    "stage_label": "Penyusunan",
                    "sop_id": v["surat"].sop_id,
                    "process_id": None,
                },
                {
                    "team_id": late.pk,
                    "team": "Tim Dinas X",
                    "unit": "Dinas X",
                    "tenggat": "2025-06-01",
                    "days_late": 14,
                    "judul": "SOP Pelaksanaan KTP-el",
                    "stage": "belum_ada_sop",
                    "stage_label": "Belum ada konsep",
                    "sop_id": None,
                    "process_id": known.processes["ktp"].pk,
                },
            ],
        },
    }


def test_koordinator_sees_the_whole_instansi(
    known: Known, world: World, api_as: Callable[..., Any]
) -> None:
    body = api_as("koordinator").get("/dasbor").body
    assert body["scope"]["units"] == [
        {"id": world.pemkab_a.pk, "kode": "PEMKAB", "nama": "Pemerintah Kabupaten A"}
    ]
    assert [s["count"] for s in body["statuses"]] == [3, 1, 0, 1, 5, 1]
    assert body["approval"]["count"] == 3 and body["approval"]["average_days"] == 12.0
    assert (body["reviews_upcoming"]["count"], body["regulation_flags"]["count"]) == (2, 2)
    narrowed = api_as("koordinator").get("/dasbor?unit=DZ&dari=2025-01&sampai=2025-03").body
    assert narrowed["scope"]["unit"]["kode"] == "DZ"
    assert [m["month"] for m in narrowed["approval"]["by_month"]] == [
        "2025-01",
        "2025-02",
        "2025-03",
    ]
    assert narrowed["approval"]["average_days"] == 21.0


def test_auditor_and_admin(known: Known, api_as: Callable[..., Any]) -> None:
    assert api_as("auditor").get("/dasbor").body["scope"]["units"][0]["kode"] == "PEMKAB"
    assert api_as("admin_unit").get("/dasbor").body["scope"]["units"][0]["kode"] == "DX"


@pytest.mark.parametrize(
    ("who", "path", "status", "code"),
    [
        ("anonymous", "/dasbor", 401, "unauthenticated"),
        ("penyusun", "/dasbor", 403, "forbidden"),
        ("pemeriksa", "/dasbor", 403, "forbidden"),
        ("pelaksana", "/dasbor", 403, "forbidden"),
        ("outsider_instansi", "/dasbor", 403, "forbidden"),
        ("pengesah", "/dasbor?unit=DZ", 404, "not_found"),
        ("pengesah", "/dasbor?instansi=kab-b", 404, "not_found"),
        ("koordinator", "/dasbor?dari=2025-13", 422, "invalid_period"),
        ("koordinator", "/dasbor?dari=2025-06&sampai=2025-01", 422, "invalid_period"),
    ],
)
def test_refusals(
    known: Known, api_as: Callable[..., Any], who: str, path: str, status: int, code: str
) -> None:
    answer = api_as(who).get(path)
    assert (answer.status, answer.body["code"]) == (status, code)
    assert set(answer.body) == {"code", "message", "detail"}


def test_refusal_bodies(known: Known, api_as: Callable[..., Any]) -> None:
    assert api_as("penyusun").get("/dasbor").body == {
        "code": "forbidden",
        "message": "Dasbor hanya untuk koordinator, admin, auditor dan pengesah.",
        "detail": None,
    }
    assert api_as("koordinator").get("/dasbor?dari=2025-13").body == {
        "code": "invalid_period",
        "message": "Tulis bulan sebagai TTTT-BB, mis. 2025-06.",
        "detail": {"dari": ["Tulis bulan sebagai TTTT-BB, mis. 2025-06."]},
    }

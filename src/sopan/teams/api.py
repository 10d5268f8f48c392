"""The drafting-teams API (``/api/v1/teams``), assembled in :mod:`sopan.config.api`.

Reading follows :func:`~sopan.teams.selectors.teams_visible_to` (people with a role on the
team's unit or above, and the members; anyone else 404); creating goes through
:func:`~sopan.teams.services.team_create`, which checks the role (admin or koordinator of the
unit: 403) and the rules (422 with the fields in ``detail``). Progress is derived, as on the
pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from sopan.config.api_errors import COMMON_ERRORS, ApiError
from sopan.inventory.models import Process
from sopan.organisations.api import WRITE_AUTH
from sopan.organisations.models import Person
from sopan.organisations.selectors import user_instansi_ids
from sopan.sops.api_support import caller, unit_for
from sopan.sops.models import Sop
from sopan.teams.models import Team
from sopan.teams.selectors import is_overdue, progress_of, teams_visible_to, with_details
from sopan.teams.services import MemberData, TeamData, team_create

router = Router(tags=["tim penyusun"])

PERAN = Literal["koordinator", "teknis", "administrasi", "hukum", "sdm"]


class UnitRefOut(Schema):
    id: int
    kode: str
    nama: str


class MemberOut(Schema):
    person_id: int
    nama: str
    peran: PERAN
    peran_label: str


class ProgressItemOut(Schema):
    judul: str
    stage: str = Field(
        description="belum_ada_sop, penyusunan, reviu, uji_coba, pengesahan atau selesai."
    )
    stage_label: str
    sop_id: int | None
    process_id: int | None


class ProgressOut(Schema):
    total: int
    done: int = Field(description="SOP yang sudah disahkan dan terbit.")
    percent: int
    items: list[ProgressItemOut]


class TeamOut(Schema):
    id: int
    nama: str
    unit: UnitRefOut
    tenggat: dt.date
    terlambat: bool = Field(description="Tenggat sudah lewat dan belum semua SOP selesai.")
    keterangan: str
    members: list[MemberOut]
    progress: ProgressOut


class TeamFilters(Schema):
    unit: str | None = Field(None, description="Id atau kode unit: tim unit itu dan di bawahnya.")
    terlambat: bool = Field(False, description="Hanya tim yang melewati tenggat.")


class MemberIn(Schema):
    person: int = Field(description="Id pegawai (Person) di instansi yang sama.")
    peran: PERAN = Field(description="Peran dalam tim.")


class TeamCreateIn(Schema):
    nama: str = Field(max_length=200)
    unit: int | str = Field(description="Unit tim: id, atau kode unit di instansi pemanggil.")
    tenggat: dt.date = Field(description="Tenggat (hari ini atau kemudian).")
    keterangan: str = ""
    members: list[MemberIn] = Field(description="Paling sedikit satu anggota.")
    sops: list[int] = Field(default_factory=list, description="Id SOP unit itu atau di bawahnya.")
    processes: list[int] = Field(
        default_factory=list, description="Id proses inventaris unit itu atau di bawahnya."
    )


def teams_out(teams: list[Team], today: dt.date) -> list[dict[str, Any]]:
    progress = progress_of(teams)
    return [_team_out(team, progress[team.pk], today) for team in teams]


def _team_out(team: Team, progress: Any, today: dt.date) -> dict[str, Any]:
    return {
        "id": team.pk,
        "nama": team.nama,
        "unit": {"id": team.unit_id, "kode": team.unit.kode, "nama": team.unit.nama},
        "tenggat": team.tenggat,
        "terlambat": is_overdue(team, progress, today),
        "keterangan": team.keterangan,
        "members": [
            {
                "person_id": m.person_id,
                "nama": m.person.nama,
                "peran": m.peran,
                "peran_label": m.get_peran_display(),
            }
            for m in team.members.all()
        ],
        "progress": {
            "total": progress.total,
            "done": progress.done,
            "percent": progress.percent,
            "items": [
                {
                    "judul": item.title,
                    "stage": item.stage,
                    "stage_label": item.stage_label,
                    "sop_id": item.sop.pk if item.sop else None,
                    "process_id": item.process.pk if item.process else None,
                }
                for item in progress.items
            ],
        },
    }


def _today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()


@router.get(
    "/teams",
    response={200: list[TeamOut], **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Daftar tim penyusun yang boleh dilihat pemanggil",
    description="Tim unit tempat pemanggil berperan (dan unit di bawahnya) serta tim yang "
    "beranggotakan pemanggil, dengan kemajuannya; urut menurut tenggat.",
)
def teams_list(request: HttpRequest, filters: Query[TeamFilters]) -> list[dict[str, Any]]:
    user = caller(request)
    teams = teams_visible_to(user).order_by("tenggat", "nama", "id")
    if filters.unit:
        unit = unit_for(filters.unit, user_instansi_ids(user))
        teams = teams.filter(unit__path__startswith=unit.path)
    today = _today()
    out = teams_out(list(with_details(teams)), today)
    return [t for t in out if t["terlambat"]] if filters.terlambat else out


@router.get(
    "/teams/{team_id}",
    response={200: TeamOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Satu tim penyusun",
)
def teams_detail(request: HttpRequest, team_id: int) -> dict[str, Any]:
    team = with_details(teams_visible_to(caller(request)).filter(pk=team_id)).first()
    if team is None:
        raise Http404
    return teams_out([team], _today())[0]


@router.post(
    "/teams",
    response={201: TeamOut, **COMMON_ERRORS},
    auth=WRITE_AUTH,
    summary="Membentuk tim penyusun",
    description="Hanya admin atau koordinator unit itu (atau di atasnya). SOP dan proses harus "
    "milik unit itu atau unit di bawahnya; anggota pegawai aktif instansi yang sama, masing-"
    "masing sekali; tenggat tidak sebelum hari ini (422 dengan `detail` per isian).",
)
def teams_create(
    request: HttpRequest, payload: TeamCreateIn, response: HttpResponse
) -> Status[dict[str, Any]]:
    user = caller(request)
    unit = unit_for(payload.unit, user_instansi_ids(user))
    data = TeamData(
        nama=payload.nama,
        unit=unit,
        tenggat=payload.tenggat,
        keterangan=payload.keterangan,
        members=[
            MemberData(person=_person(m.person, unit.instansi_id), peran=m.peran)
            for m in payload.members
        ],
        sops=_rows(Sop, payload.sops, unit.instansi_id, "unknown_sop"),
        processes=_rows(Process, payload.processes, unit.instansi_id, "unknown_process"),
    )
    team = team_create(data=data, by=user)
    response["Location"] = f"/api/v1/teams/{team.pk}"
    fresh = with_details(Team.objects.filter(pk=team.pk)).get()
    return Status(201, teams_out([fresh], _today())[0])


def _person(person_id: int, instansi_id: int) -> Person:
    person = Person.objects.filter(pk=person_id, instansi_id=instansi_id).first()
    if person is None:
        message = _("Pegawai {id} tidak ditemukan di instansi unit ini.").format(id=person_id)
        raise ApiError(422, "unknown_person", message)
    return person


def _rows(model: Any, ids: list[int], instansi_id: int, code: str) -> list[Any]:
    found = list(model.objects.filter(pk__in=ids, instansi_id=instansi_id).select_related("unit"))
    missing = sorted(set(ids) - {row.pk for row in found})
    if missing:
        message = _("Tidak ditemukan di instansi unit ini: {ids}.").format(
            ids=", ".join(str(i) for i in missing)
        )
        raise ApiError(422, code, message, {"ids": missing})
    return found

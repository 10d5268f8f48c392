"""Tugas Saya: what is waiting for one person, grouped by kind, newest first, with due dates.

Kinds, in this order: drafts they wrote that are still *konsep*; versions in review or pilot
where they may act; approvals and publications waiting for them; periodic reviews due and SOPs
flagged by a regulation change (from :mod:`sopan.reviews.selectors`); and the deadlines of the
drafting teams they belong to. SOPs to read (acknowledgements) come with a later issue.

The number of queries does not grow with the number of tasks (see
``tests/tasks/test_views.py``): the review and approval rights are computed for all versions
at once by :mod:`sopan.tasks.actions`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sopan.audit.models import AuditEvent
from sopan.organisations.selectors import units_with_role
from sopan.reviews.rules import REMIND_DAYS_BEFORE
from sopan.reviews.selectors import reviews_due, reviews_flagged
from sopan.sops.choices import VersionStatus
from sopan.sops.lifecycle import Action
from sopan.sops.lifecycle_chain import EDIT_ACTIONS
from sopan.sops.lifecycle_models import PilotRun
from sopan.sops.models import SopVersion
from sopan.sops.services import DRAFTING_ROLES
from sopan.tasks.actions import VersionActions, actions_for
from sopan.teams.models import Team
from sopan.teams.selectors import is_overdue, progress_of, teams_of_user, with_details

KINDS = (
    ("konsep", gettext_lazy("Konsep yang perlu diselesaikan")),
    ("reviu", gettext_lazy("Reviu yang perlu diberikan")),
    ("pengesahan", gettext_lazy("Pengesahan yang menunggu Anda")),
    ("tinjauan", gettext_lazy("Tinjauan SOP yang jatuh tempo")),
    ("tim", gettext_lazy("Tenggat tim penyusun")),
)
REVIEW_STATUSES = (VersionStatus.DALAM_REVIU, VersionStatus.UJI_COBA)


@dataclasses.dataclass(frozen=True)
class Task:
    kind: str
    title: str
    url: str
    detail: str
    at: dt.datetime  # when the task arose or last moved (newest first)
    due: dt.date | None = None
    overdue: bool = False


@dataclasses.dataclass(frozen=True)
class TaskGroup:
    kind: str
    label: str
    tasks: list[Task]


def tasks_for(user: User, today: dt.date | None = None) -> list[TaskGroup]:
    """The non-empty groups of tasks of ``user``, in the order of ``KINDS``."""
    if not user.is_authenticated or not user.is_active:
        return []
    today = today or timezone.localdate()
    tasks: list[Task] = []
    drafts = list(_drafts(user))
    acting = actions_for(user)
    sop_ids = {v.sop_id for v in drafts} | {item.version.sop_id for item in acting}
    deadlines = _team_deadlines(sop_ids)
    tasks += [_draft_task(v, deadlines.get(v.sop_id), today) for v in drafts]
    tasks += _acting_tasks(acting, deadlines, today)
    tasks += _review_tasks(user, today)
    tasks += _team_tasks(user, today)
    groups = []
    for kind, label in KINDS:
        mine = sorted((t for t in tasks if t.kind == kind), key=lambda t: t.at, reverse=True)
        if mine:
            groups.append(TaskGroup(kind, str(label), mine))
    return groups


def _drafts(user: User) -> Iterable[SopVersion]:
    """Drafts ``user`` created or saved, in units where they still may draft."""
    wrote = AuditEvent.objects.filter(
        object_type="sops.sopversion",
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        actor_id=user.pk,
        action__in=EDIT_ACTIONS,
    )
    return (
        SopVersion.objects.filter(
            status__in=VersionStatus.EDITABLE,
            sop__unit__in=units_with_role(user, DRAFTING_ROLES),
        )
        .filter(Q(created_by_id=user.pk) | Exists(wrote))
        .select_related("sop__unit")
        .only("id", "sop_id", "number", "nama", "status", "updated_at", "sop__unit__nama")
    )


def _team_deadlines(sop_ids: set[int]) -> dict[int, dt.date]:
    """The deadline of the latest team working on each SOP (directly or via a process)."""
    if not sop_ids:
        return {}
    pairs = list(
        Team.sops.through.objects.filter(sop_id__in=sop_ids).values_list("sop_id", "team__tenggat")
    )
    pairs += Team.processes.through.objects.filter(process__sop_id__in=sop_ids).values_list(
        "process__sop_id", "team__tenggat"
    )
    deadlines: dict[int, dt.date] = {}
    for sop_id, tenggat in pairs:
        if sop_id is not None and (sop_id not in deadlines or tenggat > deadlines[sop_id]):
            deadlines[sop_id] = tenggat
    return deadlines


def _version_url(name: str, version: SopVersion) -> str:
    return reverse(name, args=[version.sop_id, version.number])


def _draft_task(version: SopVersion, due: dt.date | None, today: dt.date) -> Task:
    return Task(
        kind="konsep",
        title=version.nama,
        url=_version_url("sops:editor", version),
        detail=_("{unit} · versi {number}").format(
            unit=version.sop.unit.nama, number=version.number
        ),
        at=version.updated_at,
        due=due,
        overdue=due is not None and due < today,
    )


def _acting_tasks(
    acting: list[VersionActions], deadlines: dict[int, dt.date], today: dt.date
) -> list[Task]:
    pilot_ends = dict(
        PilotRun.objects.filter(
            version_id__in=[i.version.pk for i in acting if i.version.status == "uji_coba"],
            ended_at=None,
        ).values_list("version_id", "selesai")
    )
    tasks = []
    for item in acting:
        version = item.version
        due = pilot_ends.get(version.pk) or deadlines.get(version.sop_id)
        kind = "reviu" if version.status in REVIEW_STATUSES else "pengesahan"
        if Action.APPROVE in item.actions and item.step is not None:
            what = _("Setujui tahap {step}").format(step=item.step.nama)
        elif Action.PUBLISH in item.actions:
            what = _("Siap diterbitkan")
        else:
            what = ", ".join(str(Action(a).label) for a in item.actions)
        tasks.append(
            Task(
                kind=kind,
                title=version.nama,
                url=_version_url("sops:review", version),
                detail=f"{version.sop.unit.nama} · {version.get_status_display()} · {what}",
                at=version.updated_at,
                due=due,
                overdue=due is not None and due < today,
            )
        )
    return tasks


def _review_url(sop_id: int, version: SopVersion) -> str:
    try:
        return reverse("reviews:detail", args=[sop_id])
    except NoReverseMatch:  # the review pages are not installed: the version page
        return _version_url("sops:version", version)


def _review_tasks(user: User, today: dt.date) -> list[Task]:
    tasks = []
    for schedule in reviews_due(user, today):
        arose = schedule.due - dt.timedelta(days=REMIND_DAYS_BEFORE)
        tasks.append(
            Task(
                kind="tinjauan",
                title=schedule.version.nama,
                url=_review_url(schedule.sop_id, schedule.version),
                detail=_("{unit} · tinjauan berkala").format(unit=schedule.sop.unit.nama),
                at=timezone.make_aware(dt.datetime.combine(arose, dt.time())),
                due=schedule.due,
                overdue=schedule.due < today,
            )
        )
    for flag in reviews_flagged(user):
        tasks.append(
            Task(
                kind="tinjauan",
                title=flag.version.nama,
                url=_review_url(flag.sop_id, flag.version),
                detail=_("{unit} · {change}: {regulation}").format(
                    unit=flag.sop.unit.nama,
                    change=flag.get_change_display(),
                    regulation=flag.regulation,
                ),
                at=flag.created_at,
            )
        )
    return tasks


def _team_tasks(user: User, today: dt.date) -> list[Task]:
    teams = list(with_details(teams_of_user(user)))
    progress = progress_of(teams)
    tasks = []
    for team in teams:
        p = progress[team.pk]
        if p.complete:
            continue
        tasks.append(
            Task(
                kind="tim",
                title=team.nama,
                url=reverse("teams:detail", args=[team.pk]),
                detail=_("{unit} · selesai {done} dari {total} SOP").format(
                    unit=team.unit.nama, done=p.done, total=p.total
                ),
                at=team.updated_at,
                due=team.tenggat,
                overdue=is_overdue(team, p, today),
            )
        )
    return tasks

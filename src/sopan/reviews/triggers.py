"""What the periodic review tells people: reminders before and on the review date, flags when
a cited regulation changes, and notices when a new version comes into force.

Everything goes through :func:`sopan.notifications.services.notify` with a dedupe key, so a
job run twice (or a trigger fired twice) notifies once. Texts are written in the site's
language (``LANGUAGE_CODE``, Indonesian by default), as ``notify`` stores them as given.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sopan.audit.services import audit_record
from sopan.notifications.services import notify
from sopan.regulations.choices import RegulationStatus
from sopan.regulations.models import Regulation
from sopan.render.labels import format_date
from sopan.reviews import rules
from sopan.reviews.choices import FlagChange
from sopan.reviews.models import ReviewFlag, ReviewSchedule
from sopan.reviews.selectors import actor_position_holders, sop_owners
from sopan.sops.choices import VersionStatus
from sopan.sops.models import SopVersion

KIND_REMINDER = "tinjauan.jatuh_tempo"
KIND_FLAG = "tinjauan.peraturan_berubah"
KIND_IN_FORCE = "sop.berlaku"


def _lang() -> str:
    return str(settings.LANGUAGE_CODE)


def _date(value: dt.date) -> str:
    return format_date(value, _lang())


def review_url(sop_id: int) -> str:
    return reverse("reviews:detail", args=[sop_id])


# --- reminders ----------------------------------------------------------------------------


def review_reminders_send(*, day: dt.date) -> int:
    """Send the reminders due on ``day`` to the owners; return how many notifications.

    30 days before the date (or as soon as a schedule falls within them) and on the date; a
    date missed while the worker was down is reminded on the next run
    (:func:`sopan.reviews.rules.reminder_stage`). Reviews already decided (revision running)
    are skipped.
    """
    until = day + dt.timedelta(days=rules.REMIND_DAYS_BEFORE)
    schedules = ReviewSchedule.objects.filter(
        version__status__in=VersionStatus.IN_FORCE, dalam_revisi=False, due__lte=until
    ).select_related("sop__unit", "version")
    sent = 0
    for schedule in schedules.order_by("due", "sop_id"):
        stage = rules.reminder_stage(schedule.due, day)
        if stage is not None:
            sent += _remind(schedule, stage, day)
    return sent


def _remind(schedule: ReviewSchedule, stage: rules.Stage, day: dt.date) -> int:
    owners = sop_owners(schedule.sop)
    if not owners:
        return 0
    with translation.override(_lang()):
        nama, due = schedule.version.nama, _date(schedule.due)
        if stage == rules.Stage.SEGERA:
            title = _("Tinjauan SOP “{nama}” jatuh tempo {date}").format(nama=nama, date=due)
        elif schedule.due == day:
            title = _("Tinjauan SOP “{nama}” jatuh tempo hari ini").format(nama=nama)
        else:
            title = _("Tinjauan SOP “{nama}” terlambat sejak {date}").format(nama=nama, date=due)
        body = _(
            "Tinjau apakah SOP ini masih sesuai, lalu catat keputusannya: tidak perlu "
            "perubahan (dengan catatan) atau revisi (konsep versi baru)."
        )
    key = f"{KIND_REMINDER}:{schedule.version_id}:{schedule.due.isoformat()}:{stage.value}"
    created = notify(
        users=owners,
        kind=KIND_REMINDER,
        title=title,
        body=body,
        url=review_url(schedule.sop_id),
        obj=schedule.sop,
        dedupe_key=key,
    )
    return len(created)


# --- regulation changes -------------------------------------------------------------------


def _change_of(regulation: Regulation) -> tuple[str, Regulation | None] | None:
    if regulation.status == RegulationStatus.DICABUT:
        return FlagChange.DICABUT, regulation.dicabut_oleh
    if regulation.status == RegulationStatus.DIUBAH:
        return FlagChange.DIUBAH, regulation.diubah_oleh
    return None


@transaction.atomic
def flag_sops_citing(*, regulation: Regulation) -> list[ReviewFlag]:
    """Flag every SOP whose version in force cites ``regulation`` (amended or revoked), and
    notify its owners. Called by the regulation register after its change is committed;
    idempotent (one flag per version, regulation and change). Returns the new flags.

    "Cites" means a ``dasar_hukum`` line of the version matched to the register row
    (``VersionCitation.regulation``, matched when the version was written).
    """
    regulation = Regulation.objects.select_related("diubah_oleh", "dicabut_oleh").get(
        pk=regulation.pk
    )
    change = _change_of(regulation)
    if change is None:
        return []
    kind, replaced_by = change
    versions = (
        SopVersion.objects.filter(
            status__in=VersionStatus.IN_FORCE, citations__regulation=regulation
        )
        .select_related("sop__unit")
        .distinct()
        .order_by("sop_id")
    )
    flags = []
    for version in versions:
        flag, created = ReviewFlag.objects.get_or_create(
            version=version,
            regulation=regulation,
            change=kind,
            defaults={"sop": version.sop, "replaced_by": replaced_by},
        )
        if created:
            _flag_recorded(flag)
            flags.append(flag)
    return flags


def _flag_recorded(flag: ReviewFlag) -> None:
    audit_record(
        actor=None,
        action="review.flag",
        obj=flag,
        after={
            "version": flag.version_id,
            "regulation": flag.regulation_id,
            "change": flag.change,
            "replaced_by": flag.replaced_by_id,
        },
    )
    with translation.override(_lang()):
        title, body = flag_text(flag)
    notify(
        users=sop_owners(flag.sop),
        kind=KIND_FLAG,
        title=title,
        body=body,
        url=review_url(flag.sop_id),
        obj=flag.sop,
        dedupe_key=f"{KIND_FLAG}:{flag.pk}",
    )


def flag_text(flag: ReviewFlag) -> tuple[str, str]:
    """Title and explanation of a flag (also shown on the review page)."""
    values: dict[str, Any] = {
        "nama": flag.version.nama,
        "number": flag.version.number,
        "regulation": flag.regulation.label,
        "by": flag.replaced_by.label if flag.replaced_by else "",
    }
    if flag.change == FlagChange.DICABUT:
        title = _("Tinjau SOP “{nama}”: {regulation} dicabut").format(**values)
        body = (
            _("{regulation} telah dicabut oleh {by}.")
            if flag.replaced_by
            else _("{regulation} telah dicabut.")
        ).format(**values)
    else:
        title = _("Tinjau SOP “{nama}”: {regulation} diubah").format(**values)
        body = (
            _("{regulation} telah diubah oleh {by}.")
            if flag.replaced_by
            else _("{regulation} telah diubah.")
        ).format(**values)
    body += " " + _(
        "Versi {number} yang berlaku mengutipnya sebagai dasar hukum; tinjau apakah SOP "
        "perlu direvisi."
    ).format(**values)
    return title, body


def regulation_changed(regulation: Regulation) -> None:
    """For the regulation register: flag the SOPs citing ``regulation`` once the change is
    committed (an error there is logged, it does not undo the register's change)."""
    transaction.on_commit(lambda: flag_sops_citing(regulation=regulation), robust=True)


# --- a new version in force -----------------------------------------------------------------


def version_in_force_notify(*, version: SopVersion, today: dt.date) -> list[User]:
    """Tell the holders of the positions acting in ``version`` that it is in force (the rule
    is :func:`sopan.reviews.selectors.actor_position_holders`). Returns who was told."""
    users = actor_position_holders(version, today)
    if not users:
        return []
    with translation.override(_lang()):
        title = _("SOP “{nama}” versi {number} berlaku").format(
            nama=version.nama, number=version.number
        )
        body = _(
            "Jabatan Anda menjadi pelaksana dalam SOP ini. Pelajari versi yang berlaku sebelum "
            "menjalankannya."
        )
    notify(
        users=users,
        kind=KIND_IN_FORCE,
        title=title,
        body=body,
        url=reverse("sops:version", kwargs={"sop_id": version.sop_id, "number": version.number}),
        obj=version,
        dedupe_key=f"{KIND_IN_FORCE}:{version.pk}",
    )
    return users

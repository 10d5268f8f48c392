"""Writes of the periodic review: schedules, decisions, intervals and settings.

Every business operation is one keyword-only function, ``@transaction.atomic``, checking
permission itself and writing an audit event; refusals raise :class:`PermissionDenied` or
:class:`ValidationError` with an Indonesian message before anything is written.

Schedules are derived (see :mod:`sopan.reviews.models`): :func:`review_schedule_sync`
recomputes one from its sources and is called by every operation that changes a source.
Versions come into force in :mod:`sopan.sops.lifecycle`, which calls
:func:`review_schedule_for_new_version`; the daily job :func:`review_schedules_reconcile`
also creates any schedule still missing (versions imported in force, a hook that failed),
so no version in force stays without a next review date for more than a day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from sopan.audit.services import audit_record
from sopan.document.model import TanggalBlock
from sopan.organisations.models import Instansi
from sopan.organisations.selectors import units_with_role
from sopan.reviews import rules
from sopan.reviews.choices import Outcome
from sopan.reviews.models import ReviewDecision, ReviewFlag, ReviewSchedule, ReviewSettings
from sopan.reviews.selectors import SETTING_ROLES, can_decide, can_set_interval
from sopan.sops.choices import VersionStatus
from sopan.sops.lifecycle_models import Publication
from sopan.sops.models import Sop, SopVersion, VersionTransition

AnyUser = User | AnonymousUser


# --- the sources of a schedule ------------------------------------------------------------


def version_in_force(sop: Sop) -> SopVersion | None:
    return sop.versions.filter(status__in=VersionStatus.IN_FORCE).order_by("-number").first()


def efektif_of(version: SopVersion) -> dt.date:
    """The effective date: the document's (publish writes it), else the publication's, else
    the day the version came into force (imported or legacy versions)."""
    efektif = version.document_model().tanggal.efektif
    if efektif is not None:
        return efektif
    publication = Publication.objects.filter(version=version).first()
    if publication is not None and publication.efektif is not None:
        return publication.efektif
    moved = (
        VersionTransition.objects.filter(version=version, to_status=VersionStatus.BERLAKU)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    return timezone.localdate(moved or version.created_at)


def interval_for(sop: Sop, schedule: ReviewSchedule | None = None) -> int:
    settings = ReviewSettings.objects.filter(instansi_id=sop.instansi_id).first()
    override = schedule.interval_bulan if schedule is not None else None
    return rules.interval_months(override, settings.interval_bulan if settings else None)


def _last_no_change(version: SopVersion) -> ReviewDecision | None:
    return (
        ReviewDecision.objects.filter(version=version, outcome=Outcome.TIDAK_BERUBAH)
        .order_by("-decided_at", "-id")
        .first()
    )


@transaction.atomic
def review_schedule_sync(*, sop: Sop) -> ReviewSchedule | None:
    """(Re)compute the schedule of ``sop`` from its version in force; None without one.

    Derived data: not audited (the operations that change a source are). A schedule whose
    SOP no longer has a version in force is left as it was (the selectors skip it).
    """
    version = version_in_force(sop)
    schedule = ReviewSchedule.objects.select_for_update().filter(sop=sop).first()
    if version is None:
        return schedule
    decision = _last_no_change(version)
    due, basis = rules.next_review(
        efektif=efektif_of(version),
        revisi=version.document_model().tanggal.revisi,
        interval=interval_for(sop, schedule),
        decided_on=decision.decided_on if decision else None,
    )
    if schedule is None:
        schedule = ReviewSchedule(sop=sop, version=version, due=due, basis=basis)
    elif schedule.version_id != version.pk:
        schedule.version = version
        schedule.dalam_revisi = False
        schedule.notices_sent_at = None
    schedule.due, schedule.basis = due, basis
    schedule.updated_at = timezone.now()
    schedule.save()
    return schedule


def _schedule_snapshot(schedule: ReviewSchedule | None) -> dict[str, Any]:
    if schedule is None:
        return {}
    return {
        "version": schedule.version_id,
        "due": schedule.due,
        "basis": schedule.basis,
        "interval_bulan": schedule.interval_bulan,
        "dalam_revisi": schedule.dalam_revisi,
    }


# A version that came into force longer ago than this when its schedule is first made (an
# SOP imported in force, the first run after an upgrade) is not announced as new.
NOTICE_WINDOW_DAYS = 31


@transaction.atomic
def review_schedule_for_new_version(
    version: SopVersion, *, today: dt.date | None = None
) -> ReviewSchedule | None:
    """Called when ``version`` comes into force (``sopan.sops.lifecycle``) and by the daily
    reconciliation: its schedule, the flags of earlier versions resolved, and the notices to
    the people whose positions act in it (:func:`sopan.reviews.triggers.version_in_force_notify`,
    once per version; skipped for a version in force for more than ``NOTICE_WINDOW_DAYS``).
    """
    from sopan.reviews.triggers import version_in_force_notify

    today = today or timezone.localdate()
    schedule = review_schedule_sync(sop=version.sop)
    if schedule is None or schedule.version_id != version.pk:
        return schedule  # the version is not (or no longer) the one in force
    ReviewFlag.objects.filter(sop_id=version.sop_id, resolved_at__isnull=True).exclude(
        version=version
    ).update(resolved_at=timezone.now(), resolved_by_version=version)
    if schedule.notices_sent_at is None:
        if efektif_of(version) >= today - dt.timedelta(days=NOTICE_WINDOW_DAYS):
            version_in_force_notify(version=version, today=today)
        schedule.notices_sent_at = timezone.now()
        schedule.save(update_fields=["notices_sent_at"])
        audit_record(
            actor=None,
            action="review.schedule",
            obj=schedule,
            after=_schedule_snapshot(schedule),
            note=_("Versi {number} berlaku.").format(number=version.number),
        )
    return schedule


def review_schedules_reconcile(*, today: dt.date) -> list[ReviewSchedule]:
    """Create or move every schedule that does not follow its SOP's version in force (the
    daily safety net behind the lifecycle's call)."""
    current = ReviewSchedule.objects.filter(
        sop_id=OuterRef("sop_id"), version_id=OuterRef("pk"), notices_sent_at__isnull=False
    )
    stale = (
        SopVersion.objects.filter(status__in=VersionStatus.IN_FORCE)
        .filter(~Exists(current))
        .select_related("sop__unit", "sop__instansi")
        .order_by("sop_id")
    )
    synced = []
    for version in stale:
        schedule = review_schedule_for_new_version(version, today=today)
        if schedule is not None:
            synced.append(schedule)
    return synced


# --- printing the next review date as Tanggal Revisi --------------------------------------


def tanggal_on_publication(*, sop: Sop, tanggal: TanggalBlock, efektif: dt.date) -> TanggalBlock:
    """The dates block written into a document when it is published on ``efektif``.

    Where the instansi prints the next review date as *Tanggal Revisi*, an empty (or not
    later than ``efektif``) Tanggal Revisi becomes efektif + the interval; the schedule then
    reads that same field (rule 2 of :mod:`sopan.reviews.rules`), so the printed date and
    the schedule are one fact.
    """
    update: dict[str, Any] = {"efektif": efektif}
    settings = ReviewSettings.objects.filter(instansi_id=sop.instansi_id).first()
    if settings is not None and settings.cetak_tanggal_revisi:
        schedule = ReviewSchedule.objects.filter(sop=sop).first()
        update["revisi"] = rules.planned_revisi(
            efektif=efektif, revisi=tanggal.revisi, interval=interval_for(sop, schedule)
        )
    return tanggal.model_copy(update=update)


# --- decisions ----------------------------------------------------------------------------


def _signed_in(by: AnyUser | None) -> User:
    if by is None or not by.is_authenticated or not by.is_active or isinstance(by, AnonymousUser):
        raise PermissionDenied(_("Silakan masuk terlebih dahulu."))
    return by


def _check_may_decide(by: AnyUser | None, sop: Sop) -> User:
    user = _signed_in(by)
    if not can_decide(user, sop):
        raise PermissionDenied(_("Anda tidak berwenang meninjau SOP unit ini."))
    return user


def _locked_schedule(sop: Sop) -> tuple[SopVersion, ReviewSchedule]:
    Sop.objects.select_for_update().filter(pk=sop.pk).first()
    schedule = review_schedule_sync(sop=sop)
    version = version_in_force(sop)
    if version is None or schedule is None:
        raise ValidationError(
            _("SOP ini tidak memiliki versi yang berlaku untuk ditinjau."),
            code="no_version_in_force",
        )
    if schedule.dalam_revisi:
        raise ValidationError(
            _("Tinjauan versi ini sudah diputuskan: revisi sedang berjalan."),
            code="in_revision",
        )
    return version, schedule


def _resolve_flags(sop: Sop, decision: ReviewDecision) -> int:
    return ReviewFlag.objects.filter(sop=sop, resolved_at__isnull=True).update(
        resolved_at=decision.decided_at, resolved_by_decision=decision
    )


def _decision_snapshot(decision: ReviewDecision, flags: int) -> dict[str, Any]:
    return {
        "version": decision.version_id,
        "outcome": decision.outcome,
        "decided_on": decision.decided_on,
        "previous_due": decision.previous_due,
        "next_due": decision.next_due,
        "new_version": decision.new_version_id,
        "flags_resolved": flags,
    }


@transaction.atomic
def review_decide_no_change(
    *, sop: Sop, by: AnyUser | None, note: str, today: dt.date | None = None
) -> ReviewDecision:
    """End the review of the version in force with "no change needed"; ``note`` (what was
    checked) is required. The next review moves on to ``today`` + the interval."""
    user = _check_may_decide(by, sop)
    note = (note or "").strip()
    if not note:
        raise ValidationError(
            _("Catatan tinjauan wajib diisi: jelaskan apa yang diperiksa."), code="note_required"
        )
    today = today or timezone.localdate()
    version, schedule = _locked_schedule(sop)
    decision = ReviewDecision.objects.create(
        sop=sop,
        version=version,
        outcome=Outcome.TIDAK_BERUBAH,
        note=note,
        decided_by=user,
        decided_on=today,
        previous_due=schedule.due,
        next_due=rules.add_months(today, interval_for(sop, schedule)),
    )
    review_schedule_sync(sop=sop)
    flags = _resolve_flags(sop, decision)
    audit_record(
        actor=user,
        action="review.decide_no_change",
        obj=decision,
        after=_decision_snapshot(decision, flags),
        note=note,
    )
    return decision


@transaction.atomic
def review_start_revision(*, sop: Sop, by: AnyUser | None, reason: str) -> ReviewDecision:
    """End the review with a new draft version (``revision_start``, with ``reason``); a draft
    that already exists is the revision (it is linked, not duplicated)."""
    from sopan.sops.lifecycle import revision_start

    user = _check_may_decide(by, sop)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Alasan revisi wajib diisi."), code="reason_required")
    version, schedule = _locked_schedule(sop)
    draft = sop.versions.filter(status__in=VersionStatus.DRAFTS).order_by("-number").first()
    if draft is None:
        draft = revision_start(sop=sop, by=user, reason=reason)
    decision = ReviewDecision.objects.create(
        sop=sop,
        version=version,
        outcome=Outcome.REVISI,
        note=reason,
        decided_by=user,
        decided_on=timezone.localdate(),
        previous_due=schedule.due,
        new_version=draft,
    )
    schedule.dalam_revisi = True
    schedule.save(update_fields=["dalam_revisi"])
    flags = _resolve_flags(sop, decision)
    audit_record(
        actor=user,
        action="review.decide_revision",
        obj=decision,
        after=_decision_snapshot(decision, flags),
        note=reason,
    )
    return decision


# --- intervals and settings ---------------------------------------------------------------


def _check_interval(value: int | None) -> None:
    if value is not None and not 1 <= value <= 120:
        raise ValidationError(
            _("Jangka tinjauan harus antara 1 dan 120 bulan."), code="interval_range"
        )


@transaction.atomic
def review_schedule_set_interval(
    *, sop: Sop, by: AnyUser | None, interval_bulan: int | None
) -> ReviewSchedule:
    """Give ``sop`` its own review interval (None: follow the instansi's)."""
    user = _signed_in(by)
    if not can_set_interval(user, sop):
        raise PermissionDenied(
            _("Hanya koordinator atau admin yang dapat mengubah jangka tinjauan.")
        )
    _check_interval(interval_bulan)
    schedule = review_schedule_sync(sop=sop)
    if schedule is None:
        raise ValidationError(
            _("SOP ini tidak memiliki versi yang berlaku untuk ditinjau."),
            code="no_version_in_force",
        )
    before = _schedule_snapshot(schedule)
    schedule.interval_bulan = interval_bulan
    schedule.save(update_fields=["interval_bulan"])
    schedule = review_schedule_sync(sop=sop) or schedule
    audit_record(
        actor=user,
        action="review.set_interval",
        obj=schedule,
        before=before,
        after=_schedule_snapshot(schedule),
    )
    return schedule


def may_change_settings(user: AnyUser | None, instansi: Instansi) -> bool:
    """Koordinator or admin on a top unit of the instansi (or a superuser)."""
    units = units_with_role(user, SETTING_ROLES)
    return units.filter(instansi=instansi, depth=0).exists()


@transaction.atomic
def review_settings_update(
    *, instansi: Instansi, by: AnyUser | None, interval_bulan: int, cetak_tanggal_revisi: bool
) -> ReviewSettings:
    """Change how ``instansi`` schedules reviews; every schedule of it is recomputed."""
    user = _signed_in(by)
    if not may_change_settings(user, instansi):
        raise PermissionDenied(_("Hanya koordinator atau admin instansi yang dapat mengubahnya."))
    _check_interval(interval_bulan)
    settings, _created = ReviewSettings.objects.select_for_update().get_or_create(instansi=instansi)
    before = {"interval_bulan": settings.interval_bulan, "cetak": settings.cetak_tanggal_revisi}
    settings.interval_bulan = interval_bulan
    settings.cetak_tanggal_revisi = cetak_tanggal_revisi
    settings.save()
    for sop in Sop.objects.filter(review_schedule__isnull=False, instansi=instansi):
        review_schedule_sync(sop=sop)
    audit_record(
        actor=user,
        action="review.settings_update",
        obj=settings,
        before=before,
        after={"interval_bulan": interval_bulan, "cetak": cetak_tanggal_revisi},
    )
    return settings

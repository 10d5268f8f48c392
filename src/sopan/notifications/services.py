"""Writing notifications: :func:`notify` (used by every app) and marking them read.

Marking read is a person's own reading state, not a business change: it is not audited
(an audit event per click would drown the log). ``notify`` is not audited either: the
business operation that calls it records its own event.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from sopan.notifications.models import Notification

logger = logging.getLogger(__name__)

EMAIL_SUBJECT_PREFIX = "[sopan] "


@transaction.atomic
def notify(
    *,
    users: Iterable[User],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    obj: models.Model | None = None,
    email: bool = True,
    dedupe_key: str = "",
) -> list[Notification]:
    """Create one in-app notification per active user; email them after the commit.

    ``dedupe_key``: when given, a user who already has a notification with that key gets
    nothing new (so a job run twice notifies once). Returns the rows created. Strings are
    stored as given (render them in the instansi's language before calling). ``url`` is a
    path inside sopan; the email carries it as an absolute link (``SITE_URL``).
    """
    recipients = _distinct_active(users)
    if not recipients:
        return []
    object_type, object_id = _object_ref(obj)
    already: set[int] = set()
    if dedupe_key:
        already = set(
            Notification.objects.filter(
                recipient_id__in=[u.pk for u in recipients], dedupe_key=dedupe_key
            ).values_list("recipient_id", flat=True)
        )
    created: list[Notification] = []
    for user in recipients:
        if user.pk in already:
            continue
        row = Notification(
            recipient=user,
            kind=kind,
            title=title[:255],
            body=body,
            url=url[:500],
            object_type=object_type,
            object_id=object_id,
            dedupe_key=dedupe_key[:200],
        )
        if dedupe_key:
            # A concurrent notify() with the same key may have won: skip that recipient.
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError:
                continue
        else:
            row.save()
        created.append(row)
    if email and created:
        ids = [row.pk for row in created]
        transaction.on_commit(lambda: notifications_send_email(ids=ids))
    return created


def notifications_send_email(*, ids: list[int]) -> int:
    """Email the notifications ``ids`` not yet emailed; return how many were sent.

    Called after commit. A failing mail server is logged and leaves ``email_sent_at`` empty;
    the in-app notification stays.
    """
    sent = 0
    rows = Notification.objects.filter(pk__in=ids, email_sent_at__isnull=True).select_related(
        "recipient"
    )
    for row in rows:
        address = getattr(row.recipient, "email", "")
        if not address:
            continue
        try:
            send_mail(
                subject=EMAIL_SUBJECT_PREFIX + row.title,
                message=_email_text(row),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[address],
            )
        except Exception:  # any backend error: keep going, the row stays
            logger.exception("notification %s: email to %s failed", row.pk, address)
            continue
        Notification.objects.filter(pk=row.pk).update(email_sent_at=timezone.now())
        sent += 1
    return sent


def _email_text(row: Notification) -> str:
    parts = [row.body.strip()] if row.body.strip() else []
    if row.url:
        link = row.url if "://" in row.url else settings.SITE_URL + row.url
        parts.append(link)
    return "\n\n".join(parts) + "\n"


@transaction.atomic
def notification_mark_read(*, user: User | AnonymousUser, notification_id: int) -> bool:
    """Mark one of ``user``'s notifications read; False when it is not theirs or unknown."""
    found = Notification.objects.filter(pk=notification_id, recipient_id=user.pk).exists()
    Notification.objects.filter(
        pk=notification_id, recipient_id=user.pk, read_at__isnull=True
    ).update(read_at=timezone.now())
    return found


@transaction.atomic
def notifications_mark_all_read(*, user: User | AnonymousUser) -> int:
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def _distinct_active(users: Iterable[User]) -> list[User]:
    seen: set[int] = set()
    result = []
    for user in users:
        if user is None or user.pk is None or user.pk in seen:
            continue
        if not getattr(user, "is_active", True):
            continue
        seen.add(user.pk)
        result.append(user)
    return result


def _object_ref(obj: models.Model | None) -> tuple[str, str]:
    if obj is None:
        return "", ""
    return f"{obj._meta.app_label}.{obj._meta.model_name}", str(obj.pk)

"""Reading notifications."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from sopan.notifications.models import Notification


def notifications_for(*, user: User | AnonymousUser) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient_id=user.pk).order_by("-created_at", "-id")


def unread_count(*, user: User | AnonymousUser) -> int:
    """One COUNT query (the header bell)."""
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()

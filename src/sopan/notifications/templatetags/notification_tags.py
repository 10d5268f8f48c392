"""``{% notification_bell %}``: the header link to /notifikasi/ with the unread count.

One COUNT query, and only for a signed-in user (a template tag rather than a context
processor, so pages that do not render the header pay nothing)."""

from __future__ import annotations

from typing import Any

from django import template

from sopan.notifications.selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {"show": True, "unread": unread_count(user=user)}

"""``{% dashboard_link_visible as show %}``: whether the main navigation shows "Dasbor"
(koordinator, admin, auditor and pengesah; one query per request, cached on the request)."""

from __future__ import annotations

from typing import Any

from django import template

from sopan.dashboard.scope import DASHBOARD_ROLES
from sopan.organisations.models import Membership

register = template.Library()

_CACHE = "_sopan_dashboard_link"


@register.simple_tag(takes_context=True)
def dashboard_link_visible(context: dict[str, Any]) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated or not user.is_active:
        return False
    if _CACHE not in request.__dict__:
        request.__dict__[_CACHE] = bool(user.is_superuser) or (
            Membership.objects.filter(user_id=user.pk, role__in=DASHBOARD_ROLES).exists()
        )
    return bool(request.__dict__[_CACHE])


@register.filter
def is_number(value: Any) -> bool:
    """Numbers are right-aligned in the tables (bool is not a number here)."""
    return isinstance(value, int | float) and not isinstance(value, bool)

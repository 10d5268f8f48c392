"""Login throttling: too many failures for one username or one address lock it for a while."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _keys(request: HttpRequest, username: str) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "")
    return [f"login-fail:user:{username.strip().lower()}", f"login-fail:addr:{address}"]


def is_locked(request: HttpRequest, username: str) -> bool:
    limit = settings.SOPAN_LOGIN_MAX_FAILURES
    return any((cache.get(key) or 0) >= limit for key in _keys(request, username))


def record_failure(request: HttpRequest, username: str) -> None:
    for key in _keys(request, username):
        cache.add(key, 0, settings.SOPAN_LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, settings.SOPAN_LOGIN_LOCKOUT_SECONDS)


def clear(request: HttpRequest, username: str) -> None:
    # Only the username's counter: one address may be shared by a whole office (NAT).
    cache.delete(_keys(request, username)[0])

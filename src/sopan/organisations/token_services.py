"""Making, revoking and checking API tokens (the only code that writes :class:`ApiToken`).

A token is ``sopan_`` followed by 43 random URL-safe characters (256 bits). Only its SHA-256
is stored, so a stolen database copy gives no usable token; lookups compare hashes, which
are unique and indexed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sopan.audit.services import audit_record
from sopan.organisations.tokens import ApiToken

TOKEN_PREFIX = "sopan_"
# Writing last_used_at on every request would make every API read a write; once a minute is
# enough to tell a token in use from a forgotten one.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
# Stored data, not a message: the same whatever language the request was in.
DEFAULT_NAME = "token API"

AnyUser = User | AnonymousUser | AbstractBaseUser


@dataclass(frozen=True)
class NewToken:
    """A token just made: the row and the secret, which exists nowhere else."""

    token: ApiToken
    secret: str


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str, by: AnyUser | None) -> NewToken:
    """Make a token for ``user``; ``by`` is the user themself (profile page) or None (CLI)."""
    if by is not None and by.pk != user.pk:
        raise PermissionDenied(_("Token API hanya dapat dibuat oleh pemiliknya sendiri."))
    if not user.is_active:
        raise ValidationError(_("Pengguna {user} tidak aktif.").format(user=user), code="inactive")
    name = (name or "").strip() or DEFAULT_NAME
    if len(name) > 100:
        raise ValidationError(_("Nama token paling panjang 100 karakter."), code="too_long")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, token_hash=token_hash(secret), prefix=secret[:12]
    )
    audit_record(
        actor=by,
        action="api_token.create",
        obj=token,
        after={"user": user.pk, "name": name, "prefix": token.prefix},
    )
    return NewToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: AnyUser | None) -> ApiToken:
    """Revoke ``token`` for good; revoking a revoked token changes nothing."""
    current = ApiToken.objects.select_for_update().get(pk=token.pk)
    if by is not None and by.pk != current.user_id and not getattr(by, "is_superuser", False):
        raise PermissionDenied(_("Anda hanya dapat mencabut token milik Anda sendiri."))
    if current.revoked_at is None:
        current.revoked_at = timezone.now()
        current.save(update_fields=["revoked_at"])
        audit_record(
            actor=by,
            action="api_token.revoke",
            obj=current,
            before={"revoked_at": None},
            after={"revoked_at": current.revoked_at.isoformat()},
        )
    token.revoked_at = current.revoked_at
    return token


def api_token_user(secret: str, *, now: dt.datetime | None = None) -> User | None:
    """The active user whose active token is ``secret``, or None; notes when it was used."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    user: User = token.user
    return user

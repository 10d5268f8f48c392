"""API tokens: a user's secret for ``Authorization: Bearer ...`` (scripts, other systems).

Only the SHA-256 of a token is stored; the secret itself is shown once, when it is made
(:func:`sopan.organisations.token_services.api_token_create`). A revoked token stays as a row
(who, when) but never authenticates again. Imported at the end of ``organisations/models.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("pengguna"),
    )
    name = models.CharField(_("nama token"), max_length=100)
    # hex SHA-256 of the whole secret; the secret is never stored.
    token_hash = models.CharField(_("hash token"), max_length=64, unique=True, editable=False)
    # The first characters of the secret, so its owner can tell tokens apart.
    prefix = models.CharField(_("awalan"), max_length=16, editable=False)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = pgettext_lazy("jamak", "token API")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

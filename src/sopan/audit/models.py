"""The append-only, hash-chained audit log.

Each :class:`AuditEvent` stores the SHA-256 of its own content and of the previous event, so
an edited, deleted or inserted row breaks the chain and :func:`sopan.audit.services.audit_verify`
names it. :class:`AuditHead` (one row) remembers the last event written, so deleting the *last*
rows is detected too. Rows are written only by :func:`sopan.audit.services.audit_record`.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

GENESIS_HASH = "0" * 64


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a row of the audit log."""


class AuditEvent(models.Model):
    seq = models.BigAutoField(_("nomor urut"), primary_key=True)
    created_at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    # Not a foreign key: deleting a user must never rewrite the log.
    actor_id = models.IntegerField(_("id pelaku"), null=True, blank=True, db_index=True)
    actor_username = models.CharField(_("nama pengguna pelaku"), max_length=150, blank=True)
    action = models.CharField(_("tindakan"), max_length=100, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=100, blank=True)
    object_id = models.CharField(_("id objek"), max_length=64, blank=True)
    object_repr = models.CharField(_("objek"), max_length=255, blank=True)
    before = models.JSONField(_("sebelum"), null=True, blank=True)
    after = models.JSONField(_("sesudah"), null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    prev_hash = models.CharField(_("hash sebelumnya"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    class Meta:
        verbose_name = _("peristiwa audit")
        verbose_name_plural = pgettext_lazy("jamak", "peristiwa audit")
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(_("Jejak audit hanya boleh ditambah, tidak boleh diubah."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(_("Jejak audit tidak boleh dihapus."))


class AuditHead(models.Model):
    """One row (id=1): the seq and hash of the last event written; also the write lock."""

    seq = models.BigIntegerField(_("nomor urut terakhir"), default=0)
    hash = models.CharField(_("hash terakhir"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("ujung jejak audit")
        verbose_name_plural = pgettext_lazy("jamak", "ujung jejak audit")

    def __str__(self) -> str:
        return f"#{self.seq}"

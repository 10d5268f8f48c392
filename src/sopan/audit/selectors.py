"""Reads of the audit log."""

from __future__ import annotations

from django.db import models

from sopan.audit.models import AuditEvent


def events_for(obj: models.Model) -> models.QuerySet[AuditEvent]:
    """Events about ``obj``, oldest first."""
    object_type = f"{obj._meta.app_label}.{obj._meta.model_name}"
    return AuditEvent.objects.filter(object_type=object_type, object_id=str(obj.pk)).order_by("seq")

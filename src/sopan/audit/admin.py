"""The audit log in the admin: read-only for everyone, superusers included."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from sopan.audit.models import AuditEvent, AuditHead


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("seq", "created_at", "actor_username", "action", "object_type", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("actor_username", "action", "object_repr", "object_id", "note")
    date_hierarchy = "created_at"
    ordering = ("-seq",)
    show_full_result_count = False  # COUNT(*) over millions of rows on every page is slow

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False


@admin.register(AuditHead)
class AuditHeadAdmin(admin.ModelAdmin):
    list_display = ("seq", "hash")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditHead | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditHead | None = None) -> bool:
        return False

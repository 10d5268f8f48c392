from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sopan.organisations.admin_scoping import ScopedAdminMixin
from sopan.reviews.models import ReviewDecision, ReviewFlag, ReviewSchedule, ReviewSettings
from sopan.reviews.services import review_settings_update


@admin.register(ReviewSettings)
class ReviewSettingsAdmin(admin.ModelAdmin):
    list_display = ["instansi", "interval_bulan", "cetak_tanggal_revisi"]
    list_select_related = ["instansi"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Through the service: permission, audit, and every schedule recomputed.
        review_settings_update(
            instansi=obj.instansi,
            by=request.user,
            interval_bulan=obj.interval_bulan,
            cetak_tanggal_revisi=obj.cetak_tanggal_revisi,
        )


class _ReadOnly(ScopedAdminMixin, admin.ModelAdmin):
    """Derived or recorded rows: written by the services only."""

    unit_field = "sop__unit"

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReviewSchedule)
class ReviewScheduleAdmin(_ReadOnly):
    list_display = ["sop", "version", "due", "basis", "interval_bulan", "dalam_revisi"]
    list_select_related = ["sop", "version"]
    list_filter = ["basis", "dalam_revisi"]


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(_ReadOnly):
    list_display = ["sop", "version", "outcome", "decided_on", "next_due", "decided_by"]
    list_select_related = ["sop", "version", "decided_by"]
    list_filter = ["outcome"]


@admin.register(ReviewFlag)
class ReviewFlagAdmin(_ReadOnly):
    list_display = ["sop", "version", "regulation", "change", "replaced_by", "resolved_at"]
    list_select_related = ["sop", "version", "regulation", "replaced_by"]
    list_filter = ["change"]

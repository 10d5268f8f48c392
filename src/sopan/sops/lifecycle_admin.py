"""Admin of the lifecycle models (imported by :mod:`sopan.sops.admin`).

Approval chains, numbering settings and archive codes are configuration that an admin edits
here without code. Approvals, publications, comments, pilot feedback and job runs are
records: read-only, they change only through :mod:`sopan.sops.lifecycle`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sopan.organisations.admin_scoping import ScopedAdminMixin
from sopan.sops.lifecycle_models import (
    Approval,
    ApprovalChain,
    ApprovalStep,
    Comment,
    JobRun,
    NumberingSettings,
    NumberSequence,
    PilotFeedback,
    PilotRun,
    Publication,
    SopClassification,
)
from sopan.sops.numbering import PRESETS


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ApprovalStepInline(admin.TabularInline):
    model = ApprovalStep
    extra = 1
    fields = ["urutan", "nama", "kind", "role", "position", "kedalaman"]
    autocomplete_fields = ["position"]
    ordering = ["urutan"]


@admin.register(ApprovalChain)
class ApprovalChainAdmin(admin.ModelAdmin):
    """A chain with its ordered steps; the best matching active chain applies to a version."""

    list_display = ["nama", "instansi", "jenis", "unit", "aktif"]
    list_filter = ["instansi", "jenis", "aktif"]
    list_select_related = ["instansi", "unit"]
    autocomplete_fields = ["unit"]
    inlines = [ApprovalStepInline]


@admin.register(Approval)
class ApprovalAdmin(ScopedAdminMixin, _ReadOnlyAdmin):
    unit_field = "version__sop__unit"
    list_display = [
        "version",
        "urutan",
        "step_nama",
        "person_nama",
        "position_nama",
        "at",
        "invalidated_at",
    ]
    list_filter = ["invalidated_at"]
    list_select_related = ["version"]
    readonly_fields = [
        "version",
        "urutan",
        "step_nama",
        "step",
        "user",
        "person",
        "position",
        "person_nama",
        "position_nama",
        "at",
        "document_hash",
        "note",
        "invalidated_at",
        "invalidated_reason",
    ]


@admin.register(Publication)
class PublicationAdmin(ScopedAdminMixin, _ReadOnlyAdmin):
    unit_field = "version__sop__unit"
    list_display = ["version", "approved_at", "efektif", "published_at", "published_by"]
    list_select_related = ["version", "published_by"]
    readonly_fields = [
        "version",
        "approved_at",
        "approved_hash",
        "final_hash",
        "efektif",
        "published_at",
        "published_by",
    ]


@admin.register(Comment)
class CommentAdmin(ScopedAdminMixin, _ReadOnlyAdmin):
    unit_field = "version__sop__unit"
    list_display = ["version", "author", "step_id", "field", "created_at", "resolved_at"]
    list_select_related = ["version", "author"]
    readonly_fields = [
        "version",
        "author",
        "step_id",
        "field",
        "text",
        "parent",
        "created_at",
        "resolved_at",
        "resolved_by",
    ]


@admin.register(PilotRun)
class PilotRunAdmin(ScopedAdminMixin, _ReadOnlyAdmin):
    unit_field = "version__sop__unit"
    list_display = ["version", "mulai", "selesai", "ended_at"]
    list_select_related = ["version"]
    readonly_fields = ["version", "units", "mulai", "selesai", "started_at", "started_by"]


@admin.register(PilotFeedback)
class PilotFeedbackAdmin(ScopedAdminMixin, _ReadOnlyAdmin):
    unit_field = "version__sop__unit"
    list_display = ["version", "step_id", "kind", "author", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["version", "author"]
    readonly_fields = ["version", "pilot", "author", "step_id", "kind", "text", "created_at"]


@admin.register(NumberingSettings)
class NumberingSettingsAdmin(admin.ModelAdmin):
    list_display = ["instansi", "pattern", "klasifikasi", "padding"]
    list_select_related = ["instansi"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        presets = "; ".join(f"{name}: {pattern}" for name, pattern in PRESETS.items())
        field = form.base_fields["pattern"]
        field.help_text = f"{field.help_text} {_('Contoh pola')}: {presets}"
        return form


@admin.register(SopClassification)
class SopClassificationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_field = "sop__unit"
    list_display = ["sop", "klasifikasi"]
    list_select_related = ["sop"]
    autocomplete_fields = ["sop"]


@admin.register(NumberSequence)
class NumberSequenceAdmin(_ReadOnlyAdmin):
    list_display = ["instansi", "year", "last"]
    list_select_related = ["instansi"]


@admin.register(JobRun)
class JobRunAdmin(_ReadOnlyAdmin):
    list_display = ["job", "day", "state", "attempts", "started_at", "finished_at"]
    list_filter = ["job", "state"]
    readonly_fields = ["job", "day", "state", "attempts", "started_at", "finished_at", "result"]

"""Admin of SOPs and versions, scoped to the units a staff member administers.

Documents are read-only here (they change through the editor and the services); a version's
status may be changed, and that goes through :func:`version_set_status` so it leaves a
transition row and an audit event like everywhere else.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from sopan.organisations.admin_scoping import ScopedAdminMixin
from sopan.sops.models import (
    CheckSettings,
    RenderedFile,
    Sop,
    SopVersion,
    VersionActor,
    VersionCitation,
    VersionStep,
    VersionTransition,
)
from sopan.sops.services import sop_set_public, version_set_status


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class VersionActorInline(_ReadOnlyInline):
    model = VersionActor
    fields = readonly_fields = ("order", "actor_id", "nama", "jenis")


class VersionStepInline(_ReadOnlyInline):
    model = VersionStep
    fields = readonly_fields = ("order", "no", "step_id", "kegiatan", "simbol")


class VersionCitationInline(_ReadOnlyInline):
    model = VersionCitation
    fields = readonly_fields = ("order", "text", "regulation")


class VersionTransitionInline(_ReadOnlyInline):
    model = VersionTransition
    fields = readonly_fields = ("at", "from_status", "to_status", "actor", "note")


class SopVersionInline(_ReadOnlyInline):
    model = SopVersion
    fields = readonly_fields = ("number", "nama", "nomor", "status", "updated_at")
    show_change_link = True


@admin.register(Sop)
class SopAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_field = "unit"
    list_display = ["kode", "unit", "instansi", "is_public", "created_at"]
    list_filter = ["is_public", "instansi"]
    search_fields = ["kode", "versions__nama", "versions__nomor"]
    list_select_related = ["unit", "instansi"]
    fields = ["kode", "instansi", "unit", "is_public", "created_at", "created_by"]
    readonly_fields = ["kode", "instansi", "unit", "created_at", "created_by"]
    inlines = [SopVersionInline]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False  # an SOP is created with its first document (editor or import)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Sop, form: Any, change: bool) -> None:
        if "is_public" in form.changed_data:
            sop_set_public(sop=obj, is_public=obj.is_public, by=request.user)


@admin.register(SopVersion)
class SopVersionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_field = "sop__unit"
    list_display = ["nama", "nomor", "number", "status", "unit_name", "updated_at"]
    list_filter = ["status", "jenis"]
    search_fields = ["nama", "nomor", "sop__kode"]
    list_select_related = ["sop__unit"]
    readonly_fields = (
        "sop",
        "number",
        "nama",
        "nomor",
        "jenis",
        "document_hash",
        "lock_version",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "pretty_document",
    )
    fields = [
        "sop",
        "number",
        "status",
        "nama",
        "nomor",
        "jenis",
        "document_hash",
        "lock_version",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "pretty_document",
    ]
    inlines = [
        VersionTransitionInline,
        VersionActorInline,
        VersionStepInline,
        VersionCitationInline,
    ]

    @admin.display(description=_("unit kerja"), ordering="sop__unit__nama")
    def unit_name(self, obj: SopVersion) -> str:
        return obj.sop.unit.nama

    @admin.display(description=_("dokumen"))
    def pretty_document(self, obj: SopVersion) -> SafeString:
        text = json.dumps(obj.document, indent=2, ensure_ascii=False)
        return format_html("<pre style='white-space: pre-wrap'>{}</pre>", text)

    def get_queryset(self, request: HttpRequest) -> QuerySet[SopVersion]:
        return super().get_queryset(request).select_related("sop__unit")

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: SopVersion, form: Any, change: bool) -> None:
        if "status" in form.changed_data:
            stored = SopVersion.objects.get(pk=obj.pk)
            version_set_status(
                version=stored,
                status=form.cleaned_data["status"],
                by=request.user,
                note=str(_("Diubah melalui halaman admin.")),
            )


@admin.register(VersionTransition)
class VersionTransitionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_field = "version__sop__unit"
    list_display = ["version", "from_status", "to_status", "actor", "at"]
    list_filter = ["to_status"]
    list_select_related = ["version", "actor"]
    readonly_fields = ["version", "from_status", "to_status", "actor", "at", "note"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RenderedFile)
class RenderedFileAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Generated files are a cache: seen here, never edited (they are made again on demand)."""

    unit_field = "version__sop__unit"
    list_display = ["version", "format", "options_key", "size", "created_at"]
    list_filter = ["format"]
    list_select_related = ["version"]
    readonly_fields = [
        "version",
        "format",
        "options_key",
        "document_hash",
        "file",
        "size",
        "created_at",
    ]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CheckSettings)
class CheckSettingsAdmin(admin.ModelAdmin):
    """Per-instansi check configuration; the JSON is validated by ``CheckSettings.clean``."""

    list_display = ["instansi", "updated_at"]
    list_select_related = ["instansi"]
    fields = ["instansi", "data", "updated_at"]
    readonly_fields = ["updated_at"]
    formfield_overrides = {
        models.JSONField: {"widget": forms.Textarea(attrs={"rows": 14, "cols": 80})},
    }


# Admin of the lifecycle models (approval chains, numbering, approvals, comments, jobs).
from sopan.sops import lifecycle_admin  # noqa: E402, F401

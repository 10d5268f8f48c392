"""Admin of the regulation register (Indonesian labels come from the models).

New rows go through :func:`regulation_create`, so the matching key, the year check and the
audit event are the same as everywhere else; status changes have their own services and are
read-only here.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from sopan.organisations.admin_scoping import ScopedAdminMixin
from sopan.regulations.models import Regulation
from sopan.regulations.services import (
    regulation_check_new,
    regulation_create,
    regulation_update,
)


class RegulationAdminForm(forms.ModelForm):
    class Meta:
        model = Regulation
        fields = [
            "instansi",
            "jenis",
            "jenis_singkat",
            "nomor",
            "tahun",
            "tentang",
            "url",
            "catatan",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk is None and data.get("jenis") and data.get("tahun"):
            try:
                regulation_check_new(
                    instansi=data.get("instansi"),
                    jenis=data["jenis"],
                    nomor=data.get("nomor", ""),
                    tahun=data["tahun"],
                )
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from error
        return data


@admin.register(Regulation)
class RegulationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    form = RegulationAdminForm
    list_display = ["__str__", "jenis_singkat", "tahun", "status", "instansi"]
    list_filter = ["status", "jenis", "instansi"]
    search_fields = ["jenis", "jenis_singkat", "nomor", "tentang"]
    readonly_fields = ["status", "diubah_oleh", "dicabut_oleh", "key"]
    list_select_related = ["instansi"]

    # Scoped like the rest of the admin: staff holding the admin role on a unit see the
    # national rows (read-only; only superusers change them) and the rows of their instansi.
    def scope_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self._is_superuser(request):
            return queryset
        instansi_ids = self.scoped_units(request).values("instansi_id")
        return queryset.filter(Q(instansi__isnull=True) | Q(instansi_id__in=instansi_ids))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.instansi_id is None and not self._is_superuser(request):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # SOP versions cite these rows; a regulation is revoked, never deleted

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "instansi" and not self._is_superuser(request):
            field.required = True  # only superusers register national regulations
        return field

    def get_readonly_fields(self, request: HttpRequest, obj: Regulation | None = None) -> Any:
        fields = list(self.readonly_fields)
        if obj is not None:  # identity fields are fixed once registered
            fields += ["instansi", "jenis", "jenis_singkat", "nomor", "tahun"]
        return fields

    def save_model(self, request: HttpRequest, obj: Regulation, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if change:
            regulation_update(
                regulation=obj,
                by=request.user,
                tentang=data.get("tentang", obj.tentang),
                url=data.get("url", obj.url),
                catatan=data.get("catatan", obj.catatan),
            )
            return
        saved = regulation_create(
            instansi=data.get("instansi"),
            jenis=data["jenis"],
            jenis_singkat=data.get("jenis_singkat", ""),
            nomor=data.get("nomor", ""),
            tahun=data["tahun"],
            tentang=data.get("tentang", ""),
            url=data.get("url", ""),
            catatan=data.get("catatan", ""),
            by=request.user,
        )
        obj.pk = saved.pk

"""Admin of the inventory, scoped to the units a staff member administers.

Processes are read-only here: they change through the inventory pages and the services (so
every change is audited). The weights are edited on the inventory's own page too.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from sopan.inventory.models import PrioritySettings, Process
from sopan.organisations.admin_scoping import ScopedAdminMixin


@admin.register(Process)
class ProcessAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_field = "unit"
    list_display = ("__str__", "unit", "kategori", "melayani_publik", "sop")
    list_filter = ("kategori", "melayani_publik")
    search_fields = ("judul", "output", "kegiatan", "tugas")
    list_select_related = ("unit", "sop")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(PrioritySettings)
class PrioritySettingsAdmin(admin.ModelAdmin):
    list_display = ("instansi", "bobot_risiko", "bobot_publik", "bobot_volume", "faktor_tanpa_sop")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

from django.contrib import admin

from sopan.teams.models import Team


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    """Read-only here: teams are written through the team pages (service checks and audit)."""

    list_display = ("nama", "unit", "tenggat")
    list_filter = ("instansi",)
    search_fields = ("nama",)

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False

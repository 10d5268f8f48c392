"""Unit-scoped admin: a staff member sees and edits only objects in the subtrees where they
hold a scope role (``admin`` by default); superusers see everything.

Reuse it in any app::

    @admin.register(Sop)
    class SopAdmin(ScopedAdminMixin, admin.ModelAdmin):
        unit_field = "unit"            # path from the model to its Unit

The path may cross relations (``"sop__unit"``, ``"assignments__position__unit"``); rows are
filtered with a ``pk__in`` subquery so a to-many path never duplicates them. Use
``unit_field = ""`` for the Unit model itself.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from sopan.organisations.choices import Role
from sopan.organisations.models import Instansi, Membership, Position, Unit
from sopan.organisations.selectors import units_with_role

_CACHE_ATTR = "_sopan_admin_units"
_STAFF_CACHE_ATTR = "_sopan_admin_scoped_staff"


class ScopedAdminMixin:
    unit_field: str = "unit"
    scope_roles: tuple[str, ...] = (Role.ADMIN,)
    model: type[models.Model]

    # -- scope --------------------------------------------------------------------------
    def scoped_units(self, request: HttpRequest) -> models.QuerySet[Unit]:
        """The units this request's user administers (cached on the request)."""
        cache: dict[tuple[str, ...], models.QuerySet[Unit]] = request.__dict__.setdefault(
            _CACHE_ATTR, {}
        )
        key = tuple(sorted(self.scope_roles))
        if key not in cache:
            cache[key] = units_with_role(request.user, self.scope_roles)
        return cache[key]

    def _is_superuser(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def _is_scoped_staff(self, request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        # Asked many times per page (every permission check): one query per request.
        cache: dict[tuple[str, ...], bool] = request.__dict__.setdefault(_STAFF_CACHE_ATTR, {})
        key = tuple(sorted(self.scope_roles))
        if key not in cache:
            cache[key] = Membership.objects.filter(
                user_id=user.pk, role__in=self.scope_roles
            ).exists()
        return cache[key]

    def scope_queryset(
        self, request: HttpRequest, queryset: models.QuerySet[Any]
    ) -> models.QuerySet[Any]:
        if self._is_superuser(request):
            return queryset
        units = self.scoped_units(request)
        if not self.unit_field:
            return queryset.filter(pk__in=units.values("pk"))
        inner = self.model._default_manager.filter(**{f"{self.unit_field}__in": units})
        return queryset.filter(pk__in=inner.values("pk"))

    def in_scope(self, request: HttpRequest, obj: models.Model) -> bool:
        if self._is_superuser(request):
            return True
        return self.scope_queryset(request, self.model._default_manager.filter(pk=obj.pk)).exists()

    # -- ModelAdmin hooks -----------------------------------------------------------------
    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        return self.scope_queryset(request, super().get_queryset(request))  # type: ignore[misc]

    def _allowed(self, request: HttpRequest, obj: models.Model | None) -> bool:
        if not self._is_scoped_staff(request):
            return False
        return obj is None or self.in_scope(request, obj)

    def has_module_permission(self, request: HttpRequest) -> bool:
        if self._is_superuser(request):
            return super().has_module_permission(request)  # type: ignore[misc]
        return self._is_scoped_staff(request)

    def has_view_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        if self._is_superuser(request):
            return super().has_view_permission(request, obj)  # type: ignore[misc]
        return self._allowed(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        if self._is_superuser(request):
            return super().has_change_permission(request, obj)  # type: ignore[misc]
        return self._allowed(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        if self._is_superuser(request):
            return super().has_add_permission(request, *args)  # type: ignore[misc]
        return self._is_scoped_staff(request)

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        if self._is_superuser(request):
            return super().has_delete_permission(request, obj)  # type: ignore[misc]
        return self._allowed(request, obj)

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        # Choices for a unit or a position are limited to the user's own subtrees.
        if not self._is_superuser(request):
            units = self.scoped_units(request)
            if db_field.related_model is Unit:
                kwargs["queryset"] = units
            elif db_field.related_model is Position:
                kwargs["queryset"] = Position.objects.filter(unit__in=units)
            elif db_field.related_model is Instansi:
                kwargs["queryset"] = Instansi.objects.filter(pk__in=units.values("instansi_id"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

"""The organisation in the Django admin, scoped to the units a staff member administers.

Adding goes through the services (paths, checks and an audit event); changing and deleting
record an audit event with the before/after snapshot.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sopan.audit.serialize import snapshot
from sopan.audit.services import audit_record
from sopan.organisations import services
from sopan.organisations.admin_scoping import ScopedAdminMixin
from sopan.organisations.models import Assignment, Instansi, Membership, Person, Position, Unit
from sopan.organisations.nip import format_nip


class AuditedAdminMixin:
    """Record an audit event for admin changes and deletions of existing rows."""

    audit_name: str = ""
    audit_fields: tuple[str, ...] = ()

    def audited_update(self, request: HttpRequest, obj: models.Model, fields: list[str]) -> None:
        with transaction.atomic():
            original = type(obj)._default_manager.get(pk=obj.pk)
            before = snapshot(original, self.audit_fields)
            obj.save(update_fields=fields or None)
            audit_record(
                actor=request.user,
                action=f"{self.audit_name}.update",
                obj=obj,
                before=before,
                after=snapshot(obj, self.audit_fields),
                note=str(_("lewat admin")),
            )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        with transaction.atomic():
            before = snapshot(obj, self.audit_fields)
            identity = {"object_type": obj._meta.label_lower, "object_id": obj.pk}
            repr_ = str(obj)
            obj.delete()
            audit_record(
                actor=request.user,
                action=f"{self.audit_name}.delete",
                object_repr=repr_,
                before=before,
                note=str(_("lewat admin")),
                **identity,
            )

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


def _changed(form: Any, editable: tuple[str, ...]) -> list[str]:
    return [name for name in form.changed_data if name in editable]


@admin.register(Instansi)
class InstansiAdmin(AuditedAdminMixin, admin.ModelAdmin):
    audit_name = "instansi"
    audit_fields = services.INSTANSI_FIELDS
    list_display = ("nama", "kode", "kota", "created_at")
    search_fields = ("nama", "kode", "kota")
    prepopulated_fields = {"kode": ("nama",)}

    def save_model(self, request: HttpRequest, obj: Instansi, form: Any, change: bool) -> None:
        if change:
            self.audited_update(request, obj, _changed(form, (*self.audit_fields, "logo")))
            return
        created = services.instansi_create(
            kode=obj.kode, nama=obj.nama, alamat=obj.alamat, kota=obj.kota, by=request.user
        )
        if obj.logo:
            created.logo = obj.logo
            created.save(update_fields=["logo"])
        obj.pk = created.pk


@admin.register(Unit)
class UnitAdmin(AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    unit_field = ""
    audit_name = "unit"
    audit_fields = services.UNIT_FIELDS
    list_display = ("indented_nama", "kode", "singkatan", "parent", "instansi")
    list_select_related = ("instansi", "parent")
    list_filter = (("instansi", admin.RelatedOnlyFieldListFilter), "depth")
    search_fields = ("nama", "kode", "singkatan")
    ordering = ("path",)
    readonly_fields = ("path", "depth")

    @admin.display(description=_("nama"), ordering="path")
    def indented_nama(self, obj: Unit) -> str:
        return "\u2003" * obj.depth + obj.nama

    def get_readonly_fields(self, request: HttpRequest, obj: Unit | None = None) -> Any:
        # A unit never changes instansi: its subtree, positions and SOPs belong there.
        return (*self.readonly_fields, "instansi") if obj is not None else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: Unit, form: Any, change: bool) -> None:
        if not change:
            created = services.unit_create(
                instansi=obj.instansi,
                parent=obj.parent,
                kode=obj.kode,
                nama=obj.nama,
                singkatan=obj.singkatan,
                urutan=obj.urutan,
                by=request.user,
            )
            obj.pk, obj.path, obj.depth = created.pk, created.path, created.depth
            return
        with transaction.atomic():
            fields = _changed(form, ("kode", "nama", "singkatan", "urutan"))
            if fields:
                self.audited_update(request, obj, fields)
            if "parent" in form.changed_data:
                moved = services.unit_move(unit=obj, new_parent=obj.parent, by=request.user)
                obj.path, obj.depth = moved.path, moved.depth


@admin.register(Position)
class PositionAdmin(AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    audit_name = "position"
    audit_fields = services.POSITION_FIELDS
    list_display = ("nama", "kode", "unit", "jenis", "kepala_unit")
    list_select_related = ("unit",)
    list_filter = ("jenis", "kepala_unit", ("instansi", admin.RelatedOnlyFieldListFilter))
    search_fields = ("nama", "kode", "unit__nama")

    def save_model(self, request: HttpRequest, obj: Position, form: Any, change: bool) -> None:
        if change:
            self.audited_update(request, obj, [])
            return
        created = services.position_create(
            unit=obj.unit,
            kode=obj.kode,
            nama=obj.nama,
            jenis=obj.jenis,
            kepala_unit=obj.kepala_unit,
            by=request.user,
        )
        obj.pk, obj.instansi_id = created.pk, created.instansi_id


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    fields = ("position", "mulai", "selesai", "keterangan")
    readonly_fields = fields
    can_delete = False
    show_change_link = True
    verbose_name_plural = pgettext_lazy("jamak", "riwayat jabatan")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # new assignments go through the Assignment admin (overlap checks)

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Assignment]:
        return super().get_queryset(request).select_related("position")


@admin.register(Person)
class PersonAdmin(AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    # People are in scope through the positions they hold or held.
    unit_field = "assignments__position__unit"
    audit_name = "person"
    audit_fields = services.PERSON_FIELDS
    list_display = ("nama", "nip_display", "instansi", "user", "active")
    list_select_related = ("instansi", "user")
    list_filter = ("active", ("instansi", admin.RelatedOnlyFieldListFilter))
    search_fields = ("nama", "nip", "email", "user__username")
    raw_id_fields = ("user",)
    inlines = (AssignmentInline,)

    @admin.display(description=_("NIP"), ordering="nip")
    def nip_display(self, obj: Person) -> str:
        return format_nip(obj.nip) if obj.nip else "—"

    def save_model(self, request: HttpRequest, obj: Person, form: Any, change: bool) -> None:
        if change:
            self.audited_update(request, obj, [])
            return
        created = services.person_create(
            instansi=obj.instansi,
            nama=obj.nama,
            nip=obj.nip,
            email=obj.email,
            user=obj.user,
            by=request.user,
        )
        obj.pk = created.pk


@admin.register(Assignment)
class AssignmentAdmin(AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    unit_field = "position__unit"
    audit_name = "assignment"
    audit_fields = services.ASSIGNMENT_FIELDS
    list_display = ("person", "position", "mulai", "selesai")
    list_select_related = ("person", "position")
    list_filter = ("selesai",)
    search_fields = ("person__nama", "person__nip", "position__nama")
    date_hierarchy = "mulai"

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "person" and not request.user.is_superuser:
            kwargs["queryset"] = Person.objects.filter(
                instansi__in=self.scoped_units(request).values("instansi_id")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Assignment, form: Any, change: bool) -> None:
        if change:
            self.audited_update(request, obj, [])
            return
        created = services.person_assign(
            person=obj.person,
            position=obj.position,
            mulai=obj.mulai,
            keterangan=obj.keterangan,
            by=request.user,
        )
        obj.pk = created.pk


@admin.register(Membership)
class MembershipAdmin(AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    audit_name = "membership"
    audit_fields = services.MEMBERSHIP_FIELDS
    list_display = ("user", "role", "unit", "granted_at", "granted_by")
    list_select_related = ("user", "unit", "granted_by")
    list_filter = ("role",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__nama")
    raw_id_fields = ("user",)
    readonly_fields = ("granted_at", "granted_by")

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        if change:
            self.audited_update(request, obj, [])
            return
        created = services.membership_grant(
            user=obj.user, unit=obj.unit, role=obj.role, by=request.user
        )
        obj.pk, obj.granted_by = created.pk, created.granted_by

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.membership_revoke(membership=obj, by=request.user)

"""Writes to the organisation. Each function is one business operation: it validates, writes
in one transaction, and records an audit event; bad input raises ``ValidationError`` with an
Indonesian message and leaves nothing half-written."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from sopan.audit.serialize import snapshot
from sopan.audit.services import audit_record
from sopan.organisations import nip as nip_rules
from sopan.organisations.choices import PositionKind, Role
from sopan.organisations.models import (
    Assignment,
    Instansi,
    Membership,
    Person,
    Position,
    Unit,
)

Actor = User | AnonymousUser | None

INSTANSI_FIELDS = ("kode", "nama", "alamat", "kota")
UNIT_FIELDS = ("instansi", "parent", "kode", "nama", "singkatan", "path", "depth", "urutan")
POSITION_FIELDS = ("unit", "kode", "nama", "jenis", "kepala_unit")
PERSON_FIELDS = ("instansi", "nama", "nip", "email", "user", "active")
ASSIGNMENT_FIELDS = ("person", "position", "mulai", "selesai", "keterangan")
MEMBERSHIP_FIELDS = ("user", "unit", "role", "granted_by")


@transaction.atomic
def instansi_create(
    *, kode: str, nama: str, alamat: str = "", kota: str = "", by: Actor
) -> Instansi:
    instansi = Instansi(kode=kode, nama=nama, alamat=alamat, kota=kota)
    instansi.full_clean()
    instansi.save()
    audit_record(
        actor=by,
        action="instansi.create",
        obj=instansi,
        after=snapshot(instansi, INSTANSI_FIELDS),
    )
    return instansi


def _check_parent(instansi: Instansi, parent: Unit | None) -> None:
    if parent is not None and parent.instansi_id != instansi.pk:
        raise ValidationError(
            {"parent": _("Unit induk %(unit)s berasal dari instansi lain.") % {"unit": parent}}
        )


@transaction.atomic
def unit_create(
    *,
    instansi: Instansi,
    parent: Unit | None,
    kode: str,
    nama: str,
    singkatan: str = "",
    urutan: int = 0,
    by: Actor,
) -> Unit:
    """Add a unit under ``parent`` (or a top unit when ``parent`` is None)."""
    _check_parent(instansi, parent)
    unit = Unit(
        instansi=instansi,
        parent=parent,
        kode=kode,
        nama=nama,
        singkatan=singkatan,
        urutan=urutan,
        depth=parent.depth + 1 if parent is not None else 0,
    )
    unit.full_clean(exclude=["path"])
    unit.save()
    # The path holds the unit's own id, known only after the insert.
    unit.path = f"{parent.path if parent is not None else '/'}{unit.pk}/"
    unit.save(update_fields=["path"])
    audit_record(actor=by, action="unit.create", obj=unit, after=snapshot(unit, UNIT_FIELDS))
    return unit


@transaction.atomic
def unit_move(*, unit: Unit, new_parent: Unit | None, by: Actor) -> Unit:
    """Move ``unit`` with its whole subtree under ``new_parent`` (None: make it a top unit)."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _check_parent(unit.instansi, new_parent)
    if new_parent is not None and new_parent.path.startswith(unit.path):
        raise ValidationError(
            {"parent": _("Unit tidak dapat dipindah ke bawah dirinya sendiri atau bawahannya.")}
        )
    before = snapshot(unit, UNIT_FIELDS)
    old_path = unit.path
    new_path = f"{new_parent.path if new_parent is not None else '/'}{unit.pk}/"
    delta = (new_parent.depth + 1 if new_parent is not None else 0) - unit.depth
    # One UPDATE rewrites the prefix of every path in the subtree, whatever its size.
    Unit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + delta,
    )
    Unit.objects.filter(pk=unit.pk).update(parent=new_parent)
    unit.refresh_from_db()
    audit_record(
        actor=by,
        action="unit.move",
        obj=unit,
        before=before,
        after=snapshot(unit, UNIT_FIELDS),
    )
    return unit


@transaction.atomic
def position_create(
    *,
    unit: Unit,
    kode: str,
    nama: str,
    jenis: str = PositionKind.PELAKSANA,
    kepala_unit: bool = False,
    by: Actor,
) -> Position:
    position = Position(
        instansi_id=unit.instansi_id,
        unit=unit,
        kode=kode,
        nama=nama,
        jenis=jenis,
        kepala_unit=kepala_unit,
    )
    position.full_clean()
    position.save()
    audit_record(
        actor=by,
        action="position.create",
        obj=position,
        after=snapshot(position, POSITION_FIELDS),
    )
    return position


def clean_nip(nip: str | None) -> str | None:
    """The NIP as 18 digits, None for an empty one, or ``ValidationError``."""
    if nip is None or not nip.strip():
        return None
    try:
        return nip_rules.validate_nip(nip)
    except nip_rules.NipError as error:
        message = _(error.msgid).format(**error.params)
        raise ValidationError({"nip": message}, code="invalid_nip") from error


@transaction.atomic
def person_create(
    *,
    instansi: Instansi,
    nama: str,
    nip: str | None = None,
    email: str = "",
    user: User | None = None,
    by: Actor,
) -> Person:
    person = Person(instansi=instansi, nama=nama, nip=clean_nip(nip), email=email, user=user)
    person.full_clean()
    person.save()
    audit_record(
        actor=by, action="person.create", obj=person, after=snapshot(person, PERSON_FIELDS)
    )
    return person


def _check_assignable(person: Person, position: Position, mulai: dt.date) -> None:
    if position.instansi_id != person.instansi_id:
        message = _("Jabatan %(position)s berasal dari instansi lain.") % {"position": position}
        raise ValidationError({"position": message})
    overlapping = (
        Assignment.objects.filter(person=person)
        .filter(Q(selesai__isnull=True) | Q(selesai__gte=mulai))
        .select_related("position")
        .first()
    )
    if overlapping is not None:
        raise ValidationError(
            {
                "mulai": _(
                    "%(person)s masih memegang jabatan %(position)s sejak %(mulai)s; "
                    "akhiri dulu penugasan itu atau gunakan mutasi."
                )
                % {
                    "person": person,
                    "position": overlapping.position,
                    "mulai": overlapping.mulai.isoformat(),
                }
            }
        )


@transaction.atomic
def person_assign(
    *, person: Person, position: Position, mulai: dt.date, keterangan: str = "", by: Actor
) -> Assignment:
    """Give ``person`` the position from ``mulai`` on (one position at a time)."""
    Person.objects.select_for_update().filter(pk=person.pk).first()  # serialise per person
    _check_assignable(person, position, mulai)
    assignment = Assignment(person=person, position=position, mulai=mulai, keterangan=keterangan)
    assignment.full_clean()
    assignment.save()
    audit_record(
        actor=by,
        action="person.assign",
        obj=assignment,
        after=snapshot(assignment, ASSIGNMENT_FIELDS),
    )
    return assignment


@transaction.atomic
def assignment_end(*, assignment: Assignment, selesai: dt.date, by: Actor) -> Assignment:
    """Close an assignment on ``selesai`` (the last day the position is held)."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.selesai is not None:
        raise ValidationError(
            {
                "selesai": _("Penugasan ini sudah berakhir pada %(tanggal)s.")
                % {"tanggal": assignment.selesai.isoformat()}
            }
        )
    if selesai < assignment.mulai:
        raise ValidationError(
            {
                "selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai (%(tanggal)s).")
                % {"tanggal": assignment.mulai.isoformat()}
            }
        )
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    assignment.selesai = selesai
    assignment.save(update_fields=["selesai"])
    audit_record(
        actor=by,
        action="assignment.end",
        obj=assignment,
        before=before,
        after=snapshot(assignment, ASSIGNMENT_FIELDS),
    )
    return assignment


@transaction.atomic
def person_transfer(
    *,
    person: Person,
    to_position: Position,
    tanggal: dt.date,
    keterangan: str = "",
    by: Actor,
) -> Assignment:
    """Mutasi: the current assignment ends the day before ``tanggal`` and the new one starts
    on ``tanggal``. Obligations follow the position, so the new position's apply from then."""
    Person.objects.select_for_update().filter(pk=person.pk).first()
    if to_position.instansi_id != person.instansi_id:
        message = _("Jabatan %(position)s berasal dari instansi lain.") % {"position": to_position}
        raise ValidationError({"to_position": message})
    current = Assignment.objects.filter(person=person, selesai__isnull=True).first()
    if current is not None:
        if current.position_id == to_position.pk:
            raise ValidationError(
                {
                    "to_position": _("%(person)s sudah memegang jabatan %(position)s.")
                    % {"person": person, "position": to_position}
                }
            )
        if tanggal <= current.mulai:
            raise ValidationError(
                {
                    "tanggal": _(
                        "Tanggal mutasi harus setelah mulai jabatan sekarang (%(tanggal)s)."
                    )
                    % {"tanggal": current.mulai.isoformat()}
                }
            )
        assignment_end(assignment=current, selesai=tanggal - dt.timedelta(days=1), by=by)
    return person_assign(
        person=person,
        position=to_position,
        mulai=tanggal,
        keterangan=keterangan or _("Mutasi"),
        by=by,
    )


@transaction.atomic
def membership_grant(*, user: User, unit: Unit, role: str, by: Actor) -> Membership:
    """Give ``user`` the ``role`` on ``unit`` and everything below it."""
    if role not in Role.values:
        raise ValidationError({"role": _("Peran %(role)s tidak dikenal.") % {"role": role}})
    if Membership.objects.filter(user=user, unit=unit, role=role).exists():
        raise ValidationError(
            {
                "role": _("%(user)s sudah menjadi %(role)s di %(unit)s.")
                % {"user": user, "role": Role(role).label, "unit": unit}
            }
        )
    membership = Membership.objects.create(
        user=user, unit=unit, role=role, granted_by=by if isinstance(by, User) else None
    )
    audit_record(
        actor=by,
        action="membership.grant",
        obj=membership,
        after=snapshot(membership, MEMBERSHIP_FIELDS),
    )
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, by: Actor) -> None:
    before = snapshot(membership, MEMBERSHIP_FIELDS)
    membership_id, membership_repr = membership.pk, str(membership)
    membership.delete()
    audit_record(
        actor=by,
        action="membership.revoke",
        object_type="organisations.membership",
        object_id=membership_id,
        object_repr=membership_repr,
        before=before,
    )

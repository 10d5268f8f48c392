"""Plain functions that make domain data for tests (no factory library).

They write through the services, so paths, audit events and validation are the real ones.
Every argument has a sensible default; pass only what the test is about.
"""

from __future__ import annotations

import datetime as dt
import itertools

from django.contrib.auth.models import User

from sopan.organisations import services
from sopan.organisations.choices import PositionKind
from sopan.organisations.models import Instansi, Membership, Person, Position, Unit

PASSWORD = "sandi-uji-yang-panjang-1"
ASSIGNMENT_START = dt.date(2020, 1, 1)
_counter = itertools.count(1)


def _next() -> int:
    return next(_counter)


def make_user(
    username: str | None = None,
    *,
    is_staff: bool = False,
    is_superuser: bool = False,
    email: str = "",
    password: str = PASSWORD,
) -> User:
    username = username or f"pengguna{_next()}"
    user = User(
        username=username,
        email=email or f"{username}@contoh.go.id",
        is_staff=is_staff or is_superuser,
        is_superuser=is_superuser,
    )
    user.set_password(password)
    user.save()
    return user


def make_instansi(kode: str | None = None, nama: str | None = None) -> Instansi:
    number = _next()
    return services.instansi_create(
        kode=kode or f"instansi-{number}", nama=nama or f"Instansi {number}", by=None
    )


def make_unit(
    instansi: Instansi,
    nama: str | None = None,
    *,
    parent: Unit | None = None,
    kode: str | None = None,
    singkatan: str = "",
) -> Unit:
    number = _next()
    return services.unit_create(
        instansi=instansi,
        parent=parent,
        kode=kode or f"U{number}",
        nama=nama or f"Unit {number}",
        singkatan=singkatan,
        by=None,
    )


def make_unit_chain(instansi: Instansi, depth: int, *, parent: Unit | None = None) -> list[Unit]:
    """``depth`` units, each under the previous one (top first)."""
    units: list[Unit] = []
    for level in range(depth):
        parent = make_unit(instansi, f"Unit tingkat {level + 1}", parent=parent)
        units.append(parent)
    return units


def make_position(
    unit: Unit,
    nama: str | None = None,
    *,
    kode: str | None = None,
    jenis: str = PositionKind.PELAKSANA,
    kepala_unit: bool = False,
) -> Position:
    number = _next()
    return services.position_create(
        unit=unit,
        kode=kode or f"J{number}",
        nama=nama or f"Jabatan {number}",
        jenis=jenis,
        kepala_unit=kepala_unit,
        by=None,
    )


def make_person(
    instansi: Instansi,
    nama: str | None = None,
    *,
    user: User | None = None,
    nip: str | None = None,
    position: Position | None = None,
    mulai: dt.date = ASSIGNMENT_START,
) -> Person:
    """A person, optionally holding ``position`` from ``mulai``."""
    person = services.person_create(
        instansi=instansi, nama=nama or f"Pegawai {_next()}", nip=nip, user=user, by=None
    )
    if position is not None:
        services.person_assign(person=person, position=position, mulai=mulai, by=None)
    return person


def make_membership(user: User, unit: Unit, role: str, *, by: User | None = None) -> Membership:
    return services.membership_grant(user=user, unit=unit, role=role, by=by)


def make_persona(
    username: str,
    *,
    nama: str,
    role: str,
    role_unit: Unit,
    position: Position,
    is_staff: bool = False,
) -> User:
    """A user with a Person holding ``position`` and the ``role`` on ``role_unit``."""
    user = make_user(username, is_staff=is_staff)
    make_person(position.unit.instansi, nama, user=user, position=position)
    make_membership(user, role_unit, role)
    return user

"""Shared fixtures: a two-instansi world and named personas.

The world (``world`` fixture)::

    Kabupaten A (kab-a)
      Pemerintah Kabupaten A            root: roles "for the whole instansi" sit here
        Sekretariat Daerah (Setda)
          Bagian Organisasi
        Dinas X
          Bidang Y
        Dinas Z
    Kabupaten B (kab-b)
      Pemerintah Kabupaten B
        Dinas Q

Personas are ``User`` objects, each with a ``Person`` holding a position and one
``Membership``: penyusun, pemeriksa, pengesah (head of Dinas X), pelaksana (Bidang Y),
auditor and koordinator (whole Kabupaten A), admin_unit (admin of Dinas X, staff),
outsider_unit (penyusun of Dinas Z), outsider_instansi (penyusun in Kabupaten B),
superuser, and anonymous (an ``AnonymousUser``).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User

from sopan.organisations.choices import PositionKind, Role
from sopan.organisations.models import Instansi, Position, Unit
from sopan.sops.models import SopVersion
from tests import factories
from tests.sopdocs import make_sop


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Argon2 costs ~0.1 s per hash; tests make many users. Production keeps argon2 first.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # The portal caches pages for anonymous visitors and login throttling counts failures in
    # the cache; every test starts from an empty one.
    from django.core.cache import cache

    cache.clear()


@dataclasses.dataclass
class World:
    kabupaten_a: Instansi
    kabupaten_b: Instansi
    pemkab_a: Unit
    setda: Unit
    bagian_organisasi: Unit
    dinas_x: Unit
    bidang_y: Unit
    dinas_z: Unit
    pemkab_b: Unit
    dinas_q: Unit
    positions: dict[str, Position] = dataclasses.field(default_factory=dict)


@pytest.fixture
def world(db: None) -> World:
    a = factories.make_instansi("kab-a", "Kabupaten A")
    b = factories.make_instansi("kab-b", "Kabupaten B")
    pemkab_a = factories.make_unit(a, "Pemerintah Kabupaten A", kode="PEMKAB")
    setda = factories.make_unit(
        a, "Sekretariat Daerah", parent=pemkab_a, kode="SETDA", singkatan="Setda"
    )
    bagian = factories.make_unit(a, "Bagian Organisasi", parent=setda, kode="ORG")
    dinas_x = factories.make_unit(a, "Dinas X", parent=pemkab_a, kode="DX")
    bidang_y = factories.make_unit(a, "Bidang Y", parent=dinas_x, kode="DX-BY")
    dinas_z = factories.make_unit(a, "Dinas Z", parent=pemkab_a, kode="DZ")
    pemkab_b = factories.make_unit(b, "Pemerintah Kabupaten B", kode="PEMKAB")
    dinas_q = factories.make_unit(b, "Dinas Q", parent=pemkab_b, kode="DQ")
    world = World(a, b, pemkab_a, setda, bagian, dinas_x, bidang_y, dinas_z, pemkab_b, dinas_q)
    make = factories.make_position
    struktural = PositionKind.STRUKTURAL
    world.positions = {
        "kepala_dinas_x": make(
            dinas_x, "Kepala Dinas X", kode="KADIS-X", jenis=struktural, kepala_unit=True
        ),
        "sekretaris_dinas_x": make(dinas_x, "Sekretaris Dinas X", kode="SEK-X", jenis=struktural),
        "analis_dinas_x": make(
            dinas_x, "Analis Kebijakan", kode="ANALIS-X", jenis=PositionKind.FUNGSIONAL
        ),
        "pranata_komputer_dinas_x": make(
            dinas_x, "Pranata Komputer", kode="PRAKOM-X", jenis=PositionKind.FUNGSIONAL
        ),
        "pengadministrasi_bidang_y": make(bidang_y, "Pengadministrasi Umum", kode="ADM-Y"),
        "kepala_bagian_organisasi": make(
            bagian, "Kepala Bagian Organisasi", kode="KABAG-ORG", jenis=struktural, kepala_unit=True
        ),
        "auditor_kabupaten_a": make(
            pemkab_a, "Auditor Inspektorat", kode="AUDITOR", jenis=PositionKind.FUNGSIONAL
        ),
        "analis_dinas_z": make(
            dinas_z, "Analis Kebijakan", kode="ANALIS-Z", jenis=PositionKind.FUNGSIONAL
        ),
        "analis_dinas_q": make(
            dinas_q, "Analis Kebijakan", kode="ANALIS-Q", jenis=PositionKind.FUNGSIONAL
        ),
    }
    return world


def _persona(
    world: World, username: str, nama: str, role: str, unit: Unit, position: str, **kw: Any
) -> User:
    return factories.make_persona(
        username, nama=nama, role=role, role_unit=unit, position=world.positions[position], **kw
    )


@pytest.fixture
def penyusun(world: World) -> User:
    return _persona(
        world, "penyusun", "Rina Penyusun", Role.PENYUSUN, world.dinas_x, "analis_dinas_x"
    )


@pytest.fixture
def pemeriksa(world: World) -> User:
    return _persona(
        world, "pemeriksa", "Budi Pemeriksa", Role.PEMERIKSA, world.dinas_x, "sekretaris_dinas_x"
    )


@pytest.fixture
def pengesah(world: World) -> User:
    return _persona(
        world, "pengesah", "Siti Pengesah", Role.PENGESAH, world.dinas_x, "kepala_dinas_x"
    )


@pytest.fixture
def pelaksana(world: World) -> User:
    return _persona(
        world,
        "pelaksana",
        "Agus Pelaksana",
        Role.PELAKSANA,
        world.bidang_y,
        "pengadministrasi_bidang_y",
    )


@pytest.fixture
def auditor(world: World) -> User:
    return _persona(
        world, "auditor", "Dewi Auditor", Role.AUDITOR, world.pemkab_a, "auditor_kabupaten_a"
    )


@pytest.fixture
def koordinator(world: World) -> User:
    return _persona(
        world,
        "koordinator",
        "Hendra Koordinator",
        Role.KOORDINATOR,
        world.pemkab_a,
        "kepala_bagian_organisasi",
    )


@pytest.fixture
def admin_unit(world: World) -> User:
    return _persona(
        world,
        "admin_unit",
        "Yusuf Admin",
        Role.ADMIN,
        world.dinas_x,
        "pranata_komputer_dinas_x",
        is_staff=True,
    )


@pytest.fixture
def outsider_unit(world: World) -> User:
    return _persona(
        world, "outsider_unit", "Tono Dinas Z", Role.PENYUSUN, world.dinas_z, "analis_dinas_z"
    )


@pytest.fixture
def outsider_instansi(world: World) -> User:
    return _persona(
        world,
        "outsider_instansi",
        "Lina Kabupaten B",
        Role.PENYUSUN,
        world.dinas_q,
        "analis_dinas_q",
    )


@pytest.fixture
def superuser(db: None) -> User:
    return factories.make_user("superuser", is_superuser=True)


@pytest.fixture
def anonymous() -> AnonymousUser:
    return AnonymousUser()


@pytest.fixture
def published(world: World) -> SopVersion:
    """An SOP in force in Dinas X: public."""
    return make_sop(world.dinas_x, "Pelayanan Legalisir", status="berlaku", nomor="SOP-7/DX/2025")


@pytest.fixture
def draft(world: World) -> SopVersion:
    """A draft of Dinas X: only people with a role on Dinas X or above may see it."""
    return make_sop(world.dinas_x, "Konsep Rahasia Dinas X")

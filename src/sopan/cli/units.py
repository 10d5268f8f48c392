"""Finding the instansi, unit and user an import belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sopan.document import SopDocument
from sopan.i18n import gettext_noop as N
from sopan.i18n import translate


@dataclass
class UnitNotFound(Exception):
    message_id: str
    params: dict[str, Any]

    def message(self, lang: str) -> str:
        return translate(self.message_id, lang, **self.params)


def resolve_instansi(kode: str | None) -> Any:
    from sopan.organisations.models import Instansi

    if kode:
        found = Instansi.objects.filter(kode=kode).first()
        if found is None:
            raise UnitNotFound(N("instansi dengan kode {kode} tidak ada."), {"kode": kode})
        return found
    all_instansi = list(Instansi.objects.all()[:2])
    if len(all_instansi) != 1:
        raise UnitNotFound(
            N("sebutkan instansi dengan --instansi (ada {count} instansi)."),
            {"count": Instansi.objects.count()},
        )
    return all_instansi[0]


def resolve_unit(instansi: Any, kode: str | None, document: SopDocument) -> Any:
    from sopan.organisations.models import Unit

    units = Unit.objects.filter(instansi=instansi)
    if kode:
        found = units.filter(kode=kode).first()
        if found is None:
            raise UnitNotFound(N("unit dengan kode {kode} tidak ada."), {"kode": kode})
        return found
    names = document.unit if isinstance(document.unit, list) else [document.unit or ""]
    for name in reversed(names):
        found = units.filter(nama__iexact=name.strip()).first() if name else None
        if found is not None:
            return found
    raise UnitNotFound(
        N('unit "{unit}" dari SOP "{nama}" tidak ditemukan; sebutkan dengan --unit.'),
        {"unit": " / ".join(n for n in names if n), "nama": document.nama},
    )


def resolve_user(username: str | None) -> Any:
    if not username:
        return None
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise UnitNotFound(N("pengguna {username} tidak ada."), {"username": username})
    return user

"""System checks that refuse unsafe production settings (ids sopan.E001 …)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError
from django.utils.translation import gettext as _

DEMO_USERNAME_PREFIX = "demo."


def _production() -> bool:
    return getattr(settings, "SOPAN_MODE", "demo") == "production"


@register(Tags.security)
def check_production_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if not _production():
        return []
    errors = []
    if settings.DEBUG:
        errors.append(
            Error(
                _("SOPAN_DEBUG aktif pada mode produksi."),
                hint=_("Setel SOPAN_DEBUG=false: mode debug menampilkan isi sistem kepada publik."),
                id="sopan.E001",
            )
        )
    if settings.SECRET_KEY == settings.INSECURE_SECRET_KEY or len(settings.SECRET_KEY) < 40:
        errors.append(
            Error(
                _("SOPAN_SECRET_KEY masih bawaan atau terlalu pendek."),
                hint=_(
                    "Buat kunci acak minimal 50 karakter, misalnya dengan "
                    "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
                ),
                id="sopan.E002",
            )
        )
    if not settings.ALLOWED_HOSTS:
        errors.append(
            Error(
                _("SOPAN_ALLOWED_HOSTS kosong."),
                hint=_("Isi dengan nama domain server, misalnya sop.contohkab.go.id."),
                id="sopan.E004",
            )
        )
    return errors


@register(Tags.security, Tags.database)
def check_no_demo_accounts(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if not _production():
        return []
    from django.contrib.auth import get_user_model

    try:
        names = list(
            get_user_model()
            .objects.filter(username__startswith=DEMO_USERNAME_PREFIX)
            .values_list("username", flat=True)[:5]
        )
    except DatabaseError:  # database not migrated yet: nothing to refuse
        return []
    if not names:
        return []
    return [
        Error(
            _("Akun demo ada di basis data produksi: %(names)s.") % {"names": ", ".join(names)},
            hint=_("Hapus akun demo (nama pengguna berawalan 'demo.') sebelum dipakai sungguhan."),
            id="sopan.E003",
        )
    ]

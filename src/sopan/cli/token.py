"""`sopan token create USER [--name N]`: an API token for a machine, printed once."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from sopan.cli.django_setup import setup_django
from sopan.cli.output import Console
from sopan.i18n import gettext_noop as N


def register(sub: Any, t: Callable[[str], str]) -> None:
    parser = sub.add_parser("token", help=t(N("token API untuk program lain")))
    actions = parser.add_subparsers(dest="token_action", metavar=t(N("TINDAKAN")))
    actions.required = True
    create = actions.add_parser(
        "create",
        help=t(N("buat token API untuk seorang pengguna")),
        description=t(
            N(
                "Membuat token API (Authorization: Bearer ...) atas nama PENGGUNA, dengan hak "
                "yang sama seperti pengguna itu. Token dicetak sekali ini saja ke keluaran "
                "standar; hanya hash-nya yang disimpan."
            )
        ),
    )
    create.add_argument("username", metavar=t(N("PENGGUNA")), help=t(N("nama pengguna")))
    create.add_argument("--name", default="", help=t(N("nama token, mis. 'skrip impor'")))
    create.set_defaults(run=run_create)


def run_create(args: argparse.Namespace, console: Console) -> int:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    from sopan.organisations.token_services import api_token_create

    user = get_user_model().objects.filter(username=args.username).first()
    if user is None:
        console.error(N("Pengguna {username} tidak ada."), username=args.username)
        return 2
    try:
        made = api_token_create(user=user, name=args.name, by=None)
    except ValidationError as error:
        console.error(N("Token tidak dibuat: {reason}"), reason="; ".join(error.messages))
        return 2
    console.raw(made.secret)
    console.error(
        N(
            'Token API "{name}" untuk {username} dibuat. Simpan sekarang: token tidak dapat '
            "dilihat lagi."
        ),
        name=made.token.name,
        username=user.get_username(),
    )
    return 0

"""`sopan manage ...`: Django's management commands (migrate, createsuperuser, ...)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from sopan.cli.django_setup import setup_django
from sopan.cli.output import Console
from sopan.i18n import gettext_noop as N


def register(sub: Any, t: Callable[[str], str]) -> None:
    parser = sub.add_parser(
        "manage",
        help=t(N("perintah pengelolaan Django (migrate, createsuperuser, ...)")),
    )
    parser.add_argument("django_args", nargs=argparse.REMAINDER)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, console: Console) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sopan manage", *args.django_args])
    return 0

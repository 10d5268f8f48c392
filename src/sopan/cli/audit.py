"""`sopan audit verify`: prove that nobody edited, inserted or deleted audit rows."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from sopan.cli.django_setup import setup_django
from sopan.cli.output import Console
from sopan.i18n import gettext_noop as N


def register(sub: Any, t: Callable[[str], str]) -> None:
    parser = sub.add_parser("audit", help=t(N("jejak audit")))
    actions = parser.add_subparsers(dest="audit_action", metavar=t(N("TINDAKAN")))
    actions.required = True
    verify = actions.add_parser(
        "verify",
        help=t(N("periksa keutuhan rantai jejak audit")),
        description=t(
            N(
                "Memeriksa rantai hash jejak audit. Kode keluar 0 = utuh, 1 = ada baris yang "
                "diubah, disisipkan atau dihapus."
            )
        ),
    )
    verify.set_defaults(run=run_verify)


def run_verify(args: argparse.Namespace, console: Console) -> int:
    setup_django()
    from sopan.audit.services import audit_verify

    report = audit_verify()
    if report.ok:
        console.say(N("Jejak audit utuh: {count} baris diperiksa."), count=report.checked)
        return 0
    for problem in report.problems:
        console.raw(problem.message if args.lang == "id" else problem.message_en)
    console.say(N("Jejak audit TIDAK utuh: {count} masalah."), count=len(report.problems))
    return 1

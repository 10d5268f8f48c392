"""Entry point of the `sopan` command. Help and messages in Indonesian; `--lang en` for English."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from sopan import __version__
from sopan.cli import audit, check, diff, django_cmd, render, token, transfer, web, worker
from sopan.cli.argparse_id import use_language
from sopan.cli.output import Console
from sopan.config.env import ConfigError
from sopan.i18n import gettext_noop as N
from sopan.i18n import normalise_language, translate

COMMANDS = (check, diff, render, transfer, web, audit, django_cmd, worker, token)


def _language_from(argv: Sequence[str]) -> str:
    """Read --lang before parsing, so that the help itself comes out in that language."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return normalise_language(argv[index + 1])
        if arg.startswith("--lang="):
            return normalise_language(arg.split("=", 1)[1])
    return normalise_language(os.environ.get("SOPAN_LANG"))


def build_parser(lang: str) -> argparse.ArgumentParser:
    use_language(lang)

    def t(message: str) -> str:
        return translate(message, lang)

    parser = argparse.ArgumentParser(
        prog="sopan",
        description=t(N("sopan: sistem SOP untuk unit pemerintahan (PermenPANRB 35/2012).")),
        epilog=t(N("Bantuan tiap perintah: sopan PERINTAH --help. Bahasa Inggris: --lang en.")),
    )
    parser.add_argument("--version", action="version", version=f"sopan {__version__}")
    parser.add_argument(
        "--lang", choices=["id", "en"], default=lang, help=t(N("bahasa pesan: id atau en"))
    )
    sub = parser.add_subparsers(dest="command", metavar=t(N("PERINTAH")))
    sub.required = True
    for module in COMMANDS:
        module.register(sub, t)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = _language_from(args_list)
    parser = build_parser(lang)
    args = parser.parse_args(args_list)
    console = Console(lang=args.lang)
    try:
        code: int = args.run(args, console)
    except ConfigError as error:
        console.error(N("Pengaturan lingkungan salah: {error}"), error=error.message(args.lang))
        return 2
    except KeyboardInterrupt:
        console.error(N("Dihentikan oleh pengguna."))
        return 130
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

"""`sopan diff OLD NEW`: what changed between two versions of an SOP."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sopan.cli.files import load_or_report
from sopan.cli.output import Console
from sopan.document import diff_documents
from sopan.i18n import gettext_noop as N


def register(sub: Any, t: Callable[[str], str]) -> None:
    parser = sub.add_parser(
        "diff",
        help=t(N("bandingkan dua versi SOP")),
        description=t(N("Menampilkan perbedaan isi dua berkas SOP (langkah, pelaksana, unsur).")),
    )
    parser.add_argument("old", type=Path, metavar=t(N("LAMA")))
    parser.add_argument("new", type=Path, metavar=t(N("BARU")))
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, console: Console) -> int:
    old = load_or_report(args.old, console)
    new = load_or_report(args.new, console)
    if old is None or new is None:
        return 2
    result = diff_documents(old.document, new.document)
    if args.format == "json":
        console.raw(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        console.raw(result.to_text(args.lang))
    return 0 if result.is_empty else 1

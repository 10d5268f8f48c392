"""`sopan import FILE...` and `sopan export`: SOP files in and out of the database.

An import of several files is all-or-nothing: every file is loaded and checked first, and one
broken file means nothing is written; the message names the file.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sopan.cli.django_setup import setup_django
from sopan.cli.files import located
from sopan.cli.output import Console
from sopan.document import DocumentLoadError, LoadedDocument, dump_json, dump_yaml, load_path
from sopan.i18n import gettext_noop as N


def register(sub: Any, t: Callable[[str], str]) -> None:
    imp = sub.add_parser(
        "import",
        help=t(N("impor berkas SOP ke basis data")),
        description=t(
            N(
                "Mengimpor berkas SOP sebagai versi baru. Semua atau tidak sama sekali: satu "
                "berkas rusak membatalkan seluruh impor."
            )
        ),
    )
    imp.add_argument("files", nargs="+", type=Path, metavar=t(N("BERKAS")))
    imp.add_argument("--instansi", help=t(N("kode instansi (bawaan: satu-satunya instansi)")))
    imp.add_argument("--unit", help=t(N("kode unit pemilik (bawaan: dicocokkan dari isi unit)")))
    imp.add_argument("--user", help=t(N("nama pengguna yang dicatat sebagai pengimpor")))
    imp.set_defaults(run=run_import)

    exp = sub.add_parser(
        "export",
        help=t(N("ekspor SOP dari basis data ke berkas")),
        description=t(N("Menulis versi SOP terbaru (atau semua versi) sebagai berkas.")),
    )
    exp.add_argument("sop_ids", nargs="*", type=int, metavar="ID", help=t(N("ID SOP")))
    exp.add_argument("-o", "--output", type=Path, default=Path("."), help=t(N("folder tujuan")))
    exp.add_argument("--format", choices=["yaml", "json"], default="yaml")
    exp.add_argument("--all-versions", action="store_true", help=t(N("semua versi, bukan terbaru")))
    exp.set_defaults(run=run_export)


def run_import(args: argparse.Namespace, console: Console) -> int:
    loaded, failed = _load_all(args.files, console)
    if failed:
        console.error(
            N("Impor dibatalkan: {count} berkas bermasalah, tidak ada yang diimpor."), count=failed
        )
        return 2
    setup_django()
    from django.core.exceptions import ValidationError

    from sopan.cli.units import UnitNotFound, resolve_instansi, resolve_unit, resolve_user
    from sopan.sops.services import sops_import

    try:
        instansi = resolve_instansi(args.instansi)
        user = resolve_user(args.user)
        items = [
            (resolve_unit(instansi, args.unit, doc.document), doc.document, str(path))
            for path, doc in loaded
        ]
    except UnitNotFound as error:
        console.error(
            N("Impor dibatalkan, tidak ada yang diimpor: {reason}"),
            reason=error.message(console.lang),
        )
        return 2
    try:
        versions = sops_import(items=items, by=user)
    except ValidationError as error:
        console.error(
            N("Impor dibatalkan, tidak ada yang diimpor: {reason}"),
            reason="; ".join(error.messages),
        )
        return 2
    for version in versions:
        console.say(
            N("Diimpor: {nama} (SOP #{sop}, versi {number})."),
            nama=version.nama,
            sop=version.sop_id,
            number=version.number,
        )
    return 0


def _load_all(paths: list[Path], console: Console) -> tuple[list[tuple[Path, LoadedDocument]], int]:
    loaded: list[tuple[Path, LoadedDocument]] = []
    failed = 0
    for index, path in enumerate(paths, start=1):
        console.progress(index, len(paths), path.name)
        try:
            loaded.append((path, load_path(path)))
        except DocumentLoadError as error:
            failed += 1
            for problem in error.problems:
                console.err.write(located(problem, console.lang) + "\n")
    return loaded, failed


def run_export(args: argparse.Namespace, console: Console) -> int:
    setup_django()
    from sopan.sops.models import SopVersion

    versions = SopVersion.objects.select_related("sop").order_by("sop_id", "number")
    if args.sop_ids:
        versions = versions.filter(sop_id__in=args.sop_ids)
    chosen = list(versions) if args.all_versions else list(_latest(versions))
    if not chosen:
        console.error(N("Tidak ada SOP yang cocok untuk diekspor."))
        return 1
    args.output.mkdir(parents=True, exist_ok=True)
    for index, version in enumerate(chosen, start=1):
        console.progress(index, len(chosen), version.nama)
        document = version.document_model()
        suffix = "sop.yaml" if args.format == "yaml" else "sop.json"
        text = dump_yaml(document) if args.format == "yaml" else dump_json(document)
        target = args.output / f"sop-{version.sop_id}-v{version.number}.{suffix}"
        target.write_text(text, encoding="utf-8")
        console.say(N("Ditulis: {path}"), path=str(target))
    return 0


def _latest(versions: Any) -> Any:
    latest: dict[int, Any] = {}
    for version in versions:
        latest[version.sop_id] = version
    return latest.values()

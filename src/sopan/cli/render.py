"""`sopan render FILE... --format F`: SOP files to PDF, DOCX, BPMN, SVG, Mermaid or HTML.

Output: with one input, ``-o`` names the file (default: next to the input, with the format's
extension); with several, ``-o`` names a folder (created if needed). SVG gives one file per
procedure page (``name-1.svg``, ``name-2.svg`` ...). Files from the CLI carry the KONSEP mark
unless ``--final``.

Errors: a file that cannot be loaded (or rendered) is reported with its location and the
others are still rendered; the exit code is then 2 (0 when every file was written).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sopan.cli.files import load_or_report
from sopan.cli.output import Console
from sopan.i18n import gettext_noop as N
from sopan.render.formats import FORMATS, Format
from sopan.render.options import RenderOptions

EXIT_OK, EXIT_FAILED = 0, 2
_SUFFIXES = (".sop.yaml", ".sop.yml", ".sop.json", ".yaml", ".yml", ".json")


def register(sub: Any, t: Callable[[str], str]) -> None:
    parser = sub.add_parser(
        "render",
        help=t(N("buat PDF, DOCX, BPMN, SVG, Mermaid atau HTML dari berkas SOP")),
        description=t(
            N(
                "Membuat dokumen dari berkas SOP. Tanpa --final, hasilnya bertanda KONSEP. "
                "Berkas yang tidak dapat dimuat dilaporkan dan yang lain tetap dibuat; "
                "kode keluar: 0 = semua berhasil, 2 = ada berkas yang gagal."
            )
        ),
    )
    parser.add_argument("files", nargs="+", type=Path, metavar=t(N("BERKAS")))
    parser.add_argument(
        "--format", choices=list(FORMATS), required=True, help=t(N("bentuk keluaran"))
    )
    parser.add_argument("--paper", choices=["a4", "f4"], default="a4", help=t(N("ukuran kertas")))
    parser.add_argument(
        "--orientation",
        choices=["landscape", "portrait"],
        default="landscape",
        help=t(N("arah kertas")),
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar=t(N("KELUARAN")),
        help=t(
            N(
                "berkas keluaran (satu masukan) atau folder (beberapa masukan); "
                "bawaan: di samping berkas masukan"
            )
        ),
    )
    parser.add_argument(
        "--final",
        action="store_true",
        help=t(N("tanpa tanda KONSEP (hanya untuk dokumen yang sudah disahkan)")),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, console: Console) -> int:
    fmt = FORMATS[args.format]
    options = RenderOptions(
        paper=args.paper, orientation=args.orientation, draft=not args.final, lang=args.lang
    )
    several = len(args.files) > 1
    failed = 0
    for done, path in enumerate(args.files, start=1):
        if not _render_one(path, _target(path, args.output, fmt, several), fmt, options, console):
            failed += 1
        console.progress(done, len(args.files), path.name)
    if failed:
        console.error(
            N("{failed} dari {total} berkas gagal dibuat."), failed=failed, total=len(args.files)
        )
        return EXIT_FAILED
    return EXIT_OK


def _stem(path: Path) -> str:
    name = path.name
    for suffix in _SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _target(path: Path, output: Path | None, fmt: Format, several: bool) -> Path:
    default_name = f"{_stem(path)}.{fmt.extension}"
    if output is None:
        return path.with_name(default_name)
    return output / default_name if several or output.is_dir() else output


def _render_one(
    path: Path, target: Path, fmt: Format, options: RenderOptions, console: Console
) -> bool:
    loaded = load_or_report(path, console)
    if loaded is None:
        console.error(N("{file}: tidak dapat dimuat."), file=path)
        return False
    try:
        if fmt.render_pages is not None:
            pages = fmt.render_pages(loaded.document, options)
            targets = [
                target.with_name(f"{target.stem}-{n}{target.suffix}")
                for n in range(1, 1 + len(pages))
            ]
        else:
            pages, targets = [fmt.render(loaded.document, options)], [target]
        target.parent.mkdir(parents=True, exist_ok=True)
        for data, out in zip(pages, targets, strict=True):
            out.write_bytes(data)
    except Exception as error:  # a renderer bug must not stop the other files
        console.error(N("{file}: gagal dibuat ({error})."), file=path, error=error)
        return False
    for out in targets:
        console.say(N("{file} → {output}"), file=path, output=out)
    return True

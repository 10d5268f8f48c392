"""`sopan check FILE...`: load, validate and review SOP files.

Exit codes: 0 = clean, 1 = findings, 2 = a file could not be loaded.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sopan.checks import Finding, Severity, run_checks
from sopan.cli.files import located
from sopan.cli.output import Console
from sopan.document import DEFAULT_MAX_BYTES, DocumentLoadError, load_path
from sopan.i18n import gettext_noop as N

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNLOADABLE = 0, 1, 2


def register(sub: Any, t: Callable[[str], str]) -> None:
    parser = sub.add_parser(
        "check",
        help=t(N("periksa berkas SOP (.sop.yaml / .json)")),
        description=t(
            N(
                "Memuat dan memeriksa berkas SOP. Kode keluar: 0 = bersih, 1 = ada temuan, "
                "2 = berkas tidak dapat dimuat."
            )
        ),
    )
    parser.add_argument("files", nargs="+", type=Path, metavar=t(N("BERKAS")))
    parser.add_argument(
        "--format", choices=["text", "json"], default="text", help=t(N("bentuk keluaran"))
    )
    parser.add_argument(
        "--min-severity",
        choices=[s.value for s in Severity],
        default="info",
        help=t(N("tampilkan temuan mulai tingkat ini")),
    )
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        help=t(N("batas ukuran berkas dalam byte")),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, console: Console) -> int:
    reports = [_check_file(path, args) for path in args.files]
    if args.format == "json":
        console.raw(
            json.dumps(reports if len(reports) > 1 else reports[0], ensure_ascii=False, indent=2)
        )
    else:
        for report in reports:
            _print_text(report, console)
    if any(r["load_errors"] for r in reports):
        return EXIT_UNLOADABLE
    if any(r["findings"] for r in reports):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _check_file(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    report: dict[str, Any] = {"file": str(path), "load_errors": [], "findings": []}
    try:
        loaded = load_path(path, max_bytes=args.max_bytes)
    except DocumentLoadError as error:
        report["load_errors"] = [
            {
                "code": p.code,
                "message": p.message(args.lang),
                "location": {"line": p.line, "column": p.column},
                "located": located(p, args.lang),
            }
            for p in error.problems
        ]
        return report
    findings: list[Finding] = run_checks(loaded, min_severity=Severity(args.min_severity))
    report["findings"] = [f.to_dict(args.lang) for f in findings]
    return report


def _print_text(report: dict[str, Any], console: Console) -> None:
    name = report["file"]
    for problem in report["load_errors"]:
        console.raw(problem["located"])
    if report["load_errors"]:
        console.say(N("{file}: tidak dapat dimuat."), file=name)
        return
    current_step: object = object()
    for finding in report["findings"]:
        location = finding["location"]
        if location["step"] != current_step:
            current_step = location["step"]
            if current_step:
                console.say(N("Langkah {step}:"), step=current_step)
            else:
                console.say(N("Dokumen:"))
        line = f"{name}:{location['line']}: " if location["line"] else f"{name}: "
        severity = console.t(_SEVERITY_LABEL[finding["severity"]])
        console.raw(f"  {line}[{finding['code']}] {severity}: {finding['message']}")
        if finding["hint"]:
            console.raw(f"      → {finding['hint']}")
    if report["findings"]:
        console.say(N("{file}: {count} temuan."), file=name, count=len(report["findings"]))
    else:
        console.say(N("{file}: bersih, tidak ada temuan."), file=name)


_SEVERITY_LABEL = {
    "error": N("galat"),
    "warning": N("peringatan"),
    "info": N("info"),
}

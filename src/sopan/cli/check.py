"""`sopan check FILE...`: load, validate and review SOP files.

Exit codes: 0 = no error and no warning (advice, "info", does not count), 1 = at least one
error or warning shown, 2 = a file could not be loaded, or the ``--config``/``--register``
file cannot be used.

``--format json`` prints, per file, ``{"file": ..., "findings": [...]}`` (a list when several
files are given). Each finding is ``{"code", "severity", "message", "hint", "location":
{"step", "field", "line"}}``; a load problem is a finding too, with severity ``error``, the
loader's problem code (e.g. ``step.unknown_actor``) and ``{"step": null, "field": null,
"line": <line>}``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sopan.checks import CheckConfig, CheckConfigError, Finding, Severity, run_checks
from sopan.checks.register import RegisterLookup
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
                "Memuat dan memeriksa berkas SOP. Kode keluar: 0 = tidak ada galat atau "
                "peringatan (info tidak dihitung), 1 = ada galat atau peringatan, 2 = berkas "
                "tidak dapat dimuat atau berkas konfigurasi/register tidak dapat dipakai."
            )
        ),
    )
    parser.add_argument("files", nargs="+", type=Path, metavar=t(N("BERKAS")))
    parser.add_argument(
        "--format", choices=["text", "json"], default="text", help=t(N("bentuk keluaran"))
    )
    parser.add_argument(
        "--lang",
        choices=["id", "en"],
        default=argparse.SUPPRESS,
        help=t(N("bahasa pesan: id atau en")),
    )
    parser.add_argument(
        "--min-severity",
        choices=[s.value for s in Severity],
        default="info",
        help=t(N("tampilkan temuan mulai tingkat ini")),
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar=t(N("BERKAS")),
        help=t(N("konfigurasi pemeriksaan instansi (YAML: nonaktif, tingkat, ambang, ...)")),
    )
    parser.add_argument(
        "--register",
        type=Path,
        metavar=t(N("BERKAS")),
        help=t(N("daftar peraturan (YAML) untuk memeriksa status dasar hukum")),
    )
    parser.add_argument(
        "--berlaku",
        action="store_true",
        help=t(N("periksa sebagai versi yang sedang berlaku (lebih ketat)")),
    )
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        help=t(N("batas ukuran berkas dalam byte")),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, console: Console) -> int:
    try:
        config = CheckConfig.from_file(args.config) if args.config else None
    except CheckConfigError as error:
        console.error(N("Berkas konfigurasi tidak dapat dipakai: {error}"), error=str(error))
        return EXIT_UNLOADABLE
    try:
        lookup = load_register(args.register) if args.register else None
    except CheckConfigError as error:
        console.error(N("Berkas register tidak dapat dipakai: {error}"), error=str(error))
        return EXIT_UNLOADABLE
    reports = [_check_file(path, args, config, lookup) for path in args.files]
    if args.format == "json":
        public = [{"file": r["file"], "findings": r["findings"]} for r in reports]
        console.raw(
            json.dumps(public if len(public) > 1 else public[0], ensure_ascii=False, indent=2)
        )
    else:
        for report in reports:
            _print_text(report, console)
    if any(r["load_errors"] for r in reports):
        return EXIT_UNLOADABLE
    if any(f["severity"] != Severity.INFO.value for r in reports for f in r["findings"]):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def load_register(path: Path) -> RegisterLookup:
    """The regulation register in ``path`` (``sopan.checks.register.FileRegister``)."""
    from sopan.checks import register as register_module

    file_register: Any = getattr(register_module, "FileRegister", None)
    if file_register is None:
        raise CheckConfigError(f"{path}: pembacaan berkas register belum tersedia")
    try:
        lookup: RegisterLookup = file_register.from_file(path)
    except CheckConfigError:
        raise
    except (OSError, ValueError, TypeError, KeyError) as error:
        raise CheckConfigError(f"{path}: {error}") from error
    return lookup


def _check_file(
    path: Path,
    args: argparse.Namespace,
    config: CheckConfig | None,
    lookup: RegisterLookup | None,
) -> dict[str, Any]:
    report: dict[str, Any] = {"file": str(path), "load_errors": [], "findings": []}
    try:
        loaded = load_path(path, max_bytes=args.max_bytes)
    except DocumentLoadError as error:
        report["load_errors"] = [located(p, args.lang) for p in error.problems]
        report["findings"] = [
            {
                "code": p.code,
                "severity": Severity.ERROR.value,
                "message": p.message(args.lang),
                "hint": "",
                "location": {"step": None, "field": None, "line": p.line},
            }
            for p in error.problems
        ]
        return report
    findings: list[Finding] = run_checks(
        loaded,
        config=config,
        register=lookup,
        min_severity=Severity(args.min_severity),
        in_force=args.berlaku,
    )
    report["findings"] = [f.to_dict(args.lang) for f in findings]
    return report


def _print_text(report: dict[str, Any], console: Console) -> None:
    name = report["file"]
    for problem in report["load_errors"]:
        console.raw(problem)
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

"""`sopan worker [--once]`: run the periodic jobs (:mod:`sopan.sops.jobs`).

The loop wakes every ``--interval`` seconds and runs what is due; each job runs once per day
whatever the number of workers or restarts, and days missed while it was stopped are caught
up. SIGTERM and SIGINT stop it between two passes (a job that is running finishes first).
``--once`` runs what is due and exits, for cron and tests.
"""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

from sopan.cli.django_setup import setup_django
from sopan.cli.output import Console
from sopan.i18n import gettext_noop as N


def register(sub: Any, t: Callable[[str], str]) -> None:
    parser = sub.add_parser(
        "worker",
        help=t(N("jalankan tugas berkala")),
        description=t(
            N(
                "Menjalankan tugas berkala (mis. memberlakukan SOP pada tanggal berlakunya) "
                "sekali sehari, termasuk hari yang terlewat. Berhenti dengan Ctrl+C atau SIGTERM."
            )
        ),
    )
    parser.add_argument(
        "--once", action="store_true", help=t(N("jalankan tugas yang jatuh tempo lalu keluar"))
    )
    parser.add_argument(
        "--interval", type=float, default=60.0, help=t(N("jeda antarputaran dalam detik"))
    )
    parser.set_defaults(run=run_worker)


def run_worker(args: argparse.Namespace, console: Console) -> int:
    setup_django()
    from sopan.sops.jobs import run_due_jobs

    stop = threading.Event()
    if not args.once:
        _install_stop_handlers(stop)
        console.say(N("Pekerja berjalan. Tekan Ctrl+C untuk berhenti."))
    failed = False
    while True:
        for result in run_due_jobs():
            failed = failed or not result.ok
            message = (
                N("{job} untuk {day}: selesai.") if result.ok else N("{job} untuk {day}: GAGAL.")
            )
            console.say(message, job=result.job, day=result.day.isoformat())
        if args.once or stop.wait(args.interval):
            break
    if not args.once:
        console.say(N("Pekerja berhenti."))
    return 1 if failed and args.once else 0


def _install_stop_handlers(stop: threading.Event) -> None:
    def handle(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)

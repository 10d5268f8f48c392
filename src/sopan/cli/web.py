"""`sopan serve` and `sopan demo`."""

from __future__ import annotations

import argparse
import io
from collections.abc import Callable
from typing import Any

from sopan.cli.django_setup import migrate, setup_django
from sopan.cli.output import Console
from sopan.i18n import gettext_noop as N


def register(sub: Any, t: Callable[[str], str]) -> None:
    serve = sub.add_parser(
        "serve",
        help=t(N("jalankan aplikasi web")),
        description=t(N("Menjalankan aplikasi web dengan server WSGI produksi (waitress).")),
    )
    serve.add_argument("--host", default="127.0.0.1", help=t(N("alamat (bawaan 127.0.0.1)")))
    serve.add_argument("--port", type=int, default=8000, help=t(N("port (bawaan 8000)")))
    serve.add_argument("--threads", type=int, default=8, help=t(N("jumlah thread pelayan")))
    serve.set_defaults(run=run_serve)

    demo = sub.add_parser(
        "demo",
        help=t(N("siapkan basis data dan muat organisasi demo")),
        description=t(
            N(
                "Membuat/memperbarui basis data lalu memuat Pemerintah Kabupaten Sukamaju "
                "(unit, jabatan, pegawai, SOP contoh, akun demo). Aman dijalankan berulang."
            )
        ),
    )
    demo.add_argument(
        "--scale",
        type=int,
        default=0,
        metavar="N",
        help=t(
            N(
                "tambahkan N SOP buatan (untuk uji beban; ditandai kode skala-…, dijalankan "
                "ulang tidak menambah apa pun)"
            )
        ),
    )
    demo.add_argument(
        "--people",
        type=int,
        default=None,
        metavar="M",
        help=t(N("dengan --scale: jumlah pegawai yang diinginkan (bawaan 5 × N)")),
    )
    demo.set_defaults(run=run_demo)


def run_serve(args: argparse.Namespace, console: Console) -> int:
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", databases=["default"], fail_level="ERROR", stdout=io.StringIO())
    except SystemCheckError as error:
        console.error(N("Pengaturan belum aman untuk dijalankan:"))
        console.err.write(str(error) + "\n")
        return 2
    import waitress

    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)

    from sopan.config.wsgi import application

    url = f"http://{args.host}:{args.port}/"
    console.say(
        N("sopan berjalan di {url} (mode {mode}). Tekan Ctrl+C untuk berhenti."),
        url=url,
        mode=settings.SOPAN_MODE,
    )
    waitress.serve(application, host=args.host, port=args.port, threads=args.threads, ident="sopan")
    return 0


def run_demo(args: argparse.Namespace, console: Console) -> int:
    setup_django()
    from django.conf import settings

    if settings.SOPAN_MODE == "production":
        console.error(N("Organisasi demo tidak boleh dimuat pada mode produksi (SOPAN_MODE)."))
        return 2
    if args.scale < 0 or (args.people is not None and args.people < 0):
        console.error(N("--scale dan --people tidak boleh negatif."))
        return 2
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    migrate()
    from sopan.demo.loader import DEMO_PASSWORD, load_demo

    summary = load_demo(progress=console.progress)
    console.say(
        N("Organisasi demo siap: {units} unit, {people} pegawai, {sops} SOP."),
        units=summary.units,
        people=summary.people,
        sops=summary.sops,
    )
    console.say(N("Akun demo (kata sandi semuanya: {password}):"), password=DEMO_PASSWORD)
    for username, role, unit in summary.logins:
        console.raw(f"  {username:<28} {console.t(role):<12} {unit}")
    if args.scale > 0 or args.people is not None:
        return _run_scale(args, console)
    return 0


def _run_scale(args: argparse.Namespace, console: Console) -> int:
    import time

    from sopan.demo.scale import scale_generate

    start = time.perf_counter()
    scaled = scale_generate(n=args.scale, people=args.people, progress=console.progress)
    console.say(
        N(
            "Data skala: {sops} SOP ({versions} versi) dan {people} pegawai ditambahkan "
            "dalam {seconds} detik; kini {sops_total} SOP buatan dan {people_total} pegawai."
        ),
        sops=scaled.sops,
        versions=scaled.versions,
        people=scaled.people,
        seconds=f"{time.perf_counter() - start:.1f}",
        sops_total=scaled.sops_total,
        people_total=scaled.people_total,
    )
    return 0

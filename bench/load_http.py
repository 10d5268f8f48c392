"""Load test over HTTP: `sopan serve` (waitress) on 10,000 SOPs, 20 concurrent clients.

Run::

    .venv/bin/python bench/load_http.py                 # SQLite, 10,000 SOPs, 20 s per scenario
    .venv/bin/python bench/load_http.py --postgres      # PostgreSQL too (127.0.0.1:5432, postgres)
    .venv/bin/python bench/load_http.py --data-dir /tmp/sopan-bench   # keep/reuse the database

What it does:

1. prepares a database with ``sopan demo --scale N`` in a temporary ``SOPAN_DATA_DIR``
   (SQLite), or in a temporary PostgreSQL database ``sopan_bench_http`` created on
   127.0.0.1:5432 as user postgres and dropped afterwards (``--postgres``);
2. starts ``sopan serve --port <free port> --threads T`` (the production WSGI server) on it;
3. signs in as ``demo.koordinator`` (a role on the root unit: the intranet list holds all
   10,000 SOPs and their drafts, the worst case) to get a session cookie;
4. drives each scenario in turn with C concurrent keep-alive connections for D seconds:

   * ``statis``: ``/static/sopan/sopan.css`` through the same server (baseline: waitress +
     WhiteNoise, no view, no database);
   * ``404``: a URL that matches nothing (baseline: the whole Django middleware stack and
     the 404 template, no database work);
   * ``portal``: ``/``, the public portal's first page;
   * ``cari``: ``/?q=...`` over a list of realistic queries (common stems that match most
     SOPs, two-word queries, a dasar hukum phrase, a word that matches nothing, deep pages);
   * ``intranet``: ``/sop/`` and ``/sop/?q=...``/``?status=konsep`` signed in;
   * ``halaman``: ``/sop/<id>/`` of SOPs found on the portal (the HTML rendering).

The load tool is Debian's ``wrk`` when installed (``apt-get install -y wrk``; benches do not
run in CI, so it is not in ``.ci/run``), with a Lua script that rotates over each scenario's
URLs and prints p50/p95/p99; otherwise (or with ``--tool python``) a Python generator with
one thread and one ``http.client`` keep-alive connection per client. ``--think MS`` (Python
tool only) makes each client wait MS milliseconds between its requests, a paced load of
people reading pages rather than a saturating one.

Printed per scenario: requests, requests/s, p50/p95/p99/max latency (ms), errors, and the
ratio of p50 and of requests/s to the ``404`` baseline measured in the same run. Closed loop
without think time means that latency ≈ clients / throughput (Little's law): with 20 clients,
p95 ≤ 100 ms needs more than 200 requests/s. No assert.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOPAN = [sys.executable, "-m", "sopan.cli.main"]
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_DB = "sopan_bench_http"
USER, PASSWORD = "demo.koordinator", "sopan-demo"

QUERIES = [
    "izin",
    "perizinan",
    "pelayanan",
    "penerbitan akta",
    "akta kelahiran",
    "pengaduan masyarakat",
    "surat masuk",
    "arsip",
    "kendaraan dinas",
    "bantuan sosial",
    "tunjangan kinerja",
    "retribusi daerah",
    "reklame daring",
    "pajak bumi",
    "verifikasi berkas",
    "kepegawaian",
    "keuangan daerah",
    "pelayanan publik",
    "undang-undang 25 2009",
    "kearsipan",
    "memverifikasi dokumen persyaratan",
    "sp4n lapor",
    "zzzz tidak ada",
]


# -- the server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def sopan(env: dict[str, str], *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    cwd = Path(env["PYTHONPATH"]).parent
    return subprocess.run([*SOPAN, *args], env=env, cwd=cwd, text=True, check=True, **kwargs)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def serving(env: dict[str, str], threads: int) -> Iterator[tuple[str, int]]:
    port = free_port()
    log = open(Path(env["SOPAN_DATA_DIR"]) / "serve.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [*SOPAN, "serve", "--port", str(port), "--threads", str(threads)],
        env=env,
        cwd=Path(env["PYTHONPATH"]).parent,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise SystemExit(f"sopan serve did not start, see {log.name}") from None
                time.sleep(0.2)
        yield base, proc.pid
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


# -- HTTP helpers ------------------------------------------------------------------------------


def fetch(base: str, path: str, cookie: str = "") -> tuple[int, str, Any]:
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, body, response


def login(base: str) -> str:
    """Sign in as the demo koordinator; returns the Cookie header value."""
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    conn.request("GET", "/masuk/")
    response = conn.getresponse()
    body = response.read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    cookies = _cookies(response)
    form = urllib.parse.urlencode(
        {
            "username": USER,
            "password": PASSWORD,
            "csrfmiddlewaretoken": csrf.group(1) if csrf else "",
        }
    )
    conn.request(
        "POST",
        "/masuk/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Referer": f"{base}/masuk/",
        },
    )
    response = conn.getresponse()
    response.read()
    cookies.update(_cookies(response))
    conn.close()
    if response.status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"login as {USER} failed: HTTP {response.status}")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    found = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


# -- scenarios ---------------------------------------------------------------------------------


@dataclass
class Scenario:
    name: str
    paths: list[str]
    cookie: str = ""


def scenarios(base: str, cookie: str) -> list[Scenario]:
    q = urllib.parse.quote_plus
    search = [f"/?q={q(text)}" for text in QUERIES] + ["/?q=izin&hal=20", "/?hal=100"]
    _, body, _ = fetch(base, "/?q=pelayanan")
    sop_ids = list(dict.fromkeys(re.findall(r'href="/sop/(\d+)/"', body)))[:20]
    _, body, _ = fetch(base, "/?q=izin&hal=7")
    sop_ids += list(dict.fromkeys(re.findall(r'href="/sop/(\d+)/"', body)))[:20]
    intranet = ["/sop/", "/sop/?hal=2", "/sop/?status=konsep", "/sop/?hal=200"] + [
        f"/sop/?q={q(text)}" for text in QUERIES[:10]
    ]
    return [
        Scenario("statis", ["/static/sopan/sopan.css"]),
        Scenario("404", ["/tidak-ada-di-sini/"]),
        Scenario("portal", ["/"]),
        Scenario("cari", search),
        Scenario("intranet", intranet, cookie),
        Scenario("halaman", [f"/sop/{pk}/" for pk in sop_ids] or ["/"]),
    ]


def check(base: str, scenario: Scenario) -> None:
    for path in scenario.paths:
        status, _, _ = fetch(base, path, scenario.cookie)
        expected = 404 if scenario.name == "404" else 200
        if status != expected:
            raise SystemExit(f"{scenario.name}: {path} answered {status}, not {expected}")


# -- load tools --------------------------------------------------------------------------------

LUA = r"""
local paths = {}
local i = 0
local cookie = os.getenv("BENCH_COOKIE") or ""
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
request = function()
  i = i % #paths + 1
  local headers = {}
  if cookie ~= "" then headers["Cookie"] = cookie end
  return wrk.format("GET", paths[i], headers)
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  if os.getenv("BENCH_EXPECT_404") ~= "1" then errors = errors + summary.errors.status end
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %f, "errors": %d, '
    .. '"p50": %f, "p95": %f, "p99": %f, "max": %f}\n',
    summary.requests, summary.duration / 1e6, errors,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


@dataclass
class Result:
    requests: int
    seconds: float
    errors: int
    p50: float
    p95: float
    p99: float
    max: float
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def run_wrk(base: str, scenario: Scenario, clients: int, duration: int, work: Path) -> Result:
    paths = work / f"{scenario.name}.paths"
    paths.write_text("\n".join(scenario.paths) + "\n")
    script = work / "bench.lua"
    script.write_text(LUA)
    env = {
        **os.environ,
        "BENCH_PATHS": str(paths),
        "BENCH_COOKIE": scenario.cookie,
        "BENCH_EXPECT_404": "1" if scenario.name == "404" else "0",
    }
    out = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(clients),
            "-d",
            f"{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base,
        ],
        env=env,
        text=True,
        capture_output=True,
        check=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    data = json.loads(line[len("BENCH ") :])
    return Result(**data)


def run_python(base: str, scenario: Scenario, clients: int, duration: int, think_ms: int) -> Result:
    parts = urllib.parse.urlsplit(base)
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    stop = time.perf_counter() + duration
    expected = 404 if scenario.name == "404" else 200
    headers = {"Cookie": scenario.cookie} if scenario.cookie else {}

    def client(n: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
        i = n
        while time.perf_counter() < stop:
            path = scenario.paths[i % len(scenario.paths)]
            i += 1
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != expected:
                    errors[n] += 1
            except (OSError, http.client.HTTPException):
                errors[n] += 1
                conn.close()
                conn = http.client.HTTPConnection(
                    parts.hostname or "127.0.0.1", parts.port, timeout=30
                )
                continue
            latencies[n].append((time.perf_counter() - start) * 1000)
            if think_ms:
                time.sleep(think_ms / 1000)
        conn.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    values = sorted(v for per in latencies for v in per)
    if not values:
        return Result(0, seconds, sum(errors), 0, 0, 0, 0)

    def pct(q: float) -> float:
        return values[min(len(values) - 1, round(q * (len(values) - 1)))]

    return Result(
        len(values),
        seconds,
        sum(errors),
        statistics.median(values),
        pct(0.95),
        pct(0.99),
        values[-1],
    )


# -- one backend ---------------------------------------------------------------------------------


def prepare(env: dict[str, str], scale: int) -> float:
    start = time.perf_counter()
    sopan(env, "demo", "--scale", str(scale), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(env: dict[str, str], args: argparse.Namespace, label: str) -> dict[str, Any]:
    prepared = prepare(env, args.scale)
    print(f"[{label}] database ready ({args.scale} SOPs) in {prepared:.0f} s", file=sys.stderr)
    results: dict[str, Result] = {}
    with serving(env, args.threads) as (base, pid), tempfile.TemporaryDirectory() as work:
        cookie = login(base)
        for scenario in scenarios(base, cookie):
            if args.only and scenario.name not in [*args.only, "404"]:
                continue
            check(base, scenario)
            for path in scenario.paths[:10]:  # warm up: templates, stemmer, connections
                fetch(base, path, scenario.cookie)
            cpu = cpu_seconds(pid)
            if args.tool == "wrk":
                result = run_wrk(base, scenario, args.clients, args.duration, Path(work))
            else:
                result = run_python(base, scenario, args.clients, args.duration, args.think)
            cpu = cpu_seconds(pid) - cpu
            result.extra["cpu_ms"] = cpu * 1000 / result.requests if result.requests else 0.0
            results[scenario.name] = result
            print(
                f"[{label}] {scenario.name:<9} {result.rps:7.1f} req/s  p50 {result.p50:7.1f}  "
                f"p95 {result.p95:7.1f} ms  server CPU {result.extra['cpu_ms']:5.1f} ms/req",
                file=sys.stderr,
            )
    return {"label": label, "results": results}


def report(runs: list[dict[str, Any]], args: argparse.Namespace) -> None:
    mode = f"{args.tool}, {args.clients} clients, {args.duration} s per scenario"
    if args.think:
        mode += f", think time {args.think} ms"
    print(f"\n{args.scale} SOPs; sopan serve --threads {args.threads}; {mode}")
    header = (
        f"{'database':<11} {'scenario':<9} {'requests':>8} {'req/s':>7} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'p99 ms':>7} {'max ms':>7} {'errors':>6} {'CPU ms':>6} "
        f"{'p50×404':>7} {'req/s×404':>9}"
    )
    print(header)
    for run in runs:
        results: dict[str, Result] = run["results"]
        base = results.get("404")
        for name, r in results.items():
            p50x = r.p50 / base.p50 if base and base.p50 else 0
            rpsx = r.rps / base.rps if base and base.rps else 0
            print(
                f"{run['label']:<11} {name:<9} {r.requests:>8} {r.rps:>7.1f} {r.p50:>7.1f} "
                f"{r.p95:>7.1f} {r.p99:>7.1f} {r.max:>7.1f} {r.errors:>6} "
                f"{r.extra['cpu_ms']:>6.1f} "
                f"{p50x:>7.2f} {rpsx:>9.2f}"
            )


def _pg(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=int, default=20, help="seconds per scenario")
    parser.add_argument("--threads", type=int, default=8, help="sopan serve --threads")
    parser.add_argument("--tool", choices=["wrk", "python"], default=None)
    parser.add_argument("--think", type=int, default=0, help="ms between requests (python)")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL too")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--data-dir", help="keep the SQLite database here (reused next time)")
    parser.add_argument("--keep-pg", action="store_true", help=f"keep database {PG_DB}")
    parser.add_argument(
        "--src", default=str(ROOT / "src"), help="source tree to serve (before/after runs)"
    )
    parser.add_argument("--only", nargs="*", default=[], help="scenarios to run (and 404)")
    args = parser.parse_args()
    if args.tool is None:
        args.tool = "wrk" if shutil.which("wrk") and not args.think else "python"
    if args.tool == "wrk" and args.think:
        parser.error("--think needs --tool python (wrk has no think time)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOPAN_")}
    env.update({"SOPAN_MODE": "demo", "PYTHONPATH": str(Path(args.src).resolve())})
    runs = []
    if not args.no_sqlite:
        folder = args.data_dir or tempfile.mkdtemp(prefix="sopan-load-")
        Path(folder).mkdir(parents=True, exist_ok=True)
        try:
            runs.append(measure({**env, "SOPAN_DATA_DIR": folder}, args, "SQLite"))
        finally:
            if not args.data_dir:
                shutil.rmtree(folder, ignore_errors=True)
    if args.postgres:
        folder = tempfile.mkdtemp(prefix="sopan-load-pg-")
        if not args.keep_pg:
            _pg(f"DROP DATABASE IF EXISTS {PG_DB}")
        with suppress(Exception):  # kept from an earlier --keep-pg run
            _pg(f"CREATE DATABASE {PG_DB}")
        url = f"postgresql://postgres@127.0.0.1:5432/{PG_DB}"
        try:
            pg_env = {**env, "SOPAN_DATA_DIR": folder, "SOPAN_DATABASE_URL": url}
            runs.append(measure(pg_env, args, "PostgreSQL"))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            if not args.keep_pg:
                _pg(f"DROP DATABASE IF EXISTS {PG_DB}")
    report(runs, args)


if __name__ == "__main__":
    main()

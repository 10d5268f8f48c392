"""The README's two commands, run in a clean clone (no venv, no cache, no database).

Marked slow: `make test` deselects it; `.ci/run` runs it through `make slow`.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("clean")
    subprocess.run(["git", "clone", "-q", str(REPO), str(root / "main")], check=True)
    if SHARED.exists():
        (root / "shared").symlink_to(SHARED)
    return root / "main"


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOPAN_", "DJANGO_"))}
    env.pop("VIRTUAL_ENV", None)
    return env


def test_make_run_installs_loads_demo_and_serves(clone: Path) -> None:
    port = _free_port()
    log = clone / "make-run.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            ["make", "run", f"PORT={port}"],
            cwd=clone,
            env=_clean_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        body = _wait_for_page(f"http://127.0.0.1:{port}/", process, log)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    printed = log.read_text()
    assert "Penerbitan KTP-el" in body  # a demo SOP in force, on the public portal
    assert f"http://127.0.0.1:{port}/" in printed
    assert re.search(r"demo\.penyusun", printed), printed[-2000:]
    assert (clone / "var" / "sopan.sqlite3").exists()


def _wait_for_page(url: str, process: subprocess.Popen[bytes], log: Path) -> str:
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("make run stopped early:\n" + log.read_text()[-4000:])
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            time.sleep(2)
    pytest.fail("make run did not serve the app in time:\n" + log.read_text()[-4000:])


def test_make_test_passes_in_clean_clone(clone: Path) -> None:
    result = subprocess.run(
        ["make", "test"],
        cwd=clone,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=3600,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    assert re.search(r"\d+ passed", result.stdout)

from __future__ import annotations

import pytest

from sopan.organisations.models import Instansi

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_command_prints_logins(run, settings, tmp_path) -> None:
    settings.DATA_DIR = tmp_path
    code, out, _ = run("demo")
    assert code == 0
    assert "demo.penyusun" in out and "sopan-demo" in out
    assert Instansi.objects.filter(kode="kab-sukamaju").exists()


def test_demo_refused_in_production(run, settings) -> None:
    settings.SOPAN_MODE = "production"
    code, _, err = run("demo")
    assert code == 2
    assert "mode produksi" in err
    assert not Instansi.objects.exists()

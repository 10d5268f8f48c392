"""`sopan import` (all-or-nothing) and `sopan export` through the command's entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopan.audit.models import AuditEvent
from sopan.document import load_path
from sopan.sops.models import Sop, SopVersion
from tests.cli.conftest import BROKEN_KEY, GOOD

pytestmark = pytest.mark.django_db(transaction=True)

OTHER = GOOD.replace("Pelayanan Legalisir Dokumen", "Pelayanan Surat Pindah").replace(
    "SOP-001/2025", "SOP-002/2025"
)


def _counts() -> tuple[int, int, int]:
    return Sop.objects.count(), SopVersion.objects.count(), AuditEvent.objects.count()


def test_import_several_files_into_the_named_unit(world, write, run) -> None:
    a, b = write("a.sop.yaml", GOOD), write("b.sop.yaml", OTHER)
    code, out, _ = run("import", "--instansi", "kab-a", "--unit", "DX", a, b)
    assert code == 0, out
    assert "Pelayanan Legalisir Dokumen" in out and "Pelayanan Surat Pindah" in out
    versions = SopVersion.objects.filter(sop__unit=world.dinas_x)
    assert sorted(versions.values_list("nama", flat=True)) == [
        "Pelayanan Legalisir Dokumen",
        "Pelayanan Surat Pindah",
    ]


def test_one_broken_file_imports_nothing_and_is_named(world, write, run) -> None:
    before = _counts()
    good = write("baik.sop.yaml", GOOD)
    broken = write("rusak.sop.yaml", BROKEN_KEY)
    code, _, err = run("import", "--instansi", "kab-a", "--unit", "DX", good, broken)
    assert code == 2
    assert "rusak.sop.yaml:2" in err
    assert "tidak ada yang diimpor" in err
    assert _counts() == before


def test_unknown_unit_imports_nothing(world, write, run) -> None:
    before = _counts()
    code, _, err = run("import", "--instansi", "kab-a", write("a.sop.yaml", GOOD))
    assert code == 2
    assert "Kecamatan Uji" in err and "--unit" in err
    assert _counts() == before


def test_unit_matched_from_the_document(world, write, run) -> None:
    text = GOOD.replace("unit: Kecamatan Uji", "unit: [Pemerintah Kabupaten A, Dinas Z]")
    code, _, _ = run("import", "--instansi", "kab-a", write("a.sop.yaml", text))
    assert code == 0
    assert SopVersion.objects.get().sop.unit == world.dinas_z


def test_export_round_trips_the_document(world, write, run, tmp_path: Path) -> None:
    source = write("a.sop.yaml", GOOD)
    run("import", "--instansi", "kab-a", "--unit", "DX", source)
    sop_id = Sop.objects.get().pk
    out_dir = tmp_path / "keluar"
    code, _, _ = run("export", sop_id, "-o", out_dir)
    assert code == 0
    written = out_dir / f"sop-{sop_id}-v1.sop.yaml"
    assert written.exists()
    assert load_path(written).document == load_path(source).document
    code, _, _ = run("export", "--format", "json", "-o", out_dir)
    assert load_path(out_dir / f"sop-{sop_id}-v1.sop.json").document == load_path(source).document


def test_export_with_nothing_to_export(db, run, tmp_path: Path) -> None:
    code, _, err = run("export", "999", "-o", tmp_path)
    assert code == 1
    assert "Tidak ada SOP" in err

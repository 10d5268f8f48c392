from __future__ import annotations

import json

from tests.cli.conftest import GOOD


def test_same_file_has_no_difference(write, run) -> None:
    path = write("a.sop.yaml", GOOD)
    code, _, _ = run("diff", path, path)
    assert code == 0


def test_changed_step_is_described(write, run) -> None:
    old = write("lama.sop.yaml", GOOD)
    new = write("baru.sop.yaml", GOOD.replace("waktu: 1 jam", "waktu: 2 jam"))
    code, out, _ = run("diff", old, new)
    assert code == 1
    assert "tanda" in out and "1 jam" in out and "2 jam" in out
    code, out, _ = run("diff", "--format", "json", old, new)
    data = json.loads(out)
    assert code == 1
    assert "tanda" in json.dumps(data)


def test_unloadable_side_exits_two(write, run) -> None:
    old = write("lama.sop.yaml", GOOD)
    new = write("baru.sop.yaml", "format: sopan/1\nnama: [\n")
    code, _, err = run("diff", old, new)
    assert code == 2
    assert "baru.sop.yaml:" in err

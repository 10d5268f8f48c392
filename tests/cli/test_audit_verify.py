"""`sopan audit verify` names an edited, deleted or inserted row."""

from __future__ import annotations

import pytest
from django.db import connection

from sopan.audit.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def _some_events() -> list[int]:
    instansi = factories.make_instansi("kab-audit", "Kabupaten Audit")
    for name in ("Dinas A", "Dinas B", "Dinas C"):
        factories.make_unit(instansi, name)
    return list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))


def test_intact_chain(run) -> None:
    _some_events()
    code, out, _ = run("audit", "verify")
    assert code == 0
    assert "utuh" in out


def test_edited_row_is_named(run) -> None:
    seqs = _some_events()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET object_repr = %s WHERE seq = %s", ["Dinas Palsu", seqs[2]]
        )
    code, out, _ = run("audit", "verify")
    assert code == 1
    assert f"#{seqs[2]}" in out


def test_deleted_row_is_named(run) -> None:
    seqs = _some_events()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq = %s", [seqs[1]])
    code, out, _ = run("audit", "verify")
    assert code == 1
    assert f"#{seqs[2]}" in out or f"#{seqs[1]}" in out

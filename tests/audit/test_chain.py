"""The hash chain: events link, and tampering by raw SQL is found and named."""

import itertools

import pytest
from django.db import connection
from django.utils import timezone

from sopan.audit.hashing import event_hash
from sopan.audit.models import GENESIS_HASH, AuditEvent, AuditHead
from sopan.audit.services import audit_record, audit_verify
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    user = factories.make_user("pencatat")
    return [
        audit_record(
            actor=user,
            action=f"uji.langkah{number}",
            object_type="uji.objek",
            object_id=number,
            object_repr=f"Objek {number}",
            before={"z": 1, "a": [1, 2], "tanggal": "2024-01-01"} if number % 2 else None,
            after={"nama": "Dinas Ö", "nested": {"b": True, "a": None}},
            note="catatan",
        )
        for number in range(1, 6)
    ]


def _sql(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _raw_insert(*, seq, prev_hash, hash_=None, action="palsu"):
    created_at = timezone.now()
    hash_ = hash_ or event_hash(
        seq=seq,
        created_at=created_at,
        actor_id=None,
        actor_username="",
        action=action,
        object_type="",
        object_id="",
        object_repr="",
        before=None,
        after=None,
        note="",
        prev_hash=prev_hash,
    )
    _sql(
        "INSERT INTO audit_auditevent (seq, created_at, actor_id, actor_username, action, "
        "object_type, object_id, object_repr, before, after, note, prev_hash, hash) "
        "VALUES (%s, %s, NULL, '', %s, '', '', '', NULL, NULL, '', %s, %s)",
        [seq, connection.ops.adapt_datetimefield_value(created_at), action, prev_hash, hash_],
    )


def _problems():
    report = audit_verify()
    return [(p.seq, p.kind, p.message) for p in report.problems]


def test_events_link_and_verify(events):
    assert events[0].prev_hash == GENESIS_HASH
    for previous, event in itertools.pairwise(events):
        assert event.prev_hash == previous.hash
        assert len(event.hash) == 64
    assert events[0].actor_username == "pencatat"
    head = AuditHead.objects.get()
    assert (head.seq, head.hash) == (events[-1].seq, events[-1].hash)
    report = audit_verify(chunk_size=2)
    assert report.ok and report.checked == 5


def test_stored_json_hashes_the_same_after_a_round_trip(events):
    # jsonb reorders keys on PostgreSQL; the hash must not care.
    stored = AuditEvent.objects.get(seq=events[0].seq)
    assert stored.before == {"a": [1, 2], "tanggal": "2024-01-01", "z": 1}
    assert audit_verify().ok


def test_empty_log_verifies():
    assert audit_verify().ok


def test_a_row_edited_by_hand_is_named(events):
    seq = events[2].seq
    _sql("UPDATE audit_auditevent SET action = %s WHERE seq = %s", ["diubah", seq])
    assert _problems() == [(seq, "changed", f"Baris #{seq} diubah setelah dicatat")]


def test_a_json_value_edited_by_hand_is_named(events):
    seq = events[1].seq
    _sql("UPDATE audit_auditevent SET after = NULL WHERE seq = %s", [seq])
    assert [p[:2] for p in _problems()] == [(seq, "changed")]


def test_a_middle_row_deleted_by_hand_is_named(events):
    _sql("DELETE FROM audit_auditevent WHERE seq = %s", [events[2].seq])
    seq = events[3].seq
    assert _problems() == [(seq, "deleted", f"Baris sebelum #{seq} dihapus")]


def test_the_first_row_deleted_by_hand_is_named(events):
    _sql("DELETE FROM audit_auditevent WHERE seq = %s", [events[0].seq])
    seq = events[1].seq
    assert _problems() == [(seq, "deleted", f"Baris sebelum #{seq} dihapus")]


def test_the_last_row_deleted_by_hand_is_named(events):
    seq = events[-1].seq
    _sql("DELETE FROM audit_auditevent WHERE seq = %s", [seq])
    assert _problems() == [(seq, "deleted", f"Baris terakhir #{seq} dihapus")]


def test_recording_after_a_deletion_still_names_the_gap(events):
    _sql("DELETE FROM audit_auditevent WHERE seq = %s", [events[-1].seq])
    later = audit_record(actor=None, action="uji.lanjut")
    assert _problems() == [(later.seq, "deleted", f"Baris sebelum #{later.seq} dihapus")]


def test_a_forged_row_appended_by_hand_is_named(events):
    seq = events[-1].seq + 1
    _raw_insert(seq=seq, prev_hash=events[-1].hash, hash_="f" * 64)
    assert _problems() == [(seq, "inserted", f"Baris #{seq} disisipkan")]


def test_a_well_forged_row_is_still_named(events):
    # The forger computes a correct hash and link; the head was not moved, so it shows.
    seq = events[-1].seq + 1
    _raw_insert(seq=seq, prev_hash=events[-1].hash)
    assert _problems() == [(seq, "inserted", f"Baris #{seq} disisipkan")]


def test_a_row_slipped_in_before_the_first_is_named(events):
    _raw_insert(seq=0, prev_hash=GENESIS_HASH)
    assert _problems() == [(0, "inserted", "Baris #0 disisipkan")]


def test_a_row_edited_and_rehashed_breaks_the_next_link(events):
    target = AuditEvent.objects.get(seq=events[1].seq)
    new_hash = event_hash(
        seq=target.seq,
        created_at=target.created_at,
        actor_id=target.actor_id,
        actor_username=target.actor_username,
        action="disamarkan",
        object_type=target.object_type,
        object_id=target.object_id,
        object_repr=target.object_repr,
        before=target.before,
        after=target.after,
        note=target.note,
        prev_hash=target.prev_hash,
    )
    _sql(
        "UPDATE audit_auditevent SET action = %s, hash = %s WHERE seq = %s",
        ["disamarkan", new_hash, target.seq],
    )
    assert [p[:2] for p in _problems()] == [(events[2].seq, "broken_link")]

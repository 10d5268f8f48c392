import pytest

from sopan.audit.models import AppendOnlyError, AuditEvent
from sopan.audit.selectors import events_for
from sopan.audit.serialize import snapshot
from sopan.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_an_event_cannot_be_saved_again_or_deleted():
    event = audit_record(actor=None, action="uji.catat")
    event.note = "diubah"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.get(seq=event.seq).note == ""


def test_events_for_and_snapshot(world):
    unit = world.dinas_x
    events = list(events_for(unit))
    assert [e.action for e in events] == ["unit.create"]
    assert events[0].object_repr == "Dinas X"
    data = snapshot(world.kabupaten_a, ["kode", "created_at"])
    assert data["kode"] == "kab-a"
    assert isinstance(data["created_at"], str) and "T" in data["created_at"]
    assert snapshot(unit, ["instansi", "parent"]) == {
        "instansi": world.kabupaten_a.pk,
        "parent": world.pemkab_a.pk,
    }


def test_anonymous_actor_is_recorded_without_id(anonymous):
    event = audit_record(actor=anonymous, action="uji.anonim")
    assert (event.actor_id, event.actor_username) == (None, "")

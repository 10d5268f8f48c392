"""Writing and verifying the audit log (the only code that writes :class:`AuditEvent`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, Literal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connection, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sopan.audit.hashing import event_hash
from sopan.audit.models import GENESIS_HASH, AuditEvent, AuditHead
from sopan.audit.serialize import to_json_value

# Any constant: the key of the PostgreSQL advisory lock that serialises writers of the chain.
_PG_LOCK_KEY = 0x50A9A0D1

ProblemKind = Literal["changed", "deleted", "inserted", "broken_link"]


def _lock_chain() -> None:
    """Serialise writers. SQLite: the IMMEDIATE transaction already holds the write lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])


def _object_identity(
    obj: models.Model | None, object_type: str | None, object_id: Any, object_repr: str | None
) -> tuple[str, str, str]:
    if obj is not None:
        object_type = object_type or f"{obj._meta.app_label}.{obj._meta.model_name}"
        object_id = object_id if object_id is not None else obj.pk
        object_repr = object_repr if object_repr is not None else str(obj)
    return (
        object_type or "",
        "" if object_id is None else str(object_id),
        (object_repr or "")[:255],
    )


@transaction.atomic
def audit_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: Any = None,
    object_repr: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """Append one event to the chain and return it."""
    _lock_chain()
    head, created = AuditHead.objects.select_for_update().get_or_create(pk=1)
    # Link to the head, not to the last row present: if the last rows were deleted by hand,
    # the new row then points at a missing hash and the deletion stays visible.
    prev_hash = head.hash
    if created:  # no head yet (a log from before the head existed): start from the last row
        last = AuditEvent.objects.order_by("-seq").values_list("hash", flat=True).first()
        prev_hash = last or GENESIS_HASH
    type_, id_, repr_ = _object_identity(obj, object_type, object_id, object_repr)
    actor_ok = actor is not None and actor.is_authenticated
    event = AuditEvent(
        created_at=timezone.now(),
        actor_id=actor.pk if actor_ok else None,  # type: ignore[union-attr]
        actor_username=actor.get_username()[:150] if actor_ok else "",  # type: ignore[union-attr]
        action=action,
        object_type=type_,
        object_id=id_,
        object_repr=repr_,
        before=to_json_value(before),
        after=to_json_value(after),
        note=note,
        prev_hash=prev_hash,
        hash="",
    )
    event.save()  # the database assigns seq; the hash covers it, so it is set just after
    event.hash = _hash_of(event)
    AuditEvent.objects.filter(seq=event.seq).update(hash=event.hash)
    AuditHead.objects.filter(pk=head.pk).update(seq=event.seq, hash=event.hash)
    return event


def _hash_of(event: AuditEvent) -> str:
    return event_hash(
        seq=event.seq,
        created_at=event.created_at,
        actor_id=event.actor_id,
        actor_username=event.actor_username,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        object_repr=event.object_repr,
        before=event.before,
        after=event.after,
        note=event.note,
        prev_hash=event.prev_hash,
    )


@dataclasses.dataclass(frozen=True)
class AuditProblem:
    seq: int
    kind: ProblemKind
    message: str  # in the active language (Indonesian by default)
    message_en: str = ""


MSG_CHANGED = gettext_noop("Baris #%(seq)s diubah setelah dicatat")
MSG_INSERTED = gettext_noop("Baris #%(seq)s disisipkan")
MSG_DELETED_BEFORE = gettext_noop("Baris sebelum #%(seq)s dihapus")
MSG_DELETED_LAST = gettext_noop("Baris terakhir #%(seq)s dihapus")
MSG_BROKEN_LINK = gettext_noop(
    "Rantai putus di baris #%(seq)s: hash sebelumnya tidak cocok dengan baris "
    "#%(prev)s (baris itu diubah lalu hash-nya dihitung ulang?)"
)


@dataclasses.dataclass
class AuditReport:
    checked: int = 0
    problems: list[AuditProblem] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Verifier:
    """Walks the chain once, in seq order, with one row of look-ahead.

    ``anchor`` is the last row trusted as part of the chain. A row whose ``prev_hash`` is not
    the anchor's hash was either inserted (the next row still links to the anchor), or comes
    after deleted rows (a gap in seq), or follows a row that was edited and re-hashed.
    Rows above the head (the last seq written by :func:`audit_record`) were inserted by hand.
    """

    def __init__(self, head_seq: int) -> None:
        self.head_seq = head_seq
        self.report = AuditReport()
        self.anchor: AuditEvent | None = None

    def add(self, kind: ProblemKind, seq: int, msgid: str, **params: object) -> None:
        params.setdefault("seq", seq)
        message = _(msgid) % params
        with translation.override("en"):
            message_en = _(msgid) % params
        self.report.problems.append(
            AuditProblem(seq=seq, kind=kind, message=message, message_en=message_en)
        )

    def expected_prev(self) -> str:
        return self.anchor.hash if self.anchor is not None else GENESIS_HASH

    def check(self, row: AuditEvent, following: AuditEvent | None) -> None:
        self.report.checked += 1
        expected = self.expected_prev()
        if row.seq > self.head_seq or self._skipped_by(row, following, expected):
            self.add("inserted", row.seq, MSG_INSERTED)
            return  # the anchor stays: the chain goes on from the row before
        if row.prev_hash != expected:
            self._broken(row)
        if _hash_of(row) != row.hash:
            self.add("changed", row.seq, MSG_CHANGED)
        self.anchor = row

    @staticmethod
    def _skipped_by(row: AuditEvent, following: AuditEvent | None, expected: str) -> bool:
        """True if the next row links past ``row`` to the anchor: ``row`` was slipped in."""
        return following is not None and following.prev_hash == expected != row.hash

    def _broken(self, row: AuditEvent) -> None:
        anchor_seq = self.anchor.seq if self.anchor is not None else 0
        if row.seq > anchor_seq + 1:
            self.add("deleted", row.seq, MSG_DELETED_BEFORE)
        else:
            self.add("broken_link", row.seq, MSG_BROKEN_LINK, prev=anchor_seq)

    def finish(self, head: AuditHead | None) -> AuditReport:
        if head is not None and head.seq:
            last = self.anchor
            if last is None or last.seq < head.seq:
                self.add("deleted", head.seq, MSG_DELETED_LAST)
            elif (
                last.seq == head.seq
                and last.hash != head.hash
                and not any(p.seq == head.seq for p in self.report.problems)
            ):
                self.add("changed", head.seq, MSG_CHANGED)
        return self.report


def audit_verify(*, chunk_size: int = 2000) -> AuditReport:
    """Check the whole chain and name every row that was changed, deleted or inserted."""
    head_at_start = AuditHead.objects.filter(pk=1).first()
    start_seq = head_at_start.seq if head_at_start else 0
    final: dict[str, AuditHead | None] = {}

    def rows() -> Iterator[AuditEvent]:
        # Everything written before we started, streamed (millions of rows are fine) ...
        yield from (
            AuditEvent.objects.filter(seq__lte=start_seq).order_by("seq").iterator(chunk_size)
        )
        # ... then the few rows written since, read with the head under the writers' lock so
        # a row being written right now is not mistaken for one inserted by hand.
        with transaction.atomic():
            _lock_chain()
            final["head"] = AuditHead.objects.filter(pk=1).first()
            tail = list(AuditEvent.objects.filter(seq__gt=start_seq).order_by("seq"))
        yield from tail

    # Without a head row (a database reset by hand) the rows above the head cannot be told.
    verifier = _Verifier(head_seq=start_seq if head_at_start else _NO_HEAD)
    for row, following in _with_next(rows()):
        if "head" in final:  # known once the look-ahead reached the tail
            head = final["head"]
            verifier.head_seq = head.seq if head is not None else _NO_HEAD
        verifier.check(row, following)
    return verifier.finish(final.get("head"))


_NO_HEAD = 2**63


def _with_next(items: Iterator[AuditEvent]) -> Iterator[tuple[AuditEvent, AuditEvent | None]]:
    """``(row, next row)`` pairs; the last row comes with ``None``."""
    current = next(items, None)
    for following in items:
        assert current is not None
        yield current, following
        current = following
    if current is not None:
        yield current, None

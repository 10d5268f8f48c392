"""The canonical form of an audit event and its SHA-256 (one place, used to write and verify)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any


def canonical_json(value: Any) -> str:
    """Key-sorted, compact JSON: PostgreSQL jsonb reorders keys, so order must not matter."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def timestamp_text(moment: dt.datetime) -> str:
    """UTC ISO text with microseconds, the same whichever database returned ``moment``."""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def event_hash(
    *,
    seq: int,
    created_at: dt.datetime,
    actor_id: int | None,
    actor_username: str,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    before: Any,
    after: Any,
    note: str,
    prev_hash: str,
) -> str:
    payload = [
        seq,
        timestamp_text(created_at),
        actor_id,
        actor_username,
        action,
        object_type,
        object_id,
        object_repr,
        before,
        after,
        note,
        prev_hash,
    ]
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()

"""JSON snapshots of model instances for the ``before``/``after`` of an audit event.

Values are reduced to JSON types that hash the same on SQLite and PostgreSQL: dates and
datetimes as ISO strings, decimals and UUIDs as strings, foreign keys as their id.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models

JsonValue = None | bool | int | str | list["JsonValue"] | dict[str, "JsonValue"]


def to_json_value(value: Any) -> JsonValue:
    """One Python value as a JSON value with a stable text form."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float | decimal.Decimal | uuid.UUID | dt.timedelta):
        # Floats as text: PostgreSQL jsonb may print numbers differently from Python.
        return str(value)
    if isinstance(value, models.Model):
        return to_json_value(value.pk)
    if isinstance(value, dict):
        return {str(key): to_json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_json_value(item) for item in value]
    if hasattr(value, "name") and isinstance(getattr(value, "name", None), str):
        return value.name  # FieldFile
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, JsonValue]:
    """``{field: value}`` of ``instance``; a foreign key ``unit`` is stored as its id."""
    result: dict[str, JsonValue] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        result[name] = to_json_value(getattr(instance, attname))
    return result

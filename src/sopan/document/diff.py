"""What changed between two versions of an SOP, by meaning rather than by line.

``DocumentDiff.to_dict()`` has this stable, JSON-able shape (every key always present)::

    {
      "identity": [{"field": "versi", "old": "1.0", "new": "1.1"}, ...],
      "fields":   [{"field": "ruang_lingkup.cakupan", "old": ..., "new": ...}, ...],
      "lists":    [{"element": "dasar_hukum", "added": [...], "removed": [...]}, ...],
      "actors": {"added": [{"id", "nama"}], "removed": [{"id", "nama"}],
                 "renamed": [{"id", "old", "new"}],        # same id, other nama
                 "reidentified": [{"nama", "old", "new"}]},  # same nama, other id
      "steps": {"added": [{"id", "kegiatan"}], "removed": [{"id", "kegiatan"}],
                "changed": [{"id", "kegiatan", "changes": [{"field", "old", "new"}]}],
                "moved": [{"id", "old_position", "new_position"}]}   # 1-based rows
    }

Values are JSON values (dates as ``YYYY-MM-DD``); list items of ``definisi`` and the like are
compared as whole items.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sopan.document.model import SopDocument, Step
from sopan.i18n import gettext_noop, translate

IDENTITY = ("nama", "nomor", "jenis", "versi", "instansi", "unit", "standar_waktu")
IDENTITY_BLOCKS = ("tanggal", "disahkan_oleh")
ELEMENT_FIELDS = ("tujuan", "ruang_lingkup.cakupan", "pelaporan.kepada", "pelaporan.frekuensi")
ELEMENT_LISTS = (
    "ruang_lingkup.pengecualian",
    "definisi",
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan",
    "peringatan",
    "pencatatan",
    "indikator",
    "eskalasi",
    "lampiran",
    "riwayat",
)


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ListChange:
    element: str
    added: list[Any]
    removed: list[Any]


@dataclass(frozen=True)
class StepChange:
    id: str
    kegiatan: str | None
    changes: list[FieldChange]


@dataclass
class DocumentDiff:
    identity: list[FieldChange] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)
    lists: list[ListChange] = field(default_factory=list)
    actors: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    steps: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    changed_steps: list[StepChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        nothing_listed = not any(self.actors.values()) and not any(self.steps.values())
        changed = self.identity or self.fields or self.lists or self.changed_steps
        return not changed and nothing_listed

    def to_dict(self) -> dict[str, Any]:
        return {
            "identity": [asdict(c) for c in self.identity],
            "fields": [asdict(c) for c in self.fields],
            "lists": [asdict(c) for c in self.lists],
            "actors": self.actors,
            "steps": {**self.steps, "changed": [asdict(c) for c in self.changed_steps]},
        }

    def to_text(self, lang: str = "id") -> str:
        return "\n".join(_text_lines(self, lang))


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def _get(data: dict[str, Any], dotted: str) -> Any:
    for part in dotted.split("."):
        data = data.get(part) if isinstance(data, dict) else None  # type: ignore[assignment]
    return data


def _field_changes(old: dict[str, Any], new: dict[str, Any], names: list[str]) -> list[FieldChange]:
    return [
        FieldChange(n, _get(old, n), _get(new, n)) for n in names if _get(old, n) != _get(new, n)
    ]


def diff_documents(old: SopDocument, new: SopDocument) -> DocumentDiff:
    """Compare two documents; ``diff_documents(d, d).is_empty`` holds."""
    a, b = _json(old.model_dump(mode="json")), _json(new.model_dump(mode="json"))
    identity = list(IDENTITY)
    for block in IDENTITY_BLOCKS:
        identity += [f"{block}.{k}" for k in a[block]]
    result = DocumentDiff(
        identity=_field_changes(a, b, identity),
        fields=_field_changes(a, b, list(ELEMENT_FIELDS)),
    )
    for name in ELEMENT_LISTS:
        before, after = _get(a, name) or [], _get(b, name) or []
        added = [x for x in after if x not in before]
        removed = [x for x in before if x not in after]
        if added or removed:
            result.lists.append(ListChange(name, added, removed))
    result.actors = _actor_changes(a["pelaksana"], b["pelaksana"])
    _step_changes(old.langkah, new.langkah, result)
    return result


def _actor_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, list[Any]]:
    before = {x["id"]: x for x in old}
    after = {x["id"]: x for x in new}
    added = [x for k, x in after.items() if k not in before]
    removed = [x for k, x in before.items() if k not in after]
    renamed = [
        {"id": k, "old": before[k]["nama"], "new": x["nama"]}
        for k, x in after.items()
        if k in before and before[k]["nama"] != x["nama"]
    ]
    reidentified = []
    for gone in list(removed):
        twin = next((x for x in added if x["nama"] == gone["nama"]), None)
        if twin is not None:
            reidentified.append({"nama": gone["nama"], "old": gone["id"], "new": twin["id"]})
            removed.remove(gone)
            added.remove(twin)
    short = [{"id": x["id"], "nama": x["nama"]} for x in added]
    gone_short = [{"id": x["id"], "nama": x["nama"]} for x in removed]
    return {"added": short, "removed": gone_short, "renamed": renamed, "reidentified": reidentified}


def _step_changes(old: list[Step], new: list[Step], result: DocumentDiff) -> None:
    before = {s.step_id: s for s in old}
    after = {s.step_id: s for s in new}
    result.steps = {
        "added": [{"id": k, "kegiatan": s.kegiatan} for k, s in after.items() if k not in before],
        "removed": [{"id": k, "kegiatan": s.kegiatan} for k, s in before.items() if k not in after],
        "moved": _moved(list(before), list(after)),
    }
    for step_id, step in after.items():
        if step_id in before and before[step_id] != step:
            a = _json(before[step_id].model_dump(mode="json"))
            b = _json(step.model_dump(mode="json"))
            changes = [FieldChange(k, a[k], b[k]) for k in a if a[k] != b[k]]
            result.changed_steps.append(StepChange(step_id, step.kegiatan, changes))


def _moved(old: list[str], new: list[str]) -> list[dict[str, Any]]:
    common_old = [s for s in old if s in set(new)]
    common_new = [s for s in new if s in set(old)]
    matcher = difflib.SequenceMatcher(a=common_old, b=common_new, autojunk=False)
    kept = {common_new[b.b + i] for b in matcher.get_matching_blocks() for i in range(b.size)}
    return [
        {"id": s, "old_position": old.index(s) + 1, "new_position": new.index(s) + 1}
        for s in common_new
        if s not in kept
    ]


_T = {
    "empty": gettext_noop("Tidak ada perubahan."),
    "field": gettext_noop("`{field}` diubah: {old} → {new}"),
    "list_added": gettext_noop("{element}: ditambah {item}"),
    "list_removed": gettext_noop("{element}: dihapus {item}"),
    "actor_added": gettext_noop("Pelaksana ditambah: {nama} ({id})"),
    "actor_removed": gettext_noop("Pelaksana dihapus: {nama} ({id})"),
    "actor_renamed": gettext_noop("Pelaksana {id} berganti nama: {old} → {new}"),
    "actor_reidentified": gettext_noop("Pelaksana {nama} berganti id: {old} → {new}"),
    "step_added": gettext_noop("Langkah {id} ({kegiatan}) ditambah"),
    "step_removed": gettext_noop("Langkah {id} ({kegiatan}) dihapus"),
    "step_changed": gettext_noop("Langkah {id} ({kegiatan}) diubah: {field} {old} → {new}"),
    "step_moved": gettext_noop("Langkah {id} dipindah dari baris {old} ke baris {new}"),
}


def _show(value: Any) -> str:
    if value is None or value == []:
        return "–"
    if isinstance(value, str):
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def _text_lines(diff: DocumentDiff, lang: str) -> list[str]:
    def t(key: str, **params: Any) -> str:
        return translate(_T[key], lang, **params)

    lines = [
        t("field", field=c.field, old=_show(c.old), new=_show(c.new))
        for c in [*diff.identity, *diff.fields]
    ]
    for change in diff.lists:
        lines += [t("list_added", element=change.element, item=_show(x)) for x in change.added]
        lines += [t("list_removed", element=change.element, item=_show(x)) for x in change.removed]
    lines += [t("actor_added", **x) for x in diff.actors.get("added", [])]
    lines += [t("actor_removed", **x) for x in diff.actors.get("removed", [])]
    lines += [t("actor_renamed", **x) for x in diff.actors.get("renamed", [])]
    lines += [t("actor_reidentified", **x) for x in diff.actors.get("reidentified", [])]
    lines += [t("step_added", **x) for x in diff.steps.get("added", [])]
    lines += [t("step_removed", **x) for x in diff.steps.get("removed", [])]
    for step in diff.changed_steps:
        for c in step.changes:
            params = {"id": step.id, "kegiatan": step.kegiatan or "–", "field": c.field}
            lines.append(t("step_changed", old=_show(c.old), new=_show(c.new), **params))
    lines += [
        t("step_moved", id=x["id"], old=x["old_position"], new=x["new_position"])
        for x in diff.steps.get("moved", [])
    ]
    return lines or [t("empty")]

"""The editor's form: every element of a document as named HTML fields, and back.

The editor is one plain HTML form (it posts without JavaScript too). Field names follow the
document's own keys:

- single values by their dotted path: ``nama``, ``tanggal.efektif``, ``disahkan_oleh.nip``;
- lists of lines as one textarea, one item per line: ``peralatan``, ``ruang_lingkup.pengecualian``;
- ``dasar_hukum`` as repeated inputs (one line each, with the register picker);
- tables of small rows as repeated columns, zipped in order: ``definisi.istilah`` +
  ``definisi.arti``;
- actors and steps as keyed rows (``pelaksana.<a>.nama``, ``langkah.<k>.kegiatan``) whose
  order is the order of the repeated hidden ``pelaksana`` / ``langkah`` keys, so the editor JS
  moves a row by moving its ``<tr>``. A step ticks its actors by *row key*
  (``langkah.<k>.pelaksana`` = ``a``), so renaming an actor's id never breaks a step; the
  server turns keys into ids.

:func:`form_validate` turns the posted form into a :class:`SopDocument` with the document
core's own rules (``SopDocument.model_validate`` and the loader's reference checks) and maps
every problem back to the field (anchor id) where the user typed it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import ValidationError

from sopan.document import Problem, SopDocument
from sopan.document.integrity import check_integrity
from sopan.document.validation import problems_from_validation
from sopan.organisations.models import Unit

# Single values (POST name = dotted document path).
SCALARS = (
    "nama",
    "jenis",
    "versi",
    "instansi",
    "standar_waktu",
    "tanggal.pembuatan",
    "tanggal.revisi",
    "tanggal.efektif",
    "disahkan_oleh.jabatan",
    "disahkan_oleh.nama",
    "disahkan_oleh.nip",
    "tujuan",
    "ruang_lingkup.cakupan",
    "pelaporan.kepada",
    "pelaporan.frekuensi",
)
# Lists of text, one item per line of a textarea. ``unit`` is text or a list (top down).
LINES = (
    "unit",
    "ruang_lingkup.pengecualian",
    "kualifikasi_pelaksana",
    "peralatan",
    "peringatan",
    "pencatatan",
)
# Tables of small rows: element → its columns.
TABLES: dict[str, tuple[str, ...]] = {
    "definisi": ("istilah", "arti"),
    "keterkaitan": ("sop", "hubungan"),
    "indikator": ("nama", "rumus", "target", "frekuensi"),
    "eskalasi": ("kondisi", "tindakan", "kepada"),
    "lampiran": ("nama", "berkas"),
    "riwayat": ("versi", "tanggal", "ringkasan", "alasan"),
}
STEP_TEXTS = ("id", "no", "kegiatan", "simbol", "kelengkapan", "waktu", "output", "keterangan")
STEP_FIELDS = (*STEP_TEXTS, "pelaksana", "ke", "cabang")
ACTOR_FIELDS = ("id", "nama", "jenis")


@dataclass
class ActorRow:
    key: str
    id: str = ""
    nama: str = ""
    jenis: str = "internal"


@dataclass
class StepRow:
    key: str
    texts: dict[str, str] = field(default_factory=dict)
    actors: list[str] = field(default_factory=list)  # actor row keys
    ke: str = ""  # step ids, comma separated (several = parallel)
    cabang: list[tuple[str, str]] = field(default_factory=list)  # (label, target step id)

    def is_blank(self) -> bool:
        filled = any(v.strip() for k, v in self.texts.items() if k != "simbol")
        return not (filled or self.actors or self.ke.strip() or any(a or b for a, b in self.cabang))


@dataclass
class EditorForm:
    """What the editor shows and posts, as text (so a wrong value is shown back as typed)."""

    scalars: dict[str, str] = field(default_factory=dict)
    lines: dict[str, str] = field(default_factory=dict)
    dasar_hukum: list[str] = field(default_factory=list)
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    actors: list[ActorRow] = field(default_factory=list)
    steps: list[StepRow] = field(default_factory=list)


@dataclass
class Checked:
    """The outcome of :func:`form_validate`: a document, or problems keyed by anchor id."""

    document: SopDocument | None
    errors: dict[str, list[str]]
    # anchor of a document path's form field, for findings of the quality checks
    anchors: dict[tuple[Any, ...], str]

    def anchor(self, step: str | None, field_name: str | None) -> str:
        return anchor_for(self.anchors, step, field_name, self.document)


# ---------------------------------------------------------------------------------------------
# document → form
# ---------------------------------------------------------------------------------------------


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def _lines(value: Any) -> str:
    if value is None:
        return ""
    return "\n".join(str(v) for v in value) if isinstance(value, list) else str(value)


def _dig(data: dict[str, Any], dotted: str) -> Any:
    value: Any = data
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def form_from_document(document: SopDocument) -> EditorForm:
    data = document.model_dump(mode="json")
    form = EditorForm(
        scalars={name: _s(_dig(data, name)) for name in SCALARS},
        lines={name: _lines(_dig(data, name)) for name in LINES},
        dasar_hukum=list(data["dasar_hukum"]),
    )
    for element, columns in TABLES.items():
        rows = []
        for item in data[element]:
            if isinstance(item, str):  # keterkaitan written as plain text
                item = {"sop": "", "hubungan": item}
            rows.append({c: _s(item.get(c)) for c in columns})
        form.tables[element] = rows
    key_of: dict[str, str] = {}
    for a, actor in enumerate(data["pelaksana"]):
        key_of[actor["id"]] = str(a)
        form.actors.append(ActorRow(str(a), actor["id"], _s(actor["nama"]), actor["jenis"]))
    for k, step in enumerate(data["langkah"]):
        texts = {name: _s(step.get(name)) for name in STEP_TEXTS}
        texts["kelengkapan"] = _lines(step["kelengkapan"])
        form.steps.append(
            StepRow(
                key=str(k),
                texts=texts,
                actors=[key_of[a] for a in step["pelaksana"] if a in key_of],
                ke=", ".join(step["ke"]) if isinstance(step["ke"], list) else _s(step["ke"]),
                cabang=[(_s(b["label"]), _s(b["ke"])) for b in step["cabang"]],
            )
        )
    return form


# ---------------------------------------------------------------------------------------------
# POST → form
# ---------------------------------------------------------------------------------------------

_KEY = re.compile(r"\d{1,6}")


def _keys(post: QueryDict, name: str) -> list[str]:
    seen: list[str] = []
    for key in post.getlist(name):
        if _KEY.fullmatch(key) and key not in seen:
            seen.append(key)
    return seen


def form_from_post(post: QueryDict) -> EditorForm:
    form = EditorForm(
        scalars={name: post.get(name, "") for name in SCALARS},
        lines={name: post.get(name, "") for name in LINES},
        dasar_hukum=post.getlist("dasar_hukum"),
    )
    for element, columns in TABLES.items():
        values = [post.getlist(f"{element}.{c}") for c in columns]
        count = max((len(v) for v in values), default=0)
        form.tables[element] = [
            {c: (v[i] if i < len(v) else "") for c, v in zip(columns, values, strict=True)}
            for i in range(count)
        ]
    for a in _keys(post, "pelaksana"):
        if post.get(f"pelaksana.{a}.hapus"):
            continue
        form.actors.append(
            ActorRow(
                a,
                post.get(f"pelaksana.{a}.id", "").strip(),
                post.get(f"pelaksana.{a}.nama", ""),
                post.get(f"pelaksana.{a}.jenis", "internal"),
            )
        )
    for k in _keys(post, "langkah"):
        if post.get(f"langkah.{k}.hapus"):
            continue
        labels = post.getlist(f"langkah.{k}.cabang.label")
        targets = post.getlist(f"langkah.{k}.cabang.ke")
        pairs = [
            (labels[i] if i < len(labels) else "", targets[i] if i < len(targets) else "")
            for i in range(max(len(labels), len(targets)))
        ]
        form.steps.append(
            StepRow(
                key=k,
                texts={name: post.get(f"langkah.{k}.{name}", "") for name in STEP_TEXTS},
                actors=[a for a in post.getlist(f"langkah.{k}.pelaksana") if _KEY.fullmatch(a)],
                ke=post.get(f"langkah.{k}.ke", ""),
                cabang=pairs,
            )
        )
    return form


def form_pairs(form: EditorForm) -> list[tuple[str, str]]:
    """The (name, value) pairs a browser posts for ``form`` (the inverse of form_from_post;
    the benchmark and the tests post with it)."""
    pairs = [(name, form.scalars.get(name, "")) for name in SCALARS]
    pairs += [(name, form.lines.get(name, "")) for name in LINES]
    pairs += [("dasar_hukum", line) for line in form.dasar_hukum]
    for element, rows in form.tables.items():
        for row in rows:
            pairs += [(f"{element}.{c}", row.get(c, "")) for c in TABLES[element]]
    for actor in form.actors:
        pairs.append(("pelaksana", actor.key))
        pairs += [(f"pelaksana.{actor.key}.{n}", getattr(actor, n)) for n in ACTOR_FIELDS]
    for step in form.steps:
        k = step.key
        pairs.append(("langkah", k))
        pairs += [(f"langkah.{k}.{n}", step.texts.get(n, "")) for n in STEP_TEXTS]
        pairs += [(f"langkah.{k}.pelaksana", a) for a in step.actors]
        pairs.append((f"langkah.{k}.ke", step.ke))
        for label, target in step.cabang:
            pairs += [(f"langkah.{k}.cabang.label", label), (f"langkah.{k}.cabang.ke", target)]
    return pairs


# ---------------------------------------------------------------------------------------------
# form → data → document
# ---------------------------------------------------------------------------------------------


def _opt(text: str) -> str | None:
    text = text.strip()
    return text or None


def _line_list(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _text_or_list(text: str) -> str | list[str] | None:
    items = _line_list(text)
    if not items:
        return None
    return items[0] if len(items) == 1 else items


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def _number_or_text(text: str) -> int | str | None:
    text = text.strip()
    if not text:
        return None
    return int(text) if text.isdigit() and not text.startswith("0") else text


def _free_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    taken.add(candidate)
    return candidate


def anchor_id(*parts: Any) -> str:
    """Element id of a field: ``f-langkah-3-kegiatan`` (``-`` between parts)."""
    return "f-" + "-".join(str(p) for p in parts).replace(".", "-")


@dataclass
class _Built:
    data: dict[str, Any]
    anchors: dict[tuple[Any, ...], str]


def form_data(form: EditorForm, *, nomor: str | None) -> _Built:
    """The plain document data of the form (what a file would hold) and where each part is.

    ``nomor`` is not edited here (it is assigned on approval): the stored one is kept.
    """
    data: dict[str, Any] = {"format": "sopan/1"}
    anchors: dict[tuple[Any, ...], str] = {}
    for name in SCALARS:
        _set(data, name, _opt(form.scalars.get(name, "")))
        anchors[tuple(name.split("."))] = anchor_id(name)
    data["nama"] = form.scalars.get("nama", "").strip()  # required: "" reads as missing below
    if not data["nama"]:
        del data["nama"]
    data["nomor"] = nomor or None
    data["unit"] = _text_or_list(form.lines.get("unit", ""))
    anchors[("unit",)] = anchor_id("unit")
    for name in LINES[1:]:
        _set(data, name, _line_list(form.lines.get(name, "")))
        anchors[tuple(name.split("."))] = anchor_id(name)
    data["dasar_hukum"] = []
    for i, line in enumerate(form.dasar_hukum):
        if line.strip():
            anchors[("dasar_hukum", len(data["dasar_hukum"]))] = anchor_id("dasar_hukum", i)
            data["dasar_hukum"].append(line.strip())
    anchors[("dasar_hukum",)] = anchor_id("dasar_hukum")
    for element, rows in form.tables.items():
        data[element] = []
        anchors[(element,)] = anchor_id(element)
        for i, row in enumerate(rows):
            item = {c: _opt(v) for c, v in row.items()}
            if not any(item.values()):
                continue
            for c in row:
                anchors[(element, len(data[element]), c)] = anchor_id(element, i, c)
            anchors[(element, len(data[element]))] = anchor_id(element, i)
            if element == "keterkaitan" and item["sop"] is None:
                data[element].append(item["hubungan"])
                continue
            data[element].append({c: v for c, v in item.items() if v is not None})
    _actors_data(form, data, anchors)
    _steps_data(form, data, anchors)
    return _Built(data, anchors)


def _actors_data(form: EditorForm, data: dict[str, Any], anchors: dict[Any, str]) -> None:
    data["pelaksana"] = []
    taken = {row.id for row in form.actors if row.id}
    for row in form.actors:
        if not row.id and not row.nama.strip():
            continue
        i = len(data["pelaksana"])
        actor_id = row.id or _free_id(slugify(row.nama).replace("-", "_")[:40] or "aktor", taken)
        row.id = actor_id  # shown back, so the user sees the id that was made
        data["pelaksana"].append({"id": actor_id, "nama": _opt(row.nama), "jenis": row.jenis})
        anchors[("pelaksana", i)] = anchor_id("pelaksana", row.key)
        for name in ACTOR_FIELDS:
            anchors[("pelaksana", i, name)] = anchor_id("pelaksana", row.key, name)


def _steps_data(form: EditorForm, data: dict[str, Any], anchors: dict[Any, str]) -> None:
    id_of_key = {row.key: row.id for row in form.actors if row.id}
    data["langkah"] = []
    taken = {row.texts.get("id", "").strip() for row in form.steps} | {
        row.texts.get("no", "").strip() for row in form.steps
    }
    for row in form.steps:
        if row.is_blank():
            continue
        i = len(data["langkah"])
        t: dict[str, str | None] = {name: _opt(row.texts.get(name, "")) for name in STEP_TEXTS}
        if t["id"] is None and t["no"] is None:
            row.texts["id"] = t["id"] = _free_id(f"l{row.key}", taken)
        targets = [x.strip() for x in row.ke.split(",") if x.strip()]
        step: dict[str, Any] = {
            "id": t["id"],
            "no": _number_or_text(t["no"] or ""),
            "kegiatan": t["kegiatan"],
            "simbol": t["simbol"] or "proses",
            "pelaksana": [id_of_key[a] for a in row.actors if a in id_of_key],
            "kelengkapan": _text_or_list(row.texts.get("kelengkapan", "")),
            "waktu": t["waktu"],
            "output": t["output"],
            "keterangan": t["keterangan"],
            "ke": None if not targets else (targets[0] if len(targets) == 1 else targets),
            "cabang": [],
        }
        for label, target in row.cabang:
            if label.strip() or target.strip():
                branch: dict[str, Any] = {"label": _opt(label)}
                if target.strip():
                    branch["ke"] = target.strip()
                step["cabang"].append(branch)
        data["langkah"].append(step)
        anchors[("langkah", i)] = anchor_id("langkah", row.key)
        for name in STEP_FIELDS:
            anchors[("langkah", i, name)] = anchor_id("langkah", row.key, name)


# ---------------------------------------------------------------------------------------------
# validation through the document core
# ---------------------------------------------------------------------------------------------

_HUMAN_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _path_of(human: str) -> tuple[Any, ...]:
    """``"langkah[3].waktu"`` (validation.human_path) → ``("langkah", 2, "waktu")``."""
    parts: list[Any] = []
    for name, index in _HUMAN_PART.findall(human):
        parts.append(int(index) - 1 if index else name)
    return tuple(parts)


def _nearest(anchors: dict[tuple[Any, ...], str], path: tuple[Any, ...]) -> str:
    for depth in range(len(path), 0, -1):
        found = anchors.get(path[:depth])
        if found:
            return found
    return anchor_id("identitas")


def form_validate(form: EditorForm, *, nomor: str | None, lang: str = "id") -> Checked:
    """The document of ``form`` (the same rules as loading a file), or the problems at their
    fields, in ``lang``."""
    built = form_data(form, nomor=nomor)
    errors: dict[str, list[str]] = {}
    document: SopDocument | None = None
    try:
        document = SopDocument.model_validate(built.data)
    except ValidationError as exc:
        for problem in problems_from_validation(exc, built.data, lambda p, k: None, ""):
            path = _path_of(str(problem.params.get("path", "")))
            if problem.code == "key.unknown":
                path = ()
            errors.setdefault(_nearest(built.anchors, path), []).append(problem.message(lang))
    for finding in check_integrity(built.data):
        params = dict(finding.params)
        if "first" in params:  # "(baris N)": the row of the table here, not a file line
            params["first_line"] = params.pop("first")[1] + 1
        message = Problem(finding.code, "", None, None, params).message(lang)
        errors.setdefault(_nearest(built.anchors, tuple(finding.path)), []).append(message)
    return Checked(document if not errors else None, errors, built.anchors)


def anchor_for(
    anchors: dict[tuple[Any, ...], str],
    step: str | None,
    field_name: str | None,
    document: SopDocument | None,
) -> str:
    """The anchor of a quality finding's location (a step and/or a dotted field)."""
    path: tuple[Any, ...] = ()
    if step is not None and document is not None:
        index = next((i for i, s in enumerate(document.langkah) if s.step_id == step), None)
        if index is not None:
            path = ("langkah", index, *([field_name] if field_name else []))
    elif field_name:
        path = tuple(int(p) if p.isdigit() else p for p in field_name.split("."))
    return _nearest(anchors, path) if path else anchor_id("identitas")


def empty_document(*, nama: str, instansi: str, unit: str) -> SopDocument:
    """A new draft: its name, where it belongs, and nothing else yet."""
    return SopDocument.model_validate(
        {"format": "sopan/1", "nama": nama, "instansi": instansi, "unit": unit}
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.nama} ({obj.instansi.nama})"


class NewDraftForm(forms.Form):
    """Start a draft: the owning unit, then a name (empty start) or an SOP file."""

    unit = UnitChoiceField(queryset=Unit.objects.none(), label=gettext_lazy("Unit kerja"))
    nama = forms.CharField(label=gettext_lazy("Nama SOP"), max_length=500, required=False)
    berkas = forms.FileField(
        label=gettext_lazy("atau impor berkas .sop.yaml / .json"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml,.json"}),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units
        if not self.is_bound and units.count() == 1:
            self.initial["unit"] = units.first()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("berkas")
        if not upload and not (data.get("nama") or "").strip():
            raise forms.ValidationError(
                _("Isi nama SOP untuk mulai dari kosong, atau pilih berkas SOP untuk diimpor.")
            )
        if upload:
            name = (upload.name or "").lower()
            if not name.endswith((".yaml", ".yml", ".json")):
                self.add_error(
                    "berkas", _("Berkas SOP harus berakhiran .sop.yaml, .yaml, .yml atau .json.")
                )
        return data

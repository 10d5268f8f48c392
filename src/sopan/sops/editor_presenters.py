"""What the editor template shows: every field of an :class:`EditorForm` with its element id,
value and errors, plus the blank rows a browser without JavaScript uses to add a row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sopan.sops.editor_forms import (
    LINES,
    SCALARS,
    STEP_TEXTS,
    TABLES,
    ActorRow,
    EditorForm,
    StepRow,
    anchor_id,
)

FREKUENSI = ("harian", "mingguan", "bulanan", "triwulanan", "semesteran", "tahunan")
SIMBOL = (
    ("mulai", _("Mulai")),
    ("proses", _("Proses")),
    ("keputusan", _("Keputusan")),
    ("selesai", _("Selesai")),
)
JENIS_SOP = (("administratif", _("Administratif")), ("teknis", _("Teknis")))
JENIS_PELAKSANA = (
    ("internal", _("internal")),
    ("eksternal", _("eksternal")),
    ("sistem", _("sistem")),
)
TABLE_TITLES: dict[str, Promise] = {
    "definisi": _("Definisi"),
    "keterkaitan": _("Keterkaitan"),
    "indikator": _("Indikator keberhasilan"),
    "eskalasi": _("Eskalasi"),
    "lampiran": _("Lampiran (daftar dalam dokumen)"),
    "riwayat": _("Riwayat perubahan"),
}
COLUMN_LABELS: dict[str, Promise] = {
    "definisi.istilah": _("Istilah"),
    "definisi.arti": _("Arti"),
    "keterkaitan.sop": _("SOP terkait (nomor atau nama)"),
    "keterkaitan.hubungan": _("Hubungan / keterangan"),
    "indikator.nama": _("Nama indikator"),
    "indikator.rumus": _("Rumus"),
    "indikator.target": _("Target"),
    "indikator.frekuensi": _("Frekuensi"),
    "eskalasi.kondisi": _("Kondisi"),
    "eskalasi.tindakan": _("Tindakan"),
    "eskalasi.kepada": _("Kepada"),
    "lampiran.nama": _("Nama"),
    "lampiran.berkas": _("Nama berkas"),
    "riwayat.versi": _("Versi"),
    "riwayat.tanggal": _("Tanggal"),
    "riwayat.ringkasan": _("Ringkasan"),
    "riwayat.alasan": _("Alasan"),
}


@dataclass
class FieldView:
    name: str
    id: str
    value: str
    errors: list[str] = field(default_factory=list)
    label: Any = ""
    kind: str = "text"


@dataclass
class ActorView:
    key: str
    id: FieldView
    nama: FieldView
    jenis: str
    errors: list[str]
    blank: bool = False


@dataclass
class StepView:
    key: str
    number: int
    f: dict[str, FieldView]
    actors: list[dict[str, Any]]
    cabang: list[tuple[FieldView, FieldView]]
    errors: list[str]
    blank: bool = False


def _fv(name: str, anchor: str, value: str, errors: dict[str, list[str]], **kw: Any) -> FieldView:
    return FieldView(name, anchor, value, errors.get(anchor, []), **kw)


def _actor_view(row: ActorRow, errors: dict[str, list[str]], blank: bool = False) -> ActorView:
    a = row.key
    return ActorView(
        key=a,
        id=_fv(f"pelaksana.{a}.id", anchor_id("pelaksana", a, "id"), row.id, errors),
        nama=_fv(f"pelaksana.{a}.nama", anchor_id("pelaksana", a, "nama"), row.nama, errors),
        jenis=row.jenis,
        errors=errors.get(anchor_id("pelaksana", a), []),
        blank=blank,
    )


def _step_view(
    row: StepRow, number: int, actors: list[ActorRow], errors: dict[str, list[str]], blank: bool
) -> StepView:
    k = row.key
    # Every text field, also on the blank row and the template row (whose texts are empty).
    f = {
        name: _fv(
            f"langkah.{k}.{name}", anchor_id("langkah", k, name), row.texts.get(name, ""), errors
        )
        for name in STEP_TEXTS
    }
    f["ke"] = _fv(f"langkah.{k}.ke", anchor_id("langkah", k, "ke"), row.ke, errors)
    for name in ("pelaksana", "cabang"):
        f[name] = _fv(f"langkah.{k}.{name}", anchor_id("langkah", k, name), "", errors)
    pairs = list(row.cabang)
    wanted = 2 if row.texts.get("simbol") == "keputusan" else 1
    pairs += [("", "")] * max(wanted - len(pairs), 1 if not blank else 0)
    if blank and not pairs:
        pairs = [("", "")]
    cabang = [
        (
            FieldView(f"langkah.{k}.cabang.label", "", label),
            FieldView(f"langkah.{k}.cabang.ke", "", target),
        )
        for label, target in pairs
    ]
    return StepView(
        key=k,
        number=number,
        f=f,
        actors=[
            {"key": a.key, "label": a.nama or a.id, "checked": a.key in row.actors}
            for a in actors
            if a.id or a.nama
        ],
        cabang=cabang,
        errors=errors.get(anchor_id("langkah", k), []),
        blank=blank,
    )


def _next_key(keys: list[str]) -> str:
    return str(max((int(k) for k in keys), default=-1) + 1)


def editor_fields(form: EditorForm, errors: dict[str, list[str]]) -> dict[str, Any]:
    """The template context of the form part of the editor."""
    scalars = {
        name.replace(".", "_"): _fv(name, anchor_id(name), form.scalars.get(name, ""), errors)
        for name in SCALARS
    }
    lines = {
        name.replace(".", "_"): _fv(name, anchor_id(name), form.lines.get(name, ""), errors)
        for name in LINES
    }
    dasar = [
        _fv("dasar_hukum", anchor_id("dasar_hukum", i), line, errors)
        for i, line in enumerate([*form.dasar_hukum, ""])
    ]
    tables = []
    for element, columns in TABLES.items():
        rows = [*form.tables.get(element, []), dict.fromkeys(columns, "")]
        tables.append(
            {
                "name": element,
                "id": anchor_id(element),
                "title": TABLE_TITLES[element],
                "errors": errors.get(anchor_id(element), []),
                "columns": [{"name": c, "label": COLUMN_LABELS[f"{element}.{c}"]} for c in columns],
                "rows": [
                    [
                        _fv(
                            f"{element}.{c}",
                            anchor_id(element, i, c),
                            row.get(c, ""),
                            errors,
                            label=COLUMN_LABELS[f"{element}.{c}"],
                            kind=_kind(element, c),
                        )
                        for c in columns
                    ]
                    for i, row in enumerate(rows)
                ],
            }
        )
    actor_key = _next_key([a.key for a in form.actors])
    actors = [_actor_view(a, errors) for a in form.actors]
    actors.append(_actor_view(ActorRow(actor_key), errors, blank=True))
    step_key = _next_key([s.key for s in form.steps])
    steps = [_step_view(s, n, form.actors, errors, False) for n, s in enumerate(form.steps, 1)]
    blank_step = StepRow(step_key, texts={"simbol": "proses"})
    steps.append(_step_view(blank_step, len(steps) + 1, form.actors, errors, True))
    template_step = _step_view(
        StepRow("__k__", texts={"simbol": "proses"}), 0, form.actors, {}, True
    )
    return {
        "f": scalars,
        "lines": lines,
        "dasar_hukum": dasar,
        "tables": tables,
        "actors": actors,
        "steps": steps,
        "template_step": template_step,
        "template_actor": _actor_view(ActorRow("__a__"), {}, blank=True),
        "step_ids": [s.texts.get("id") or s.texts.get("no") for s in form.steps],
        "simbol_choices": SIMBOL,
        "jenis_pelaksana_choices": JENIS_PELAKSANA,
        "frekuensi_choices": FREKUENSI,
        "frekuensi_select": [("", "—"), *((v, v) for v in FREKUENSI)],
        "jenis_choices": [("", "—"), *JENIS_SOP],
    }


def _kind(element: str, column: str) -> str:
    if column == "frekuensi":
        return "frekuensi"
    if column == "tanggal":
        return "date"
    if column in ("arti", "rumus", "tindakan", "ringkasan", "alasan", "hubungan"):
        return "textarea"
    return "text"

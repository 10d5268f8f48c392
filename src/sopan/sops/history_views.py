"""History of an SOP (its versions on a timeline) and the side-by-side difference view.

Both show only the versions the person may see (:func:`versions_visible_to`): the public sees
the approved versions of a public SOP; people with a role on the SOP's unit see its drafts
too, and the details of each status change (who, when, why).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from sopan.document import SopDocument, Step, diff_documents
from sopan.organisations.models import Person
from sopan.organisations.selectors import user_has_role
from sopan.sops.lifecycle_models import Approval, Publication
from sopan.sops.models import SopVersion, VersionTransition
from sopan.sops.selectors import ALL_ROLES, versions_visible_to

FIELD_LABELS: dict[str, Any] = {
    "nama": _("Nama SOP"),
    "nomor": _("Nomor SOP"),
    "jenis": _("Jenis SOP"),
    "versi": _("Versi dokumen"),
    "instansi": _("Instansi"),
    "unit": _("Unit Kerja"),
    "standar_waktu": _("Standar waktu"),
    "tanggal.pembuatan": _("Tanggal Pembuatan"),
    "tanggal.revisi": _("Tanggal Revisi"),
    "tanggal.efektif": _("Tanggal Efektif"),
    "disahkan_oleh.jabatan": _("Disahkan oleh (jabatan)"),
    "disahkan_oleh.nama": _("Disahkan oleh (nama)"),
    "disahkan_oleh.nip": _("Disahkan oleh (NIP)"),
    "tujuan": _("Tujuan"),
    "ruang_lingkup.cakupan": _("Ruang lingkup"),
    "ruang_lingkup.pengecualian": _("Pengecualian"),
    "pelaporan.kepada": _("Pelaporan kepada"),
    "pelaporan.frekuensi": _("Frekuensi pelaporan"),
    "definisi": _("Definisi"),
    "dasar_hukum": _("Dasar Hukum"),
    "kualifikasi_pelaksana": _("Kualifikasi Pelaksana"),
    "keterkaitan": _("Keterkaitan"),
    "peralatan": _("Peralatan/Perlengkapan"),
    "peringatan": _("Peringatan"),
    "pencatatan": _("Pencatatan dan Pendataan"),
    "indikator": _("Indikator"),
    "eskalasi": _("Eskalasi"),
    "lampiran": _("Lampiran"),
    "riwayat": _("Riwayat revisi"),
}
STEP_LABELS: dict[str, Any] = {
    "id": _("Kode langkah"),
    "no": _("No"),
    "kegiatan": _("Kegiatan"),
    "simbol": _("Simbol"),
    "pelaksana": _("Pelaksana"),
    "kelengkapan": _("Kelengkapan"),
    "waktu": _("Waktu"),
    "output": _("Output"),
    "keterangan": _("Keterangan"),
    "ke": _("Lanjut ke"),
    "cabang": _("Cabang keputusan"),
}
CHANGE_LABELS: dict[str, Any] = {
    "added": _("Ditambah"),
    "removed": _("Dihapus"),
    "changed": _("Diubah"),
    "moved": _("Dipindah"),
    "same": _("Tetap"),
}


def show(value: Any) -> str:
    """A document value as one line of text for the difference view."""
    if value is None or value == [] or value == "":
        return "–"
    if isinstance(value, list):
        return "; ".join(show(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {show(v)}" for k, v in value.items() if v not in (None, "", []))
    return str(value)


def display_names(users: Iterable[Any]) -> dict[int, str]:
    """How to call each user on a page: their Person's name, else full name, else username.
    One query for all of them."""
    by_id = {user.pk: user for user in users if user is not None}
    people = Person.objects.filter(user_id__in=by_id).values_list("user_id", "nama")
    names = {user_id: nama for user_id, nama in people if nama}
    return {
        pk: names.get(pk) or user.get_full_name() or user.get_username()
        for pk, user in by_id.items()
    }


# -- history ---------------------------------------------------------------------------------


@dataclass
class HistoryEntry:
    version: SopVersion
    document: SopDocument
    efektif: dt.date | None
    approvals: list[Approval]
    transitions: list[VersionTransition]
    alasan: str = ""
    ringkasan: str = ""
    previous: int | None = None
    created_by: str = ""


def _may_see_drafts(request: HttpRequest, version: SopVersion) -> bool:
    return user_has_role(request.user, ALL_ROLES, version.sop.unit)


def _visible_versions(request: HttpRequest, sop_id: int) -> list[SopVersion]:
    transitions = VersionTransition.objects.select_related("actor").order_by("at", "id")
    approvals = Approval.objects.filter(invalidated_at__isnull=True).order_by("urutan", "at")
    versions = (
        versions_visible_to(request.user)
        .filter(sop_id=sop_id)
        .select_related("sop__unit", "sop__instansi", "created_by")
        .prefetch_related(
            Prefetch("transitions", queryset=transitions),
            Prefetch("approvals", queryset=approvals),
        )
        .order_by("-number")
    )
    return list(versions)


def _entry(version: SopVersion, publications: dict[int, Publication]) -> HistoryEntry:
    document = version.document_model()
    publication = publications.get(version.pk)
    efektif = publication.efektif if publication is not None else None
    entry = HistoryEntry(
        version=version,
        document=document,
        efektif=efektif or document.tanggal.efektif,
        approvals=list(version.approvals.all()),
        transitions=list(version.transitions.all()),
    )
    for line in document.riwayat:
        if line.versi in (str(version.number), document.versi):
            entry.alasan, entry.ringkasan = line.alasan or "", line.ringkasan or ""
    return entry


@require_GET
def history(request: HttpRequest, sop_id: int) -> HttpResponse:
    versions = _visible_versions(request, sop_id)
    if not versions:
        raise Http404
    publications = {
        p.version_id: p for p in Publication.objects.filter(version__in=[v.pk for v in versions])
    }
    entries = [_entry(version, publications) for version in versions]
    users = [v.created_by for v in versions] + [t.actor for e in entries for t in e.transitions]
    names = display_names(users)
    for entry in entries:
        entry.created_by = names.get(entry.version.created_by_id or 0, "")
        for transition in entry.transitions:
            transition.actor_name = names.get(transition.actor_id or 0, "")  # type: ignore[attr-defined]
    for newer, older in itertools.pairwise(entries):
        newer.previous = older.version.number
    context = {
        "sop": versions[0].sop,
        "latest": entries[0],
        "entries": entries,
        "internal": _may_see_drafts(request, versions[0]),
        "numbers": [v.number for v in versions],
    }
    return render(request, "sops/history/history.html", context)


# -- differences -----------------------------------------------------------------------------


@dataclass
class StepRow:
    kind: str
    label: Any
    old: Step | None
    new: Step | None
    changes: list[dict[str, str]] = field(default_factory=list)
    moved: dict[str, int] | None = None


def _actor_names(document: SopDocument, ids: list[str]) -> str:
    names = {actor.id: actor.nama or actor.id for actor in document.pelaksana}
    return ", ".join(names.get(i, i) for i in ids)


def _step_value(document: SopDocument, name: str, value: Any) -> str:
    if name == "pelaksana" and isinstance(value, list):
        return _actor_names(document, [str(v) for v in value])
    if name == "cabang" and isinstance(value, list):
        return "; ".join(f"{c.get('label') or '–'} → {c.get('ke')}" for c in value)
    return show(value)


def step_rows(old: SopDocument, new: SopDocument) -> list[StepRow]:
    """Both step lists aligned for a side-by-side view: new order, removed steps after the
    last step before them that stayed."""
    diff = diff_documents(old, new)
    before = {s.step_id: s for s in old.langkah}
    after = {s.step_id: s for s in new.langkah}
    changed = {c.id: c for c in diff.changed_steps}
    moved = {m["id"]: m for m in diff.steps.get("moved", [])}
    removed_after: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for step_id in before:
        if step_id in after:
            anchor = step_id
        else:
            removed_after.setdefault(anchor, []).append(step_id)

    def removed(anchor_id: str | None) -> list[StepRow]:
        return [
            StepRow("removed", CHANGE_LABELS["removed"], before[i], None)
            for i in removed_after.get(anchor_id, [])
        ]

    rows = removed(None)
    for step_id, step in after.items():
        if step_id not in before:
            rows.append(StepRow("added", CHANGE_LABELS["added"], None, step))
        elif step_id in changed:
            changes = [
                {
                    "field": str(STEP_LABELS.get(c.field, c.field)),
                    "old": _step_value(old, c.field, c.old),
                    "new": _step_value(new, c.field, c.new),
                }
                for c in changed[step_id].changes
            ]
            row = StepRow("changed", CHANGE_LABELS["changed"], before[step_id], step, changes)
            row.moved = moved.get(step_id)
            rows.append(row)
        elif step_id in moved:
            row = StepRow("moved", CHANGE_LABELS["moved"], before[step_id], step)
            row.moved = moved[step_id]
            rows.append(row)
        else:
            rows.append(StepRow("same", CHANGE_LABELS["same"], before[step_id], step))
        rows += removed(step_id)
    return rows


def diff_context(old: SopDocument, new: SopDocument) -> dict[str, Any]:
    diff = diff_documents(old, new)
    fields = [
        {"label": FIELD_LABELS.get(c.field, c.field), "old": show(c.old), "new": show(c.new)}
        for c in [*diff.identity, *diff.fields]
    ]
    lists = [
        {
            "label": FIELD_LABELS.get(c.element, c.element),
            "added": [show(x) for x in c.added],
            "removed": [show(x) for x in c.removed],
        }
        for c in diff.lists
    ]
    rows = step_rows(old, new)
    return {
        "is_empty": diff.is_empty,
        "fields": fields,
        "lists": lists,
        "actors": diff.actors,
        "rows": rows,
        "counts": {
            kind: sum(1 for r in rows if r.kind == kind)
            for kind in ("added", "removed", "changed", "moved")
        },
        "labels": CHANGE_LABELS,
    }


@require_GET
def compare_pick(request: HttpRequest, sop_id: int) -> HttpResponse:
    """The form on the history page: two version numbers → the difference view."""
    try:
        a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError:
        return redirect("sops:history", sop_id=sop_id)
    return redirect("sops:diff", sop_id=sop_id, a=a, b=b)


@require_GET
def difference(request: HttpRequest, sop_id: int, a: int, b: int) -> HttpResponse:
    versions = {v.number: v for v in _visible_versions(request, sop_id)}
    if a not in versions or b not in versions:
        raise Http404
    old, new = versions[a], versions[b]
    old_doc, new_doc = old.document_model(), new.document_model()
    context: dict[str, Any] = {
        "sop": old.sop,
        "old": old,
        "new": new,
        "old_doc": old_doc,
        "new_doc": new_doc,
        "numbers": sorted(versions, reverse=True),
        "old_approvals": list(old.approvals.all()),
        "new_approvals": list(new.approvals.all()),
    }
    context.update(diff_context(old_doc, new_doc))
    return render(request, "sops/history/diff.html", context)

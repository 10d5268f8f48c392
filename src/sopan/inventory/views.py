"""Inventory pages: home (priorities without an SOP first, coverage), ranked list, Tabel 6,
process pages, import, weights, and the XLSX exports. Every page needs a signed-in user with a
role in ``VIEW_ROLES``; writes are checked again by the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sopan.inventory import exports, services
from sopan.inventory.choices import Aspek, Kategori, SopState
from sopan.inventory.forms import DraftsForm, ImportForm, PrioritySettingsForm, ProcessForm
from sopan.inventory.models import PrioritySettings, Process
from sopan.inventory.scoring import FACTOR_NAMES
from sopan.inventory.selectors import (
    can_edit,
    can_set_weights,
    coverage,
    instansi_visible,
    processes_visible_to,
    rank,
    ranked_processes,
    unit_label,
    units_editable,
    units_visible,
    weights_for,
)
from sopan.inventory.spreadsheet import SpreadsheetError, import_spreadsheet
from sopan.inventory.workbooks import template_xlsx
from sopan.organisations.models import Instansi, Unit
from sopan.sops.selectors import sops_visible_to

TOP_ON_HOME = 10
PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Scope:
    """The instansi and the unit filter of a request, with what the user may do there."""

    def __init__(self, request: HttpRequest) -> None:
        user = request.user
        choices = list(instansi_visible(user))
        if not choices:
            raise PermissionDenied
        wanted = request.GET.get("instansi", "")
        self.instansi: Instansi = next((i for i in choices if str(i.pk) == wanted), choices[0])
        self.instansi_choices = choices
        self.units = units_visible(user).filter(instansi=self.instansi).order_by("path")
        self.unit: Unit | None = None
        unit_id = request.GET.get("unit", "")
        if unit_id.isdigit():
            self.unit = self.units.filter(pk=int(unit_id)).first()
        self.kategori = request.GET.get("kategori", "")
        if self.kategori not in Kategori.values:
            self.kategori = ""
        self.tanpa_sop = request.GET.get("tanpa_sop") == "1"
        self.editable = units_editable(user, self.instansi)
        self.can_edit = self.editable.exists()
        self.can_set_weights = can_set_weights(user, self.instansi)

    def context(self) -> dict[str, Any]:
        return {
            "scope": self,
            "unit_choices": [(u.pk, "· " * u.depth + unit_label(u)) for u in self.units],
            "kategori_choices": Kategori.choices,
        }

    def subtitle(self) -> str:
        where = unit_label(self.unit) if self.unit else self.instansi.nama
        return _("{where}, dicetak {date}").format(
            where=where, date=timezone.localdate().strftime("%d-%m-%Y")
        )


def _process_or_404(request: HttpRequest, pk: int) -> Process:
    process = processes_visible_to(request.user).filter(pk=pk).first()
    if process is None:
        raise Http404
    return process


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = Scope(request)
    processes = list(processes_visible_to(request.user, instansi=scope.instansi, unit=scope.unit))
    ranked = rank(processes, weights_for(scope.instansi))
    top = [item for item in ranked if item.state != SopState.BERLAKU][:TOP_ON_HOME]
    return render(
        request,
        "inventory/home.html",
        {**scope.context(), "top": top, "coverage": coverage(processes), "count": len(processes)},
    )


@login_required
def ranked_list(request: HttpRequest) -> HttpResponse:
    scope = Scope(request)
    ranked = ranked_processes(
        request.user,
        instansi=scope.instansi,
        unit=scope.unit,
        kategori=scope.kategori or None,
        tanpa_sop=scope.tanpa_sop,
    )
    page = Paginator(ranked, PAGE_SIZE).get_page(request.GET.get("hal"))
    editable_ids = set(scope.editable.values_list("id", flat=True))
    return render(
        request,
        "inventory/ranked.html",
        {**scope.context(), "page": page, "editable_ids": editable_ids, "query": _query(request)},
    )


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("hal", None)
    return query.urlencode()


@login_required
def ranked_xlsx(request: HttpRequest) -> HttpResponse:
    scope = Scope(request)
    ranked = ranked_processes(
        request.user,
        instansi=scope.instansi,
        unit=scope.unit,
        kategori=scope.kategori or None,
        tanpa_sop=scope.tanpa_sop,
    )
    return _xlsx(exports.ranked_xlsx(ranked, subtitle=scope.subtitle()), "peringkat-proses")


@login_required
def tabel6(request: HttpRequest) -> HttpResponse:
    scope = Scope(request)
    processes = processes_visible_to(request.user, instansi=scope.instansi, unit=scope.unit)
    return render(
        request,
        "inventory/tabel6.html",
        {**scope.context(), "rows": exports.tabel6_rows(processes)},
    )


@login_required
def tabel6_xlsx(request: HttpRequest) -> HttpResponse:
    scope = Scope(request)
    processes = list(processes_visible_to(request.user, instansi=scope.instansi, unit=scope.unit))
    content = exports.tabel6_xlsx(processes, subtitle=scope.subtitle())
    return _xlsx(content, "tabel-6-identifikasi-sop")


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.xlsx"'
    return response


@login_required
def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process_or_404(request, pk)
    weights = weights_for(process.instansi)
    (item,) = rank([process], weights)
    factors = [
        (name, item.score.nilai[name], weights.weight(name), item.score.poin[name])
        for name in FACTOR_NAMES
    ]
    return render(
        request,
        "inventory/process_detail.html",
        {
            "process": process,
            "item": item,
            "factors": factors,
            "weights": weights,
            "can_edit": can_edit(request.user, process.unit),
        },
    )


def _form_context(request: HttpRequest, scope: Scope, form: ProcessForm) -> dict[str, Any]:
    return {**scope.context(), "form": form, "aspek_choices": Aspek.choices}


def _process_form(request: HttpRequest, scope: Scope, **kwargs: Any) -> ProcessForm:
    sops = sops_visible_to(request.user).filter(instansi=scope.instansi).order_by("kode")
    return ProcessForm(
        request.POST or None,
        units=scope.editable.order_by("path"),
        sops=sops,
        **kwargs,
    )


def _add_errors(form: ProcessForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


@login_required
@require_http_methods(["GET", "POST"])
def process_create(request: HttpRequest) -> HttpResponse:
    scope = Scope(request)
    if not scope.can_edit:
        raise PermissionDenied
    initial = {"unit": scope.unit.pk} if scope.unit else {}
    form = _process_form(request, scope, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            process = services.process_create(
                unit=form.cleaned_data["unit"], data=form.to_data(), by=request.user
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Proses ditambahkan ke inventaris."))
            return redirect("inventory:process", pk=process.pk)
    return render(request, "inventory/process_form.html", _form_context(request, scope, form))


@login_required
@require_http_methods(["GET", "POST"])
def process_update(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process_or_404(request, pk)
    if not can_edit(request.user, process.unit):
        raise PermissionDenied
    scope = Scope(request)
    form = _process_form(request, scope, instance=process)
    if request.method == "POST" and form.is_valid():
        try:
            services.process_update(
                process=process,
                unit=form.cleaned_data["unit"],
                data=form.to_data(),
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Perubahan proses disimpan."))
            return redirect("inventory:process", pk=process.pk)
    context = _form_context(request, scope, form)
    context["process"] = process
    return render(request, "inventory/process_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def process_delete(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process_or_404(request, pk)
    if not can_edit(request.user, process.unit):
        raise PermissionDenied
    if request.method == "POST":
        services.process_delete(process=process, by=request.user)
        messages.success(request, _("Proses dihapus dari inventaris."))
        return redirect("inventory:home")
    return render(request, "inventory/process_delete.html", {"process": process})


@login_required
@require_POST
def process_draft(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process_or_404(request, pk)
    if not can_edit(request.user, process.unit):
        raise PermissionDenied
    try:
        version = services.process_create_draft(process=process, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("inventory:process", pk=process.pk)
    messages.success(
        request, _("Konsep SOP “{nama}” dibuat dan dihubungkan.").format(nama=version.nama)
    )
    return redirect("sops:version", sop_id=version.sop_id, number=version.number)


@login_required
@require_POST
def drafts_create(request: HttpRequest) -> HttpResponse:
    scope = Scope(request)
    editable = processes_visible_to(request.user, instansi=scope.instansi).filter(
        unit__in=scope.editable, sop__isnull=True
    )
    form = DraftsForm(request.POST, processes=editable)
    if not form.is_valid():
        for problems in form.errors.values():
            messages.error(request, " ".join(str(p) for p in problems))
        return redirect("inventory:ranked")
    try:
        versions = services.processes_create_drafts(
            processes=form.cleaned_data["proses"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("{count} konsep SOP dibuat dan dihubungkan.").format(count=len(versions))
        )
    return redirect("inventory:ranked")


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    scope = Scope(request)
    if not scope.can_edit:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["berkas"]
        try:
            content = _read_limited(upload)
            result = import_spreadsheet(
                instansi=scope.instansi, filename=upload.name, content=content, by=request.user
            )
        except SpreadsheetError as error:
            problems = error.messages
        else:
            messages.success(
                request,
                _("Impor selesai: {created} proses ditambahkan, {updated} diperbarui.").format(
                    created=len(result.created), updated=len(result.updated)
                ),
            )
            return redirect("inventory:home")
    return render(
        request,
        "inventory/import.html",
        {**scope.context(), "form": form, "problems": problems},
    )


def _read_limited(upload: Any) -> bytes:
    from sopan.inventory.spreadsheet import max_bytes

    if upload.size is not None and upload.size > max_bytes():
        raise SpreadsheetError(
            [
                _("Berkas terlalu besar ({size} KB); paling besar {limit} KB.").format(
                    size=upload.size // 1024, limit=max_bytes() // 1024
                )
            ]
        )
    return bytes(upload.read())


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    scope = Scope(request)
    codes = [(unit.kode, unit_label(unit)) for unit in scope.editable.order_by("path")]
    response = HttpResponse(template_xlsx(unit_codes=codes), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-inventaris-proses.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def weights_view(request: HttpRequest) -> HttpResponse:
    scope = Scope(request)
    if not scope.can_set_weights:
        raise PermissionDenied
    current = PrioritySettings.objects.filter(instansi=scope.instansi).first()
    form = PrioritySettingsForm(
        request.POST or None, instance=current or PrioritySettings(instansi=scope.instansi)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.priority_settings_update(
                instansi=scope.instansi, values=form.cleaned_data, by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Bobot prioritas disimpan."))
            return redirect("inventory:home")
    return render(request, "inventory/weights.html", {**scope.context(), "form": form})

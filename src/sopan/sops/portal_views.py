"""The public portal (``/``), the intranet SOP list (``/sop/``) and the SOP page (``/sop/<id>/``).

The portal shows the versions in force of public SOPs to everybody, with the Indonesian
full-text search of :mod:`sopan.sops.search`; the intranet list adds what the signed-in
person may see (drafts of their units), with status, review-due filter and the number of
findings of each draft.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from sopan.checks import run_checks
from sopan.organisations.models import Instansi, Unit
from sopan.organisations.selectors import units_with_role
from sopan.render.html import CSS as DOCUMENT_CSS
from sopan.render.html import render_html
from sopan.sops.choices import SopKind, VersionStatus
from sopan.sops.downloads import render_options_for
from sopan.sops.editor_access import may_draft_for
from sopan.sops.models import SopVersion
from sopan.sops.quality import config_for, register_lookup
from sopan.sops.search import (
    highlight,
    matching_lines,
    query_terms,
    rank_by_title,
    search_filter,
)
from sopan.sops.selectors import ALL_ROLES, sop_list_for, versions_visible_to
from sopan.sops.views import _downloads
from sopan.web.caching import cache_for_anonymous

MAX_QUERY = 200


# -- shared pieces ---------------------------------------------------------------------------


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def document_fragment(version: SopVersion) -> str:
    """The HTML rendering without its inline ``<style>`` (the CSP allows only our files;
    the same rules are served by :func:`document_css`)."""
    options = render_options_for(version, lang=get_language())
    return render_html(version.document_model(), options, embed_css=False)


@require_GET
@cache_control(max_age=3600, public=True)
def document_css(request: HttpRequest) -> HttpResponse:
    return HttpResponse(DOCUMENT_CSS, content_type="text/css; charset=utf-8")


@dataclass
class Filters:
    q: str = ""
    unit: Unit | None = None
    jenis: str = ""
    instansi: Instansi | None = None
    status: str = ""
    review_due: bool = False

    def query(self, **extra: Any) -> str:
        """The filters as a query string (for the pager links)."""
        values = {
            "q": self.q,
            "unit": self.unit.pk if self.unit else "",
            "jenis": self.jenis,
            "instansi": self.instansi.pk if self.instansi else "",
            "status": self.status,
            "tinjau": "1" if self.review_due else "",
            **extra,
        }
        return urlencode({k: v for k, v in values.items() if v not in ("", None)})


def _one(rows: QuerySet[Any], value: str | None) -> Any:
    """The row of ``rows`` with the id ``value`` (None when it is not a number or not there)."""
    pk = _int(value)
    return rows.filter(pk=pk).first() if pk is not None else None


def _filters(request: HttpRequest, units: QuerySet[Unit], instansi: QuerySet[Instansi]) -> Filters:
    get = request.GET
    jenis = get.get("jenis", "")
    status = get.get("status", "")
    return Filters(
        q=get.get("q", "").strip()[:MAX_QUERY],
        unit=_one(units, get.get("unit")),
        jenis=jenis if jenis in SopKind.values else "",
        instansi=_one(instansi, get.get("instansi")),
        status=status if status in VersionStatus.values else "",
        review_due=get.get("tinjau") == "1",
    )


def _apply(
    versions: QuerySet[SopVersion], filters: Filters
) -> tuple[QuerySet[SopVersion], list[str]]:
    if filters.instansi is not None:
        versions = versions.filter(sop__instansi=filters.instansi)
    if filters.unit is not None:
        versions = versions.filter(sop__unit__path__startswith=filters.unit.path)
    if filters.jenis:
        versions = versions.filter(jenis=filters.jenis)
    terms = query_terms(filters.q)
    versions = rank_by_title(search_filter(versions, terms), terms)
    return versions, terms


def _decorate(page: Page[SopVersion], terms: list[str]) -> None:
    for version in page.object_list:
        document = version.document or {}
        version.title_html = highlight(version.nama, terms)
        version.nomor_html = highlight(version.nomor, terms)
        version.lines = matching_lines(document, terms)
        tanggal = document.get("tanggal") or {}
        version.efektif = _date(tanggal.get("efektif"))
        version.revisi = _date(tanggal.get("revisi"))


def _page(
    request: HttpRequest, ranked: QuerySet[SopVersion], rows: QuerySet[SopVersion]
) -> Page[Any]:
    """The page of ``ranked`` asked for, its versions loaded from ``rows``.

    Two steps on purpose: ranking and counting read only ids and small columns; whole rows
    (the document JSON) are read for the page's 25 versions only. Selecting them in the
    ranked query made SQLite carry every matching document through its sorter.
    """
    ids = ranked.values_list("id", flat=True)
    page: Page[Any] = Paginator(ids, settings.SOPAN_PAGE_SIZE).get_page(request.GET.get("hal"))
    wanted = list(page.object_list)
    loaded = rows.in_bulk(wanted)
    page.object_list = [loaded[pk] for pk in wanted if pk in loaded]
    return page


# -- the public portal -----------------------------------------------------------------------


def portal_versions() -> QuerySet[SopVersion]:
    """The versions in force of every public SOP."""
    return SopVersion.objects.filter(status__in=VersionStatus.IN_FORCE, sop__is_public=True)


@require_GET
@cache_for_anonymous(settings.SOPAN_PORTAL_CACHE_SECONDS)
def portal(request: HttpRequest) -> HttpResponse:
    in_force = portal_versions()
    instansi = Instansi.objects.filter(Exists(in_force.filter(sop__instansi=OuterRef("pk"))))
    instansi_list = list(instansi.order_by("nama"))
    units = Unit.objects.filter(Exists(in_force.filter(sop__unit=OuterRef("pk"))))
    filters = _filters(request, units, instansi)
    if filters.instansi is not None:
        units = units.filter(instansi=filters.instansi)
    versions, terms = _apply(in_force, filters)
    page = _page(request, versions, SopVersion.objects.select_related("sop__unit", "sop__instansi"))
    _decorate(page, terms)
    context = {
        "page": page,
        "filters": filters,
        "instansi_list": instansi_list if len(instansi_list) > 1 else [],
        "units": units.select_related("instansi").order_by("instansi__nama", "path"),
        "kinds": SopKind.choices,
        "several_instansi": len(instansi_list) > 1,
    }
    return render(request, "sops/portal/portal.html", context)


# -- the intranet list -----------------------------------------------------------------------


@login_required
@require_GET
def sop_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    units = units_with_role(user, ALL_ROLES)
    filters = _filters(request, units, Instansi.objects.all())
    versions = sop_list_for(user, status=filters.status or None)
    if filters.review_due:
        today = timezone.localdate().isoformat()
        versions = versions.filter(document__tanggal__revisi__lte=today)
    in_force = SopVersion.objects.filter(
        sop_id=OuterRef("sop_id"), status__in=VersionStatus.IN_FORCE
    ).values("number")[:1]
    versions, terms = _apply(versions, filters)
    rows = SopVersion.objects.select_related("sop__unit", "sop__instansi")
    page = _page(request, versions, rows.annotate(in_force_number=Subquery(in_force)))
    _decorate(page, terms)
    counts = finding_counts([v for v in page.object_list if v.status in VersionStatus.DRAFTS])
    for version in page.object_list:
        version.finding_count = counts.get(version.pk)
    context = {
        "page": page,
        "filters": filters,
        "units": units.select_related("instansi").order_by("instansi__nama", "path"),
        "kinds": SopKind.choices,
        "statuses": VersionStatus.choices,
        "today": timezone.localdate(),
    }
    return render(request, "sops/portal/list.html", context)


FINDING_COUNT_SECONDS = 300


def finding_counts(versions: list[SopVersion]) -> dict[int, int]:
    """The number of findings of each version, with one configuration and one register
    query per instansi (not per version), so a list page keeps a constant query count.

    Counts are kept in the cache for a few minutes, keyed by the document's hash: an edit
    shows at once; a change of the instansi's check settings or of the register shows within
    :data:`FINDING_COUNT_SECONDS` (the version page always checks afresh)."""
    today = timezone.localdate()
    keys = {v.pk: f"temuan:{v.pk}:{v.document_hash}:{today.isoformat()}" for v in versions}
    cached: dict[str, int] = cache.get_many(list(keys.values()))
    counts = {pk: cached[key] for pk, key in keys.items() if key in cached}
    by_instansi: dict[int, list[SopVersion]] = {}
    for version in versions:
        if version.pk not in counts:
            by_instansi.setdefault(version.sop.instansi_id, []).append(version)
    for instansi_id, group in by_instansi.items():
        config = config_for(instansi_id)
        register = register_lookup(instansi_id)
        documents = [v.document_model() for v in group]
        lookup_many = getattr(register, "lookup_many", None)
        if lookup_many is not None:
            lookup_many([line for d in documents for line in d.dasar_hukum])
        for version, document in zip(group, documents, strict=True):
            findings = run_checks(
                document,
                config=config,
                register=register,
                today=today,
                in_force=version.status in VersionStatus.IN_FORCE,
            )
            counts[version.pk] = len(findings)
    fresh = {keys[pk]: n for pk, n in counts.items() if keys[pk] not in cached}
    cache.set_many(fresh, FINDING_COUNT_SECONDS)
    return counts


# -- the SOP page ----------------------------------------------------------------------------


@require_GET
@cache_for_anonymous(settings.SOPAN_PORTAL_CACHE_SECONDS)
def sop_page(request: HttpRequest, sop_id: int) -> HttpResponse:
    """The SOP at its stable address: the version in force (or, once retired or superseded,
    the last approved one); people who may see drafts also get links to newer drafts. An
    SOP that has only drafts sends its readers to the latest draft."""
    visible = versions_visible_to(request.user).filter(sop_id=sop_id)
    visible = visible.select_related("sop__unit", "sop__instansi")
    shown = (
        visible.filter(status__in=VersionStatus.IN_FORCE).first()
        or visible.filter(status__in=VersionStatus.PUBLISHED).order_by("-number").first()
    )
    if shown is None:
        latest = visible.order_by("-number").first()
        if latest is None:
            raise Http404
        return redirect("sops:version", sop_id=sop_id, number=latest.number)
    newer = []
    if request.user.is_authenticated:
        newer = list(
            visible.filter(number__gt=shown.number, status__in=VersionStatus.DRAFTS).order_by(
                "-number"
            )
        )
    document = shown.document_model()
    context = {
        "version": shown,
        "doc": document,
        "sop_html": document_fragment(shown),
        "downloads": _downloads(shown),
        "newer": newer,
        "verify_url": reverse("verify", kwargs={"token": shown.token}),
        # Start a revision: the version in force of an SOP without a draft, for its drafters.
        "may_revise": shown.status in VersionStatus.IN_FORCE
        and not newer
        and may_draft_for(request.user, shown),
    }
    return render(request, "sops/portal/sop.html", context)

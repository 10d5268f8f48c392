"""Public pages are cached briefly for anonymous visitors, never for signed-in people, and
carry no CSRF token (so one cached page fits everyone)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.sopdocs import make_sop

pytestmark = pytest.mark.django_db


def test_anonymous_portal_is_cached_and_has_no_csrf(client: Client, world, published) -> None:
    first = client.get("/")
    assert "Pelayanan Legalisir" in first.content.decode()
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert "csrftoken" not in first.cookies
    make_sop(world.dinas_x, "Pelayanan Baru Sekali", status="berlaku")
    cached = client.get("/")
    assert "Pelayanan Baru Sekali" not in cached.content.decode()  # served from the cache
    assert "max-age=60" in cached["Cache-Control"]


def test_cache_can_be_switched_off() -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse
    from django.test import RequestFactory

    from sopan.web.caching import cache_for_anonymous

    calls: list[int] = []

    @cache_for_anonymous(0)
    def view(request: object) -> HttpResponse:
        calls.append(1)
        return HttpResponse("ok")

    for _ in range(2):
        request = RequestFactory().get("/x/")
        request.user = AnonymousUser()
        view(request)
    assert len(calls) == 2


def test_signed_in_people_always_get_a_fresh_page(client: Client, world, penyusun, published):
    client.force_login(penyusun)
    client.get("/")
    make_sop(world.dinas_x, "Pelayanan Baru Sekali", status="berlaku")
    assert "Pelayanan Baru Sekali" in client.get("/").content.decode()


def test_language_switch_is_a_link(client: Client, published) -> None:
    page = client.get("/").content.decode()
    assert 'href="/bahasa/en/?next=/"' in page
    response = client.get("/bahasa/en/?next=/sop/")
    assert response.status_code == 302 and response["Location"] == "/sop/"
    assert response.cookies["django_language"].value == "en"
    assert client.get("/bahasa/xx/").status_code == 404
    unsafe = client.get("/bahasa/en/?next=https://jahat.example/")
    assert unsafe["Location"] == "/"


def test_finding_counts_follow_the_document(world, penyusun) -> None:
    from sopan.sops.models import SopVersion
    from sopan.sops.portal_views import finding_counts
    from sopan.sops.services import version_update_document
    from tests.sopdocs import document

    draft = make_sop(world.dinas_x, "Konsep Hitung Temuan")
    first = finding_counts([draft])[draft.pk]
    assert finding_counts([draft])[draft.pk] == first  # from the cache
    broken = document("Konsep Hitung Temuan", tujuan=None, dasar_hukum=[], indikator=[])
    version_update_document(version=draft, document=broken, by=penyusun)
    draft = SopVersion.objects.select_related("sop").get(pk=draft.pk)
    assert finding_counts([draft])[draft.pk] > first  # a new hash: counted afresh

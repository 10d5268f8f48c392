"""/notifikasi/ and the header bell through HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from sopan.notifications.models import Notification
from sopan.notifications.services import notify
from tests import factories

pytestmark = pytest.mark.django_db


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _make(user: User, title: str) -> Notification:
    (row,) = notify(users=[user], kind="uji", title=title, url="/sop/", email=False)
    return row


def test_list_shows_own_notifications_and_bell_count() -> None:
    a, b = factories.make_user("a"), factories.make_user("b")
    _make(a, "Untuk A satu")
    _make(a, "Untuk A dua")
    _make(b, "Untuk B")
    html = _login(a).get("/notifikasi/").content.decode()
    assert "Untuk A satu" in html and "Untuk A dua" in html
    assert "Untuk B" not in html
    assert html.index("Untuk A dua") < html.index("Untuk A satu")  # newest first
    assert '<span class="count">2</span>' in html


def test_bell_is_one_query(django_assert_num_queries: Any, rf: Any) -> None:
    from django.template import Context, Template

    a = factories.make_user("a")
    _make(a, "x")
    request = rf.get("/")
    request.user = a
    template = Template("{% load notification_tags %}{% notification_bell %}")
    with django_assert_num_queries(1):
        html = template.render(Context({"request": request}))
    assert '<span class="count">1</span>' in html


def test_mark_read_and_all_read() -> None:
    a = factories.make_user("a")
    one, two = _make(a, "satu"), _make(a, "dua")
    client = _login(a)
    response = client.post(f"/notifikasi/{one.pk}/baca/", {"next": "/sop/"})
    assert response.status_code == 302 and response["Location"] == "/sop/"
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.read_at is not None and two.read_at is None
    response = client.post("/notifikasi/baca-semua/")
    assert response.status_code == 302
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_mark_read_refuses_others_get_and_offsite_next() -> None:
    a, b = factories.make_user("a"), factories.make_user("b")
    row = _make(a, "milik A")
    assert _login(b).post(f"/notifikasi/{row.pk}/baca/").status_code == 404
    client = _login(a)
    assert client.get(f"/notifikasi/{row.pk}/baca/").status_code == 405
    response = client.post(f"/notifikasi/{row.pk}/baca/", {"next": "https://jahat.example/"})
    assert response["Location"] == "/notifikasi/"
    row.refresh_from_db()
    assert row.read_at is not None


def test_csrf_required() -> None:
    a = factories.make_user("a")
    row = _make(a, "x")
    client = Client(enforce_csrf_checks=True)
    client.force_login(a)
    assert client.post(f"/notifikasi/{row.pk}/baca/").status_code == 403


def test_anonymous_redirected_to_login() -> None:
    response = Client().get("/notifikasi/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))

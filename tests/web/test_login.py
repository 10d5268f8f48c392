"""Signing in: Indonesian messages, throttling after repeated failures, audit events."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from sopan.audit.models import AuditEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


def test_login_page_is_indonesian(client) -> None:
    page = client.get("/masuk/").content.decode()
    assert "Masuk ke sopan" in page and "Kata sandi" in page


def test_successful_login_is_audited(client, penyusun) -> None:
    response = client.post("/masuk/", {"username": penyusun.username, "password": PASSWORD})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="auth.login", actor_id=penyusun.pk).exists()


def test_wrong_password_explained(client, penyusun) -> None:
    response = client.post("/masuk/", {"username": penyusun.username, "password": "salah"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 1


def test_throttled_after_repeated_failures(client, penyusun, settings) -> None:
    settings.SOPAN_LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        client.post("/masuk/", {"username": penyusun.username, "password": "salah"})
    response = client.post("/masuk/", {"username": penyusun.username, "password": PASSWORD})
    assert response.status_code == 200  # refused even with the right password
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_needs_post_and_csrf(penyusun) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(penyusun)
    assert strict.post("/keluar/").status_code == 403
    assert strict.get("/keluar/").status_code == 405

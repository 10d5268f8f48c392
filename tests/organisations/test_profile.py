"""The profile page /profil/: the user's roles and their API tokens (secret shown once)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from sopan.organisations.token_services import api_token_create, api_token_user
from sopan.organisations.tokens import ApiToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(penyusun: User) -> Client:
    client = Client(enforce_csrf_checks=False)
    client.force_login(penyusun)
    return client


def test_anonymous_is_sent_to_login(client: Client) -> None:
    response = client.get("/profil/")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_profile_lists_roles_and_link_in_header(browser: Client) -> None:
    page = browser.get("/profil/").content.decode()
    assert "Rina Penyusun" in page
    assert "Penyusun @ Dinas X (Kabupaten A)" in page
    assert 'href="/profil/"' in page  # the name in the header links here
    assert "Belum ada token." in page


def test_create_shows_the_secret_once(browser: Client, penyusun: User) -> None:
    response = browser.post("/profil/token/", {"name": "skrip impor"})
    assert response.status_code == 302
    page = browser.get("/profil/").content.decode()
    token = ApiToken.objects.get(user=penyusun)
    start = page.index('<code class="token-secret">') + len('<code class="token-secret">')
    secret = page[start : page.index("</code>", start)]
    assert api_token_user(secret) == penyusun
    assert "hanya ditampilkan sekali ini" in page
    assert token.prefix in page and "skrip impor" in page
    again = browser.get("/profil/").content.decode()
    assert secret not in again and "token-secret" not in again


def test_revoke(browser: Client, penyusun: User) -> None:
    made = api_token_create(user=penyusun, name="lama", by=penyusun)
    response = browser.post(f"/profil/token/{made.token.pk}/cabut/")
    assert response.status_code == 302
    assert api_token_user(made.secret) is None
    page = browser.get("/profil/").content.decode()
    assert "dicabut" in page


def test_cannot_revoke_someone_elses_token(browser: Client, pemeriksa: User) -> None:
    theirs = api_token_create(user=pemeriksa, name="milik orang", by=None)
    assert browser.post(f"/profil/token/{theirs.token.pk}/cabut/").status_code == 404
    assert api_token_user(theirs.secret) == pemeriksa


def test_forms_need_csrf(penyusun: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(penyusun)
    assert client.post("/profil/token/", {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()

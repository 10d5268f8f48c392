"""`sopan token create USER [--name N]` through the command's entry point."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from sopan.audit.models import AuditEvent
from sopan.organisations.token_services import api_token_user, token_hash
from sopan.organisations.tokens import ApiToken

pytestmark = pytest.mark.django_db(transaction=True)


def test_create_prints_the_token_once(penyusun: User, run) -> None:
    code, out, err = run("token", "create", "penyusun", "--name", "skrip impor")
    assert code == 0
    secret = out.strip()
    assert secret.startswith("sopan_") and len(secret) == len("sopan_") + 43
    token = ApiToken.objects.get(user=penyusun)
    assert (token.name, token.token_hash) == ("skrip impor", token_hash(secret))
    assert "Simpan sekarang: token tidak dapat dilihat lagi." in err
    assert secret not in err
    assert api_token_user(secret) == penyusun
    assert AuditEvent.objects.filter(action="api_token.create", actor_id=None).count() == 1


def test_unknown_user(db: None, run) -> None:
    code, out, err = run("token", "create", "tidak-ada")
    assert (code, out) == (2, "")
    assert "Pengguna tidak-ada tidak ada." in err
    assert not ApiToken.objects.exists()


def test_english(penyusun: User, run) -> None:
    code, _out, err = run("--lang", "en", "token", "create", "penyusun")
    assert code == 0
    assert 'API token "token API" for penyusun created.' in err

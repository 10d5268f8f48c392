"""The system checks refuse unsafe production settings, and only in production."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

SAFE_KEY = "k" * 60


@pytest.mark.django_db
def test_demo_mode_accepts_defaults() -> None:
    call_command("check", databases=["default"], fail_level="ERROR")


@pytest.mark.django_db
@override_settings(SOPAN_MODE="production", DEBUG=True, SECRET_KEY=SAFE_KEY)
def test_production_refuses_debug() -> None:
    with pytest.raises(SystemCheckError, match=r"sopan\.E001"):
        call_command("check", databases=["default"], fail_level="ERROR")


@pytest.mark.django_db
@override_settings(SOPAN_MODE="production", DEBUG=False)
def test_production_refuses_default_secret_key(settings: object) -> None:
    from django.conf import settings as s

    with (
        override_settings(SECRET_KEY=s.INSECURE_SECRET_KEY),
        pytest.raises(SystemCheckError, match=r"sopan\.E002"),
    ):
        call_command("check", databases=["default"], fail_level="ERROR")


@pytest.mark.django_db
@override_settings(SOPAN_MODE="production", DEBUG=False, SECRET_KEY=SAFE_KEY)
def test_production_refuses_demo_accounts() -> None:
    call_command("check", databases=["default"], fail_level="ERROR")  # clean: passes
    get_user_model().objects.create_user(username="demo.penyusun", password="x")
    with pytest.raises(SystemCheckError, match=r"sopan.E003[\s\S]*demo\.penyusun"):
        call_command("check", databases=["default"], fail_level="ERROR")


@pytest.mark.django_db
@override_settings(SOPAN_MODE="production", DEBUG=False, SECRET_KEY=SAFE_KEY, ALLOWED_HOSTS=[])
def test_production_refuses_empty_allowed_hosts() -> None:
    with pytest.raises(SystemCheckError, match=r"sopan\.E004"):
        call_command("check", databases=["default"], fail_level="ERROR")

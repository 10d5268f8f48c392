"""The demo organisation: complete, idempotent, with personas whose views differ by unit."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.test import Client

from sopan.audit.services import audit_verify
from sopan.demo.loader import DEMO_PASSWORD, load_demo, read_organisation
from sopan.organisations.models import Unit
from sopan.sops.models import SopVersion

pytestmark = pytest.mark.django_db

ROLES = ["admin", "koordinator", "penyusun", "pemeriksa", "pengesah", "pelaksana", "auditor"]


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"audit", "organisations", "regulations", "sops", "auth", "inventory"}
    }


def test_loading_twice_changes_nothing() -> None:
    first = load_demo()
    counts = _row_counts()
    second = load_demo()
    assert _row_counts() == counts
    assert (first.units, first.people, first.sops) == (second.units, second.people, second.sops)
    assert audit_verify().ok


def test_demo_covers_the_required_organisation() -> None:
    summary = load_demo()
    names = set(Unit.objects.values_list("nama", flat=True))
    for required in (
        "Sekretariat Daerah",
        "Bagian Organisasi",
        "Inspektorat Daerah",
        "Dinas Kependudukan dan Pencatatan Sipil",
    ):
        assert required in names
    assert any(name.startswith("Kecamatan") for name in names)
    assert any("Penanaman Modal" in name for name in names)
    assert summary.units >= 5 and summary.people >= 30 and summary.sops >= 10
    assert SopVersion.objects.filter(status="berlaku").count() >= 7
    assert SopVersion.objects.filter(status="konsep").exists()


def test_one_persona_per_role_and_all_can_sign_in() -> None:
    summary = load_demo()
    usernames = {username for username, _, _ in summary.logins}
    for role in ROLES:
        assert f"demo.{role}" in usernames
    assert "demo.penyusun.dpmptsp" in usernames
    client = Client()
    for username in usernames:
        assert client.login(username=username, password=DEMO_PASSWORD), username
    assert User.objects.filter(username__startswith="demo.").count() == len(usernames)


def test_drafts_are_seen_by_their_unit_only() -> None:
    load_demo()
    draft = (
        SopVersion.objects.filter(
            status="konsep", sop__unit__nama__icontains="Kependudukan"
        ).first()
        or SopVersion.objects.filter(
            status="konsep",
            sop__unit__path__startswith=Unit.objects.get(
                nama="Dinas Kependudukan dan Pencatatan Sipil"
            ).path,
        ).first()
    )
    assert draft is not None
    url = f"/sop/{draft.sop_id}/v/{draft.number}/"
    inside, outside = Client(), Client()
    inside.login(username="demo.penyusun", password=DEMO_PASSWORD)
    outside.login(username="demo.penyusun.dpmptsp", password=DEMO_PASSWORD)
    assert inside.get(url).status_code == 200
    assert outside.get(url).status_code == 404
    assert Client().get(url).status_code == 404


def test_every_demo_sop_file_is_listed() -> None:
    from sopan.demo.loader import EXAMPLES_DIR

    listed = {entry["berkas"] for entry in read_organisation()["sops"]}
    on_disk = {path.name for path in EXAMPLES_DIR.glob("*.sop.yaml")}
    assert listed == on_disk

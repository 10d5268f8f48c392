"""`sopan demo --scale N`: generated SOPs and people on top of the demo organisation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.test import Client

from sopan.audit.models import AuditEvent
from sopan.audit.services import audit_verify
from sopan.cli import main
from sopan.demo.loader import DEMO_PASSWORD
from sopan.demo.scale import EMAIL_DOMAIN, KODE_PREFIX, make_nip
from sopan.document import SopDocument, document_hash
from sopan.document.integrity import check_integrity
from sopan.organisations.models import Person
from sopan.organisations.nip import validate_nip
from sopan.sops.choices import VersionStatus
from sopan.sops.models import SopVersion, VersionActor, VersionCitation, VersionStep
from sopan.sops.search import query_terms, search_filter, search_text_for

pytestmark = pytest.mark.django_db(transaction=True)

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], settings: Any, tmp_path: Any) -> Run:
    settings.DATA_DIR = tmp_path

    def _run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"audit", "organisations", "sops", "auth"}
    }


def _generated() -> Any:
    return SopVersion.objects.filter(sop__kode__startswith=KODE_PREFIX).select_related("sop")


def test_scale_adds_valid_searchable_sops_once(run: Run) -> None:
    code, out, err = run("demo", "--scale", "50")
    assert code == 0, err
    assert "50 SOP" in out
    versions = list(_generated())
    assert len({v.sop_id for v in versions}) == 50
    assert len(versions) > 50  # some SOPs have a superseded or a draft version too
    statuses = {v.status for v in versions}
    assert VersionStatus.BERLAKU in statuses and len(statuses) >= 2
    for version in versions:
        assert check_integrity(version.document) == [], version.sop.kode
        document = SopDocument.model_validate(version.document)
        assert version.document_hash == document_hash(document)
        assert version.search_text == search_text_for(document)
        assert (version.nama, version.nomor) == (document.nama, document.nomor)
        assert VersionStep.objects.filter(version=version).count() == len(document.langkah)
        assert VersionActor.objects.filter(version=version).count() == len(document.pelaksana)
        assert VersionCitation.objects.filter(version=version).count() == len(document.dasar_hukum)
        assert version.transitions.count() == 1
    # the citations name the demo register's regulations
    assert VersionCitation.objects.filter(
        version__sop__kode__startswith=KODE_PREFIX, regulation__isnull=False
    ).exists()

    # searchable on the portal (the index is written, not only the column)
    public = next(v for v in versions if v.status == VersionStatus.BERLAKU and v.sop.is_public)
    assert (
        search_filter(SopVersion.objects.all(), query_terms(public.nama))
        .filter(pk=public.pk)
        .exists()
    )
    page = Client().get("/", {"q": public.nomor}).content.decode()
    assert f"/sop/{public.sop_id}/" in page

    # in the intranet list, drafts included, for someone with a role over the whole instansi
    client = Client()
    assert client.login(username="demo.koordinator", password=DEMO_PASSWORD)
    latest = max((v for v in versions if v.sop_id == public.sop_id), key=lambda v: v.number)
    listed = client.get("/sop/", {"q": public.nomor}).content.decode()
    assert public.nama in listed and latest.get_status_display() in listed
    draft = next(v for v in versions if v.status == VersionStatus.KONSEP)
    listed = client.get("/sop/", {"q": draft.nomor, "status": "konsep"}).content.decode()
    assert draft.nama in listed

    # people: 5 per SOP in all (the demo's own people count), valid NIPs, one position each
    assert Person.objects.count() == 250
    generated = Person.objects.filter(email__endswith=EMAIL_DOMAIN)
    for person in generated:
        assert person.nip is not None and validate_nip(person.nip) == person.nip
        assert person.assignments.count() == 1
    # one audit event for the whole run
    events = AuditEvent.objects.filter(action="demo.scale")
    assert events.count() == 1
    assert (events.get().after or {})["sops_added"] == 50

    counts = _counts()
    code, out, _ = run("demo", "--scale", "50")
    assert code == 0 and "0 SOP" in out
    assert _counts() == counts
    assert audit_verify().ok


def test_scale_grows_and_people_can_be_set(run: Run) -> None:
    assert run("demo", "--scale", "10", "--people", "100")[0] == 0
    assert _generated().values("sop").distinct().count() == 10
    assert Person.objects.count() == 100
    kodes = set(_generated().values_list("sop__kode", flat=True))
    assert run("demo", "--scale", "20", "--people", "100")[0] == 0
    assert _generated().values("sop").distinct().count() == 20
    assert kodes < set(_generated().values_list("sop__kode", flat=True))
    assert Person.objects.count() == 100
    assert AuditEvent.objects.filter(action="demo.scale").count() == 2


def test_scale_refused_in_production(run: Run, settings: Any) -> None:
    settings.SOPAN_MODE = "production"
    code, _, err = run("demo", "--scale", "50")
    assert code == 2 and "mode produksi" in err
    assert not SopVersion.objects.exists() and not User.objects.exists()


def test_generated_nips_are_unique_and_valid() -> None:
    nips = [make_nip(i) for i in range(0, 60_000, 7)]
    assert len(set(nips)) == len(nips)
    for nip in nips[::50]:
        assert validate_nip(nip) == nip

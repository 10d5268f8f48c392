"""The web app's side of the checks: CheckSettings per instansi, check_version, the admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sopan.checks import CheckConfig, Severity
from sopan.sops.models import CheckSettings
from sopan.sops.quality import blocking_findings, check_version, config_for
from tests.sopdocs import make_sop

pytestmark = pytest.mark.django_db


def test_settings_are_validated_through_check_config(world) -> None:
    instansi = world.dinas_x.instansi
    good = CheckSettings(
        instansi=instansi, data={"nonaktif": ["LKP012"], "ambang": {"langkah_maks": 30}}
    )
    good.full_clean()
    assert good.check_config() == CheckConfig.from_mapping(good.data)
    for data in ({"warna": "merah"}, {"tingkat": {"LKP001": "parah"}}, ["LKP001"]):
        with pytest.raises(ValidationError) as caught:
            CheckSettings(instansi=instansi, data=data).full_clean()
        assert "data" in caught.value.message_dict


def test_check_version_uses_the_instansi_settings(world) -> None:
    version = make_sop(world.dinas_x, "Pelayanan Uji")
    codes = {f.code for f in check_version(version)}
    assert "LKP005" in codes  # the test document has no tujuan
    CheckSettings.objects.create(
        instansi=world.dinas_x.instansi,
        data={"nonaktif": ["LKP005"], "tingkat": {"LKP008": "info"}},
    )
    findings = check_version(version)
    assert "LKP005" not in {f.code for f in findings}
    assert all(f.severity is Severity.INFO for f in findings if f.code == "LKP008")
    other = make_sop(world.dinas_x, "Pelayanan Lain")
    assert config_for(other.sop.instansi_id).disabled == frozenset({"LKP005"})
    assert config_for(None) == CheckConfig()


def test_unusable_stored_settings_fall_back_to_defaults(world) -> None:
    CheckSettings.objects.create(instansi=world.dinas_x.instansi, data={"warna": "merah"})
    assert config_for(world.dinas_x.instansi) == CheckConfig()


def test_in_force_version_without_signing_position_is_blocked(world) -> None:
    draft = make_sop(world.dinas_x, "Tanpa Pengesah", disahkan_oleh={})
    in_force = make_sop(world.dinas_x, "Tanpa Pengesah Berlaku", status="berlaku", disahkan_oleh={})
    severity = {f.code: f.severity for f in check_version(draft)}
    assert severity["TGL005"] is Severity.WARNING
    severity = {f.code: f.severity for f in check_version(in_force)}
    assert severity["TGL005"] is Severity.ERROR
    assert [f.code for f in blocking_findings(in_force)] == ["TGL005"]
    assert blocking_findings(draft) == []


def test_review_date_uses_today(world) -> None:
    version = make_sop(
        world.dinas_x,
        "Reviu",
        status="berlaku",
        tanggal={"pembuatan": "2025-06-02", "efektif": "2025-06-02", "revisi": "2026-06-01"},
    )
    assert "TGL002" not in {f.code for f in check_version(version, today=dt.date(2026, 5, 1))}
    late = {f.code: f.severity for f in check_version(version, today=dt.date(2026, 7, 1))}
    assert late["TGL002"] is Severity.WARNING


def test_version_page_leaves_out_what_the_instansi_switched_off(client, published) -> None:
    page = client.get(f"/sop/{published.sop_id}/v/{published.number}/").content.decode()
    assert "Tujuan SOP belum diisi." in page
    CheckSettings.objects.create(instansi=published.sop.instansi, data={"nonaktif": ["LKP005"]})
    page = client.get(f"/sop/{published.sop_id}/v/{published.number}/").content.decode()
    assert "Tujuan SOP belum diisi." not in page


def test_admin_edits_settings_as_json(admin_client, world) -> None:
    response = admin_client.post(
        "/admin/sops/checksettings/add/",
        {"instansi": world.dinas_x.instansi.pk, "data": '{"nonaktif": ["LKP012"]}'},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CheckSettings.objects.get().data == {"nonaktif": ["LKP012"]}
    response = admin_client.post(
        "/admin/sops/checksettings/add/",
        {"instansi": world.dinas_x.instansi.pk, "data": '{"warna": "merah"}'},
    )
    assert response.status_code == 200
    assert "kunci tidak dikenal: warna" in response.content.decode()
    page = admin_client.get("/admin/sops/checksettings/add/").content.decode()
    assert "aktor_maks_a4" in page  # the help text lists the keys

"""GET /versions/{id}/diff/{other}, /render and /export."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User

from sopan.document import diff_documents, load_document
from sopan.sops.lifecycle import revision_start
from sopan.sops.models import RenderedFile, SopVersion
from sopan.sops.services import version_update_document
from tests.api.conftest import ApiClient
from tests.sopdocs import document

pytestmark = pytest.mark.django_db

Api = Callable[..., ApiClient]


@pytest.fixture
def revised(published: SopVersion, penyusun: User) -> SopVersion:
    draft = revision_start(sop=published.sop, by=penyusun, reason="Waktu layanan dipersingkat")
    doc = draft.document_model()
    steps = [
        s.model_copy(update={"waktu": "3 menit"}) if s.step_id == "serah" else s
        for s in doc.langkah
    ]
    version_update_document(
        version=draft, document=doc.model_copy(update={"langkah": steps}), by=penyusun
    )
    return draft


def test_diff_whole_body(published: SopVersion, revised: SopVersion, api_as: Api) -> None:
    answer = api_as("pemeriksa").get(f"/versions/{published.pk}/diff/{revised.pk}")
    assert answer.status == 200
    diff = diff_documents(published.document_model(), revised.document_model())
    assert answer.body["changes"] == diff.to_dict()
    assert answer.body["changes"]["steps"]["changed"] == [
        {
            "id": "serah",
            "kegiatan": "Menyerahkan hasil",
            "changes": [{"field": "waktu", "old": "5 menit", "new": "3 menit"}],
        }
    ]
    assert answer.body["text"] == diff.to_text("id").splitlines()
    assert (
        "Langkah serah (Menyerahkan hasil) diubah: waktu '5 menit' → '3 menit'"
        in (answer.body["text"])
    )
    assert (answer.body["old"]["id"], answer.body["new"]["id"], answer.body["empty"]) == (
        published.pk,
        revised.pk,
        False,
    )


def test_diff_with_an_invisible_version_is_404(
    published: SopVersion, revised: SopVersion, api_as: Api
) -> None:
    # The revision is a draft: someone from another unit sees only the published side.
    answer = api_as("outsider_unit").get(f"/versions/{published.pk}/diff/{revised.pk}")
    assert answer.status == 404


def test_render_mermaid_and_cache(own_draft: SopVersion, api_as: Api) -> None:
    client = api_as("penyusun")
    answer = client.get(f"/versions/{own_draft.pk}/render?format=mermaid")
    assert answer.status == 200
    response = answer.body
    assert response["Content-Disposition"] == 'attachment; filename="Pelayanan-Surat-v1.mmd"'
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"flowchart" in response.content
    assert RenderedFile.objects.filter(version=own_draft, format="mermaid").count() == 1
    client.get(f"/versions/{own_draft.pk}/render?format=mermaid")
    assert RenderedFile.objects.filter(version=own_draft, format="mermaid").count() == 1


def test_render_unknown_format_is_422(own_draft: SopVersion, api_as: Api) -> None:
    answer = api_as("penyusun").get(f"/versions/{own_draft.pk}/render?format=exe")
    assert (answer.status, answer.body["code"]) == (422, "invalid_request")


def test_failed_render_is_json_and_caches_nothing(
    own_draft: SopVersion, api_as: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sopan.render import formats

    def broken(doc: object, options: object) -> bytes:
        raise RuntimeError("renderer down")

    fmt = formats.FORMATS["mermaid"]
    monkeypatch.setitem(formats.FORMATS, "mermaid", type(fmt)(**{**fmt.__dict__, "render": broken}))
    answer = api_as("penyusun").get(f"/versions/{own_draft.pk}/render?format=mermaid")
    assert answer.status == 500
    assert answer.body["code"] == "render_failed"
    assert answer.body["message"].startswith("Berkas Mermaid untuk SOP ini gagal dibuat.")
    assert not RenderedFile.objects.filter(version=own_draft).exists()


def test_export_yaml_round_trips(own_draft: SopVersion, api_as: Api) -> None:
    answer = api_as("penyusun").get(f"/versions/{own_draft.pk}/export?format=yaml")
    assert answer.status == 200
    response = answer.body
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="Pelayanan-Surat-v1.sop.yaml"'
    loaded = load_document(response.content, filename="x.sop.yaml").document
    assert loaded == own_draft.document_model() == document("Pelayanan Surat")


def test_export_json(published: SopVersion, api_as: Api) -> None:
    answer = api_as("anonymous").get(f"/versions/{published.pk}/export?format=json")
    assert answer.status == 200
    assert answer.body["nama"] == "Pelayanan Legalisir"

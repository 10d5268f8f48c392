"""Every endpoint as every persona: the status code the page rules give.

The state: ``own_draft`` (a KONSEP of Dinas X written by the penyusun) and ``published``
(Dinas X, BERLAKU, public). Reading a draft needs a role on Dinas X or above (penyusun,
pemeriksa, pengesah of Dinas X; auditor of the whole Kabupaten A); the pelaksana of Bidang Y
(below Dinas X), people of Dinas Z or Kabupaten B and anonymous visitors get 404, as on the
pages. Writes without credentials are 401; a visible object with a forbidden action is 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sopan.sops.api_support import etag
from sopan.sops.models import SopVersion
from tests.api.conftest import PERSONAS, ApiClient
from tests.sopdocs import document

pytestmark = pytest.mark.django_db

P = dict(zip(PERSONAS, range(len(PERSONAS)), strict=True))
INSIDERS = {"penyusun": 200, "pemeriksa": 200, "pengesah": 200, "auditor": 200}
HIDDEN = {"pelaksana": 404, "outsider_unit": 404, "outsider_instansi": 404, "anonymous": 404}


def _doc(nama: str) -> dict[str, Any]:
    return document(nama).model_dump(mode="json")


def _draft_read(path: str) -> tuple[str, str, Any, dict[str, int]]:
    return ("GET", path, None, {**INSIDERS, **HIDDEN})


# (method, path with {draft} {draft_sop} {published} {published_sop} {dx}, body, expected)
CASES: dict[str, tuple[str, str, Any, dict[str, int]]] = {
    "list": ("GET", "/sops", None, dict.fromkeys(PERSONAS, 200)),
    "sop_draft": _draft_read("/sops/{draft_sop}"),
    "sop_published": ("GET", "/sops/{published_sop}", None, dict.fromkeys(PERSONAS, 200)),
    "sop_versions": _draft_read("/sops/{draft_sop}/versions"),
    "sop_create": (
        "POST",
        "/sops",
        {"unit": "{dx}", "document": _doc("SOP Baru Persona")},
        {
            "penyusun": 201,
            "pemeriksa": 403,
            "pengesah": 403,
            "pelaksana": 403,
            "auditor": 403,
            "outsider_unit": 403,
            "outsider_instansi": 422,  # Dinas X is not a unit of Kabupaten B
            "anonymous": 401,
        },
    ),
    "revision": (
        "POST",
        "/sops/{published_sop}/revisions",
        {"reason": "Penyesuaian aturan baru"},
        {**dict.fromkeys(PERSONAS, 403), "penyusun": 201, "anonymous": 401},
    ),
    "version_draft": _draft_read("/versions/{draft}"),
    "version_published": ("GET", "/versions/{published}", None, dict.fromkeys(PERSONAS, 200)),
    "document_put": (
        "PUT",
        "/versions/{draft}/document",
        {"document": _doc("Pelayanan Surat (diubah)")},
        {**INSIDERS, **HIDDEN, "penyusun": 200, "pemeriksa": 403, "pengesah": 403, "auditor": 403}
        | {"anonymous": 401},
    ),
    "submit": (
        "POST",
        "/versions/{draft}/transitions",
        {"action": "submit"},
        {**HIDDEN, "penyusun": 200, "pemeriksa": 403, "pengesah": 403, "auditor": 403}
        | {"anonymous": 401},
    ),
    "comments_read": _draft_read("/versions/{draft}/comments"),
    "comment_write": (
        "POST",
        "/versions/{draft}/comments",
        {"text": "Mohon diperjelas."},
        {**HIDDEN, "penyusun": 201, "pemeriksa": 201, "pengesah": 201, "auditor": 403}
        | {"anonymous": 401},
    ),
    "diff": _draft_read("/versions/{draft}/diff/{published}"),
    "render": _draft_read("/versions/{draft}/render?format=mermaid"),
    "export": _draft_read("/versions/{draft}/export?format=yaml"),
    "tokens": ("GET", "/tokens", None, {**dict.fromkeys(PERSONAS, 200), "anonymous": 401}),
}


def _fill(value: Any, ids: dict[str, Any]) -> Any:
    if isinstance(value, str):
        filled = value.format(**ids)
        return int(filled) if value == "{dx}" else filled
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES)
def test_persona_matrix(
    case: str,
    persona: str,
    own_draft: SopVersion,
    published: SopVersion,
    world: Any,
    api_as: Callable[..., ApiClient],
) -> None:
    method, path, body, expected = CASES[case]
    ids = {
        "draft": own_draft.pk,
        "draft_sop": own_draft.sop_id,
        "published": published.pk,
        "published_sop": published.sop_id,
        "dx": world.dinas_x.pk,
    }
    client = api_as(persona)
    headers = {"If-Match": etag(own_draft)} if method == "PUT" else None
    answer = client.call(method, path.format(**ids), _fill(body, ids), headers=headers)
    assert answer.status == expected[persona], getattr(answer, "body", None)
    if answer.status >= 400:
        assert set(answer.body) == {"code", "message", "detail"}

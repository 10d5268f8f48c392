"""The OpenAPI document validates and documents every endpoint; the docs page needs no CDN."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    ("get", "/api/v1/sops"),
    ("post", "/api/v1/sops"),
    ("get", "/api/v1/sops/{sop_id}"),
    ("get", "/api/v1/sops/{sop_id}/versions"),
    ("post", "/api/v1/sops/{sop_id}/revisions"),
    ("get", "/api/v1/versions/{version_id}"),
    ("put", "/api/v1/versions/{version_id}/document"),
    ("post", "/api/v1/versions/{version_id}/transitions"),
    ("get", "/api/v1/versions/{version_id}/comments"),
    ("post", "/api/v1/versions/{version_id}/comments"),
    ("post", "/api/v1/comments/{comment_id}/resolve"),
    ("get", "/api/v1/versions/{version_id}/diff/{other_id}"),
    ("get", "/api/v1/versions/{version_id}/render"),
    ("get", "/api/v1/versions/{version_id}/export"),
    ("get", "/api/v1/tokens"),
    ("post", "/api/v1/tokens"),
    ("post", "/api/v1/tokens/{token_id}/revoke"),
    ("get", "/api/v1/processes"),
    ("post", "/api/v1/processes"),
    ("get", "/api/v1/processes/{process_id}"),
    ("patch", "/api/v1/processes/{process_id}"),
    ("get", "/api/v1/priorities"),
    ("get", "/api/v1/dasbor"),
    ("get", "/api/v1/teams"),
    ("post", "/api/v1/teams"),
    ("get", "/api/v1/teams/{team_id}"),
    ("get", "/api/v1/sops/{sop_id}/reviews"),
    ("post", "/api/v1/sops/{sop_id}/reviews"),
}


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [k for k, _ in pairs]
    assert len(keys) == len(set(keys)), keys  # Swagger UI refuses duplicated mapping keys
    return dict(pairs)


@pytest.fixture
def spec(client: Client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    parsed: dict = json.loads(response.content, object_pairs_hook=_no_duplicate_keys)
    return parsed


def test_openapi_document_validates(spec: dict) -> None:
    validate(spec)  # raises on any violation of the OpenAPI 3.1 schema or a broken $ref
    assert spec["openapi"].startswith("3.1")


def test_every_endpoint_documented_with_errors(spec: dict) -> None:
    documented = {(m, p) for p, item in spec["paths"].items() for m in item}
    assert documented == ENDPOINTS
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            assert operation["summary"], (method, path)
            responses = operation["responses"]
            assert {"401", "403", "404", "422"} <= set(responses), (method, path)
            error = responses["404"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/ErrorOut"}


def test_security_schemes(spec: dict) -> None:
    schemes = spec["components"]["securitySchemes"]
    assert schemes["BearerToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["BearerToken"]["description"],
    }
    assert schemes["SessionCookie"]["in"] == "cookie"
    reads = spec["paths"]["/api/v1/versions/{version_id}"]["get"]["security"]
    assert reads == [{"BearerToken": []}, {"SessionCookie": []}, {}]  # anonymous allowed
    writes = spec["paths"]["/api/v1/versions/{version_id}/document"]["put"]["security"]
    assert writes == [{"BearerToken": []}, {"SessionCookie": []}]
    put = spec["paths"]["/api/v1/versions/{version_id}/document"]["put"]
    assert {"name": "If-Match", "in": "header"}.items() <= put["parameters"][1].items()


def test_descriptions_are_indonesian(spec: dict) -> None:
    assert spec["info"]["description"].startswith("API sopan untuk SOP instansi pemerintah")
    version = spec["components"]["schemas"]["VersionOut"]["properties"]
    assert version["etag"]["description"].startswith("Sama dengan header ETag")


def test_docs_page_is_self_hosted(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    assert all(s.startswith("/") for s in sources), sources  # nothing from another origin
    assert "script-src 'self';" in response["Content-Security-Policy"]
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200

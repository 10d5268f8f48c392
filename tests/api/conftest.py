"""Calling the API as the personas: each signed-in persona through its own API token
(``Authorization: Bearer``), anonymous without credentials; JSON in, JSON out."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client

from sopan.organisations.token_services import api_token_create
from sopan.sops.models import SopVersion
from sopan.sops.services import sop_create
from tests.conftest import World
from tests.sopdocs import document

PERSONAS = (
    "penyusun",
    "pemeriksa",
    "pengesah",
    "pelaksana",
    "auditor",
    "outsider_unit",
    "outsider_instansi",
    "anonymous",
)


@dataclass
class Answer:
    status: int
    body: Any
    headers: Any


class ApiClient:
    """The test client with a persona's token; ``lang`` sets Accept-Language."""

    def __init__(self, token: str | None = None, lang: str | None = None) -> None:
        headers = {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if lang:
            headers["Accept-Language"] = lang
        self.client = Client(headers=headers)

    def call(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> Answer:
        data = json.dumps(body) if body is not None else None
        response = getattr(self.client, method.lower())(
            "/api/v1" + path,
            data=data if method.upper() not in ("GET", "DELETE") else None,
            content_type="application/json",
            headers=headers or {},
        )
        content_type = response.headers.get("Content-Type", "")
        parsed = response.json() if content_type.startswith("application/json") else response
        return Answer(response.status_code, parsed, response.headers)

    def get(self, path: str, **kw: Any) -> Answer:
        return self.call("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Answer:
        return self.call("POST", path, body if body is not None else {}, **kw)

    def put(self, path: str, body: Any = None, **kw: Any) -> Answer:
        return self.call("PUT", path, body, **kw)


@pytest.fixture
def api_as(request: pytest.FixtureRequest) -> Callable[..., ApiClient]:
    """``api_as(user_or_persona_name, lang=None)`` → a client acting as that persona."""

    def make(who: User | AnonymousUser | str, lang: str | None = None) -> ApiClient:
        user = request.getfixturevalue(who) if isinstance(who, str) else who
        if not user.is_authenticated:
            return ApiClient(lang=lang)
        secret = api_token_create(user=user, name="uji", by=None).secret
        return ApiClient(secret, lang=lang)

    return make


@pytest.fixture
def own_draft(world: World, penyusun: User) -> SopVersion:
    """A draft of Dinas X written by the penyusun persona."""
    return sop_create(unit=world.dinas_x, document=document("Pelayanan Surat"), by=penyusun)


def when(value: Any) -> str:
    """A datetime as the API writes it."""
    encoded: str = DjangoJSONEncoder().default(value)
    return encoded

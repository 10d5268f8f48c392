"""Helpers for the lifecycle tests: a draft written by the penyusun, moved along the chain."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from sopan.audit.models import AuditEvent
from sopan.sops.lifecycle import version_transition
from sopan.sops.lifecycle_models import Approval, Comment, PilotFeedback, PilotRun, Publication
from sopan.sops.models import SopVersion, VersionTransition
from sopan.sops.services import sop_create
from tests.conftest import World
from tests.sopdocs import document


@pytest.fixture
def own_draft(world: World, penyusun: User) -> SopVersion:
    """A draft of Dinas X written by the penyusun persona."""
    return sop_create(unit=world.dinas_x, document=document("Pelayanan Surat Masuk"), by=penyusun)


def act(version: SopVersion, action: str, by: User | None, note: str = "", **params: Any) -> None:
    version_transition(version=version, action=action, by=by, note=note, **params)


def approve_all(version: SopVersion, penyusun: User, pemeriksa: User, pengesah: User) -> None:
    """Submit and approve along the default chain (pemeriksa → pengesah)."""
    act(version, "submit", penyusun)
    act(version, "approve", pemeriksa)
    act(version, "approve", pengesah)


def publish(version: SopVersion, by: User, efektif: dt.date | None = None) -> None:
    act(version, "publish", by, efektif=efektif or timezone.localdate())


def counts() -> dict[str, int]:
    """Rows that any lifecycle write adds; equal before and after a refusal."""
    models = (
        VersionTransition,
        AuditEvent,
        Approval,
        Comment,
        PilotRun,
        PilotFeedback,
        Publication,
    )
    return {model.__name__: model.objects.count() for model in models}


def state(version: SopVersion) -> tuple[str, str, int]:
    version.refresh_from_db()
    return version.status, version.document_hash, version.lock_version

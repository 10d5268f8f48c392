"""The quality checks of a stored SOP version, as the web app runs them.

The version page, the editor preview, the API and submission for approval all call
:func:`check_version`, so they all see the same findings: the instansi's
:class:`~sopan.sops.models.CheckSettings`, the regulation register of the instansi (when the
regulations app provides ``register_for``), and ``in_force`` for a version with status
``berlaku``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from typing import Any

from django.utils import timezone

from sopan.checks import CheckConfig, CheckConfigError, Finding, blocking, run_checks
from sopan.checks.register import RegisterLookup
from sopan.organisations.models import Instansi
from sopan.sops.choices import VersionStatus
from sopan.sops.models import CheckSettings, SopVersion

logger = logging.getLogger(__name__)


def config_for(instansi: Instansi | int | None) -> CheckConfig:
    """The instansi's check configuration (defaults when none is stored or it is unusable)."""
    instansi_id = instansi.pk if isinstance(instansi, Instansi) else instansi
    if instansi_id is None:
        return CheckConfig()
    stored = CheckSettings.objects.filter(instansi_id=instansi_id).first()
    if stored is None:
        return CheckConfig()
    try:
        return stored.check_config()
    except CheckConfigError:
        # Saved around the admin's validation (e.g. by a migration): fall back to defaults.
        logger.warning("unusable CheckSettings for instansi %s; using defaults", instansi_id)
        return CheckConfig()


def register_lookup(instansi: Instansi | int | None) -> RegisterLookup | None:
    """The regulation register as the checks read it, or None when it is not available."""
    try:
        selectors: Any = importlib.import_module("sopan.regulations.selectors")
    except ImportError:
        return None
    register_for = getattr(selectors, "register_for", None)
    if register_for is None:
        return None
    lookup: RegisterLookup | None = register_for(instansi)
    return lookup


def check_version(
    version: SopVersion, *, lang: str = "id", today: dt.date | None = None
) -> list[Finding]:
    """Every finding of the version's document under its instansi's configuration.

    ``lang`` is accepted for callers that format right away; findings carry message ids and
    are shown with ``finding.message(lang)`` / ``finding.to_dict(lang)``.
    """
    instansi_id = version.sop.instansi_id
    return run_checks(
        version.document_model(),
        config=config_for(instansi_id),
        register=register_lookup(instansi_id),
        today=today or timezone.localdate(),
        in_force=version.status in VersionStatus.IN_FORCE,
    )


def blocking_findings(version: SopVersion) -> list[Finding]:
    """The findings that stop the version from being sent for approval (errors)."""
    return blocking(check_version(version))

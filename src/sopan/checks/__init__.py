"""Quality checks on SOP documents. PURE: no Django import.

A rule is a function that reads a :class:`CheckContext` and yields :class:`Finding` values.
Rules live in one module per family and register themselves with :func:`rule`;
:func:`run_checks` runs every registered rule. A family plugs in by adding its module to
``FAMILIES`` in ``base.py``. See docs/checks.md for every rule.
"""

from sopan.checks.base import (
    RULES,
    CheckContext,
    Finding,
    Location,
    Minutes,
    RuleInfo,
    blocking,
    registered_rules,
    rule,
    run_checks,
)
from sopan.checks.config import CheckConfig, CheckConfigError
from sopan.checks.register import RegisterEntry, RegisterLookup
from sopan.checks.severity import Severity

__all__ = [
    "RULES",
    "CheckConfig",
    "CheckConfigError",
    "CheckContext",
    "Finding",
    "Location",
    "Minutes",
    "RegisterEntry",
    "RegisterLookup",
    "RuleInfo",
    "Severity",
    "blocking",
    "registered_rules",
    "rule",
    "run_checks",
]

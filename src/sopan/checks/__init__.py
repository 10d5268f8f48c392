"""Quality checks on SOP documents. PURE: no Django import.

A rule is a function that reads a :class:`CheckContext` and yields :class:`Finding` values.
Rules live in one module per family (``structure.py``, ...) and register themselves with
:func:`rule`; :func:`run_checks` runs every registered rule. A later family plugs in by adding
a module to ``FAMILIES``.
"""

from sopan.checks.base import (
    CheckContext,
    Finding,
    Location,
    Severity,
    rule,
    run_checks,
)

__all__ = ["CheckContext", "Finding", "Location", "Severity", "rule", "run_checks"]

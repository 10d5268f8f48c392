from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """error: the SOP is wrong and may not be sent for approval; warning: should be fixed;
    info: advice."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

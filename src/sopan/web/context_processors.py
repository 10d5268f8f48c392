from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from sopan import __version__


def sopan(request: HttpRequest) -> dict[str, Any]:
    return {"SOPAN_VERSION": __version__, "SOPAN_MODE": settings.SOPAN_MODE}

"""The API's one error shape and the exception an endpoint raises for a refusal of its own.

Every error answer of ``/api/v1/`` is ``{"code": ..., "message": ..., "detail": ...}``: a
stable machine code, a message in the request's language (Indonesian unless
``Accept-Language: en``) and, where useful, structured detail (the located problems of a
document, the invalid fields of a request). :mod:`sopan.config.api` maps the domain's
exceptions to it in one place; endpoints raise :class:`ApiError` only for what is theirs
(a missing ``If-Match``, a stale ETag).
"""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import Field


class ErrorOut(Schema):
    code: str = Field(
        description="Kode kesalahan yang tetap, untuk program (mis. forbidden, not_found, "
        "stale, document_invalid)."
    )
    message: str = Field(
        description="Penjelasan untuk manusia, dalam bahasa Indonesia (Inggris dengan "
        "Accept-Language: en)."
    )
    detail: Any = Field(
        None,
        description="Rincian terstruktur bila ada: daftar masalah dokumen beserta letaknya, "
        "isian permintaan yang salah, dan sebagainya.",
    )


class ApiError(Exception):
    """A refusal with its HTTP status, machine code and (translated) message."""

    def __init__(self, status: int, code: str, message: str, detail: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail


# The error answers most endpoints can give, for their OpenAPI ``response=`` maps.
COMMON_ERRORS: dict[int, type[Schema]] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
}

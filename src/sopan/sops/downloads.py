"""Generated files of a version: options, the cache of rendered files, the download response.

A file is rendered once per (version, format, render options) and kept as a
:class:`~sopan.sops.models.RenderedFile`; it is rendered again when the version's document
hash differs from the one it was made from (or its stored file went missing).

Drafts (any status in ``VersionStatus.DRAFTS``) always carry the KONSEP mark. An approved
version carries no mark but a QR code to its verification page and its status word in the
footer: in force it says BERLAKU; a superseded or retired one says DIGANTIKAN/DICABUT there
and on the verification page (it was approved, so KONSEP would be untrue).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from sopan.i18n import normalise_language
from sopan.render.formats import Format
from sopan.render.options import Orientation, Paper, RenderOptions
from sopan.sops.choices import VersionStatus
from sopan.sops.models import RenderedFile, SopVersion
from sopan.sops.verification import status_word

PAPERS: tuple[Paper, ...] = ("a4", "f4")
ORIENTATIONS: tuple[Orientation, ...] = ("landscape", "portrait")


def verify_url(version: SopVersion) -> str:
    return settings.SITE_URL + reverse("verify", kwargs={"token": version.token})


def render_options_for(
    version: SopVersion,
    *,
    paper: str = "a4",
    orientation: str = "landscape",
    lang: str | None = None,
) -> RenderOptions:
    """Options for ``version``; an unknown paper or orientation falls back to A4 landscape."""
    approved = version.status in VersionStatus.PUBLISHED
    return RenderOptions(
        paper=next((p for p in PAPERS if p == paper), "a4"),
        orientation=next((o for o in ORIENTATIONS if o == orientation), "landscape"),
        draft=not approved,
        verify_url=verify_url(version) if approved else None,
        status_label=str(status_word(version.status)) if approved else None,
        system_version=version.number,
        lang=normalise_language(lang),
    )


def rendered_file_get_or_create(
    *, version: SopVersion, fmt: Format, options: RenderOptions
) -> tuple[RenderedFile, bytes]:
    """The cached file of ``version`` in ``fmt`` with ``options``, rendered if needed.

    A renderer error propagates and leaves the cache (and the version) as they were.
    """
    # The status word and version number are printed too, but not part of cache_key(): a
    # version that becomes DIGANTIKAN keeps its document hash and must not show BERLAKU.
    key = f"{options.cache_key()}|{options.status_label or '-'}|{options.system_version}"
    row = RenderedFile.objects.filter(version=version, format=fmt.name, options_key=key).first()
    if row is not None and row.document_hash == version.document_hash:
        try:
            with row.file.open("rb") as stored:
                return row, stored.read()
        except (FileNotFoundError, ValueError):
            pass  # the file is gone: make it again
    data = fmt.render(version.document_model(), options)
    return _store(version, fmt, key, data), data


@transaction.atomic
def _store(version: SopVersion, fmt: Format, key: str, data: bytes) -> RenderedFile:
    row, _ = RenderedFile.objects.select_for_update().get_or_create(
        version=version,
        format=fmt.name,
        options_key=key,
        defaults={"document_hash": version.document_hash},
    )
    if row.file:
        row.file.delete(save=False)
    row.document_hash = version.document_hash
    row.size = len(data)
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
    row.file.save(f"{fmt.name}-{digest}.{fmt.extension}", ContentFile(data), save=True)
    return row


_UNSAFE = re.compile(r"[^A-Za-z0-9._]+")  # runs of anything else, dashes included, → one "-"


def download_filename(version: SopVersion, fmt: Format) -> str:
    """``<nomor or nama>-v<n>.<ext>``: ASCII letters, digits, ``.``, ``_`` and ``-`` only."""
    base = version.nomor or version.nama or "sop"
    ascii_text = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    safe = _UNSAFE.sub("-", ascii_text).strip("-.")[:100].strip("-.") or "sop"
    return f"{safe}-v{version.number}.{fmt.extension}"

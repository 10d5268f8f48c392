"""Attachments of a version (forms, checklists): the model and its two operations.

Handling that stays safe whatever people upload:

- only PDF, DOCX, XLSX, ODT, PNG and JPG, judged by the name's extension AND the file's first
  bytes (a DOCX/XLSX/ODT is a ZIP holding that format's main part), so HTML renamed ``.pdf``
  is refused;
- at most ``SOPAN_MAX_ATTACHMENT_BYTES`` (10 MB unless configured), checked before reading;
- stored in MEDIA under a random name (never the uploaded one), with its SHA-256;
- served only by :func:`sopan.sops.editor_views.attachment_download`, which checks that the
  person may see the version, as a download (``Content-Disposition: attachment``) with the
  content type stored here and ``nosniff``: never shown inline, never HTML.

A refused upload raises ``ValidationError`` with an Indonesian reason and writes nothing.
"""

from __future__ import annotations

import hashlib
import io
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from sopan.audit.services import audit_record
from sopan.document.errors import format_megabytes
from sopan.sops.choices import VersionStatus
from sopan.sops.models import SopVersion

AnyUser = User | AnonymousUser

DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    label: str


KINDS: dict[str, Kind] = {
    k.extension: k
    for k in (
        Kind("pdf", "application/pdf", "PDF"),
        Kind(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "DOCX",
        ),
        Kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
        Kind("odt", "application/vnd.oasis.opendocument.text", "ODT"),
        Kind("png", "image/png", "PNG"),
        Kind("jpg", "image/jpeg", "JPG"),
        Kind("jpeg", "image/jpeg", "JPG"),
    )
}


def _attachment_path(instance: Attachment, filename: str) -> str:
    return f"lampiran/{instance.version.sop_id}/{instance.version_id}/{filename}"


class Attachment(models.Model):
    version = models.ForeignKey(
        SopVersion,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=gettext_lazy("versi"),
    )
    name = models.CharField(gettext_lazy("nama berkas"), max_length=200)
    file = models.FileField(gettext_lazy("berkas"), upload_to=_attachment_path, max_length=300)
    content_type = models.CharField(gettext_lazy("jenis isi"), max_length=100)
    size = models.PositiveIntegerField(gettext_lazy("ukuran (byte)"))
    sha256 = models.CharField(gettext_lazy("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("diunggah oleh"),
    )
    uploaded_at = models.DateTimeField(gettext_lazy("diunggah"), default=timezone.now)

    class Meta:
        app_label = "sops"
        verbose_name = gettext_lazy("lampiran berkas")
        verbose_name_plural = pgettext_lazy("jamak", "lampiran berkas")
        ordering = ["version", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


def max_attachment_bytes() -> int:
    return int(getattr(settings, "SOPAN_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_ATTACHMENT_BYTES))


def allowed_labels() -> str:
    return ", ".join(dict.fromkeys(k.label for k in KINDS.values()))


def _zip_names(data: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return []


def _odt_mimetype(data: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read("mimetype")[:100]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return b""


def content_matches(extension: str, data: bytes) -> bool:
    """True if the first bytes (and, for office files, the ZIP's parts) fit the extension."""
    if extension == "pdf":
        return data.startswith(b"%PDF-")
    if extension == "png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in ("jpg", "jpeg"):
        return data.startswith(b"\xff\xd8\xff")
    if not data.startswith(b"PK\x03\x04"):
        return False
    if extension == "docx":
        return "word/document.xml" in _zip_names(data)
    if extension == "xlsx":
        return "xl/workbook.xml" in _zip_names(data)
    if extension == "odt":
        return _odt_mimetype(data) == b"application/vnd.oasis.opendocument.text"
    return False


def clean_filename(name: str) -> str:
    """The name shown and offered on download: the last path part, printable, ≤ 150 chars."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(c for c in unicodedata.normalize("NFC", base) if c.isprintable())
    base = base.replace('"', "").strip(" .")
    if len(base) > 150:
        stem, _dot, ext = base.rpartition(".")
        base = f"{stem[: 150 - len(ext) - 1]}.{ext}" if stem else base[:150]
    return base or "lampiran"


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _check_upload(upload: UploadedFile) -> tuple[Kind, bytes]:
    name = upload.name or ""
    extension = PurePath(name).suffix.lower().lstrip(".")
    kind = KINDS.get(extension)
    if kind is None:
        raise _refuse(
            _("Jenis berkas .{ext} tidak diterima. Yang diterima: {allowed}.").format(
                ext=extension or "?", allowed=allowed_labels()
            ),
            "type",
        )
    limit = max_attachment_bytes()
    if (upload.size or 0) > limit:
        raise _refuse(
            _("Berkas {size} melebihi batas {limit}.").format(
                size=format_megabytes(upload.size or 0), limit=format_megabytes(limit)
            ),
            "too_large",
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _refuse(
            _("Berkas melebihi batas {limit}.").format(limit=format_megabytes(limit)), "too_large"
        )
    if not data:
        raise _refuse(_("Berkas kosong."), "empty")
    if not content_matches(extension, data):
        raise _refuse(
            _(
                "Isi berkas bukan {label} walaupun namanya berakhiran .{ext}. Simpan ulang "
                "berkas sebagai {label} yang sebenarnya, lalu unggah lagi."
            ).format(label=kind.label, ext=extension),
            "content",
        )
    return kind, data


@transaction.atomic
def attachment_add(*, version: SopVersion, upload: UploadedFile, by: AnyUser) -> Attachment:
    """Attach an uploaded file to a draft ``version``; refused uploads write nothing."""
    from sopan.sops.editor_access import may_draft_for

    _check_may_attach(by, version, may_draft_for(by, version))
    kind, data = _check_upload(upload)
    attachment = Attachment(
        version=version,
        name=clean_filename(upload.name or ""),
        content_type=kind.content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=by if by.is_authenticated else None,
    )
    attachment.file.save(f"{secrets.token_hex(16)}.{kind.extension}", ContentFile(data), save=False)
    try:
        attachment.save()
        audit_record(
            actor=by,
            action="sop.attachment_add",
            obj=version,
            after={"name": attachment.name, "sha256": attachment.sha256, "size": attachment.size},
        )
    except Exception:
        attachment.file.delete(save=False)  # the row was not written: keep no stray file
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, by: AnyUser) -> None:
    """Remove an attachment of a draft (the row, then its file)."""
    from sopan.sops.editor_access import may_draft_for

    version = attachment.version
    _check_may_attach(by, version, may_draft_for(by, version))
    before = {"name": attachment.name, "sha256": attachment.sha256}
    stored, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    audit_record(actor=by, action="sop.attachment_delete", obj=version, before=before)
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


def _check_may_attach(by: object, version: SopVersion, allowed: bool) -> None:
    if not allowed:
        raise _refuse(
            _("Anda tidak berwenang mengubah lampiran SOP unit {unit}.").format(
                unit=version.sop.unit.nama
            ),
            "forbidden",
        )
    if version.status not in VersionStatus.EDITABLE:
        raise _refuse(_("Lampiran hanya dapat diubah pada versi berstatus Konsep."), "not_editable")

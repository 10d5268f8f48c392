"""Attachments of a draft: accepted and refused uploads, downloads and their headers."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sopan.audit.models import AuditEvent
from sopan.sops.attachments import Attachment
from sopan.sops.models import SopVersion
from tests.sopdocs import make_sop

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def konsep(world: Any) -> SopVersion:
    return make_sop(world.dinas_x, "Pelayanan Surat Keterangan")


def _upload_url(version: SopVersion) -> str:
    return f"/sop/{version.sop_id}/v/{version.number}/lampiran/"


def _upload(client: Client, version: SopVersion, name: str, data: bytes, **headers: str) -> Any:
    upload = SimpleUploadedFile(name, data, "application/octet-stream")
    return client.post(_upload_url(version), {"berkas": upload}, headers=headers)


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("Formulir Permohonan.pdf", PDF, "application/pdf"),
        (
            "daftar-periksa.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("rekap.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("lembar.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("bagan.png", PNG, "image/png"),
        ("foto.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 16, "image/jpeg"),
    ],
)
def test_accepted_upload_and_download(
    client: Client, penyusun: Any, konsep: SopVersion, name: str, data: bytes, content_type: str
) -> None:
    client.force_login(penyusun)
    response = _upload(client, konsep, name, data)
    assert response.status_code == 302
    attachment = Attachment.objects.get(version=konsep)
    assert (attachment.name, attachment.content_type, attachment.size) == (
        name,
        content_type,
        len(data),
    )
    assert attachment.uploaded_by == penyusun and len(attachment.sha256) == 64
    assert name not in attachment.file.name  # stored under a random name
    assert AuditEvent.objects.filter(action="sop.attachment_add").count() == 1
    download = client.get(f"{_upload_url(konsep)}{attachment.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == content_type
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download.getvalue() == data


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "halaman.html",
            b"<html><script>alert(1)</script></html>",
            "Jenis berkas .html tidak diterima. Yang diterima: PDF, DOCX, XLSX, ODT, PNG, JPG.",
        ),
        (
            "formulir.pdf",
            b"<html><script>alert(1)</script></html>",
            "Isi berkas bukan PDF walaupun namanya berakhiran .pdf.",
        ),
        ("surat.docx", _zip({"evil.txt": b"x"}), "Isi berkas bukan DOCX"),
        ("gambar.png", PDF, "Isi berkas bukan PNG"),
        ("kosong.pdf", b"", "Berkas kosong."),
    ],
)
def test_refused_upload_says_why_and_writes_nothing(
    client: Client, penyusun: Any, konsep: SopVersion, name: str, data: bytes, message: str
) -> None:
    client.force_login(penyusun)
    events = AuditEvent.objects.count()
    response = _upload(client, konsep, name, data, HX_Request="true")
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Attachment.objects.exists() and AuditEvent.objects.count() == events


def test_too_large_is_refused(
    client: Client, penyusun: Any, konsep: SopVersion, settings: Any, tmp_path: Any
) -> None:
    settings.SOPAN_MAX_ATTACHMENT_BYTES = 1024 * 1024
    client.force_login(penyusun)
    response = _upload(client, konsep, "besar.pdf", PDF + b"0" * (1024 * 1024), HX_Request="true")
    assert response.status_code == 422
    assert "Berkas 1,0 MB melebihi batas 1 MB." in response.content.decode()
    assert not Attachment.objects.exists()
    assert not any((tmp_path / "media").rglob("*.pdf"))


def test_refused_upload_without_htmx_redirects_with_the_reason(
    client: Client, penyusun: Any, konsep: SopVersion
) -> None:
    client.force_login(penyusun)
    response = _upload(client, konsep, "formulir.pdf", b"<html></html>")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Isi berkas bukan PDF" in page


def test_download_follows_the_visibility_of_the_version(
    client: Client, penyusun: Any, outsider_unit: Any, konsep: SopVersion
) -> None:
    client.force_login(penyusun)
    _upload(client, konsep, "formulir.pdf", PDF)
    url = f"{_upload_url(konsep)}{Attachment.objects.get().pk}/"
    client.force_login(outsider_unit)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_only_drafters_upload_and_only_to_drafts(
    client: Client, pemeriksa: Any, penyusun: Any, konsep: SopVersion, published: SopVersion
) -> None:
    client.force_login(pemeriksa)
    assert _upload(client, konsep, "formulir.pdf", PDF).status_code == 403
    client.force_login(penyusun)
    assert _upload(client, published, "formulir.pdf", PDF).status_code == 403
    assert not Attachment.objects.exists()


def test_remove_an_attachment(client: Client, penyusun: Any, konsep: SopVersion) -> None:
    client.force_login(penyusun)
    _upload(client, konsep, "formulir.pdf", PDF)
    attachment = Attachment.objects.get()
    response = client.post(
        f"{_upload_url(konsep)}{attachment.pk}/hapus/", headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and "Belum ada lampiran." in response.content.decode()
    assert not Attachment.objects.exists()


def test_version_page_lists_attachments(client: Client, penyusun: Any, konsep: SopVersion) -> None:
    client.force_login(penyusun)
    _upload(client, konsep, "Formulir Permohonan.pdf", PDF)
    page = client.get(f"/sop/{konsep.sop_id}/v/1/").content.decode()
    assert "Formulir Permohonan.pdf" in page


def test_upload_needs_csrf(penyusun: Any, konsep: SopVersion) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(penyusun)
    assert _upload(client, konsep, "formulir.pdf", PDF).status_code == 403
    assert not Attachment.objects.exists()

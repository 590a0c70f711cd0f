import io
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.http import Http404

from mattran.core.files import (
    OLE2_MAGIC,
    check_private_root,
    content_disposition,
    file_type_sniff,
    pdf_sniff,
    private_file_response,
    private_storage,
    random_name,
)


class _Field:
    def __init__(self, storage):
        self.storage = storage


def _stored(content=b"%PDF-1.4\n%%EOF\n", name="petitions/answers/x.pdf"):
    storage = private_storage()
    saved = storage.save(name, ContentFile(content))
    return FieldFile(None, _Field(storage), saved)


def test_private_storage_builds_no_url():
    with pytest.raises(ValueError):
        private_storage().url("van-ban/x.pdf")


def test_private_storage_lies_outside_the_served_media_root(settings):
    private = Path(private_storage().location).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    assert media not in private.parents and private != media


def test_system_check_refuses_a_private_root_inside_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "private": {**settings.STORAGES["private"],
                                                          "OPTIONS": {"location": str(tmp_path / "media" / "private")}}}
    assert [error.id for error in check_private_root()] == ["mattran.E102"]


def test_system_check_passes_the_default_layout():
    assert check_private_root() == []


def test_random_name_keeps_only_a_clean_extension():
    name = random_name("van-ban", "PDF\r\n<x>")
    folder, file_name = name.split("/")
    assert folder == "van-ban" and len(file_name) == 32 + len(".pdfx")
    assert file_name.endswith(".pdfx")
    assert random_name("a", "").endswith(".bin")


def test_content_disposition_is_safe_whatever_the_file_name():
    header = content_disposition('Quyết "định"; 1\r\nX-Evil: 1.pdf')
    assert "\r" not in header and "\n" not in header
    fallback = header.split(";")[1]
    assert fallback == ' filename="quyet-dinh-1-x-evil-1.pdf"'
    assert header.endswith("filename*=UTF-8''" + quote('Quyết "định"; 1\r\nX-Evil: 1.pdf', safe=""))
    assert content_disposition("a.b", as_attachment=False).startswith('inline; filename="a.b"')


def test_pdf_sniff_needs_the_trailer_when_asked():
    assert pdf_sniff(io.BytesIO(b"%PDF-<script>alert(1)</script>"))
    assert not pdf_sniff(io.BytesIO(b"%PDF-<script>alert(1)</script>"), complete=True)
    assert pdf_sniff(io.BytesIO(b"%PDF-1.4\n" + b"x" * 5000 + b"\n%%EOF\n"), complete=True)
    assert not pdf_sniff(io.BytesIO(b"<html>%%EOF"), complete=True)


def test_private_file_response_streams_with_private_headers(settings):
    settings.PRIVATE_FILES_ACCEL_REDIRECT = ""
    response = private_file_response(_stored(), filename="Trả lời.pdf", content_type="application/pdf")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="tra-loi.pdf"')
    assert "X-Accel-Redirect" not in response


def test_private_file_response_hands_over_to_nginx_when_configured(settings):
    settings.PRIVATE_FILES_ACCEL_REDIRECT = "/_private/"
    file = _stored()
    response = private_file_response(file, filename="a.pdf", content_type="application/pdf")
    assert response["X-Accel-Redirect"] == f"/_private/{file.name}"
    assert response.content == b""
    assert response["Cache-Control"] == "private, no-store" and response["X-Content-Type-Options"] == "nosniff"


def test_private_file_response_of_a_missing_file_is_404():
    file = _stored()
    file.storage.delete(file.name)
    with pytest.raises(Http404):
        private_file_response(file, filename="a.pdf", content_type="application/pdf")


def test_file_type_sniff_tells_pdf_doc_and_docx_by_content_and_nothing_else():
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert file_type_sniff(io.BytesIO(b"%PDF-1.4\n...\n%%EOF\n"), complete=True) == "pdf"
    assert file_type_sniff(io.BytesIO(b"%PDF-1.4 no trailer"), complete=True) is None
    assert file_type_sniff(io.BytesIO(OLE2_MAGIC + b"\x00" * 64)) == "doc"
    assert file_type_sniff(docx) == "docx" and docx.tell() == 0
    assert file_type_sniff(other_zip) is None
    assert file_type_sniff(io.BytesIO(b"MZ\x90\x00 an executable")) is None

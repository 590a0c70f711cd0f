import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from mattran.core.files import file_type_sniff
from mattran.documents.files import minimal_pdf, validate_document_file

from .factories import doc_upload, docx_bytes, docx_upload, pdf_upload

EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


@pytest.mark.parametrize("upload", [pdf_upload(), doc_upload(), docx_upload()], ids=["pdf", "doc", "docx"])
def test_good_files_pass(upload):
    validate_document_file(upload)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("setup.pdf", EXE, "content"),  # renamed executable
        ("setup.exe", EXE, "extension"),
        ("anh.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "content"),
        ("van-ban.doc", minimal_pdf("x"), "mismatch"),  # a PDF called .doc
        ("van-ban.pdf", docx_bytes(), "mismatch"),
        ("bang-tinh.docx", docx_bytes(with_document=False), "content"),  # a zip that is not a Word file
        ("hong.docx", b"PK\x03\x04 not really a zip", "content"),
        ("khong-duoi", minimal_pdf("x"), "extension"),
        ("rong.pdf", b"", "empty"),
    ],
)
def test_bad_files_are_refused_with_a_reason(name, content, code):
    with pytest.raises(ValidationError) as error:
        validate_document_file(SimpleUploadedFile(name, content))
    assert error.value.code == code


def test_file_over_the_size_limit_is_refused(settings):
    settings.DOCUMENTS_MAX_FILE_SIZE = 100
    with pytest.raises(ValidationError) as error:
        validate_document_file(pdf_upload())
    assert error.value.code == "too_big"
    assert "100" in str(error.value.messages[0])


def test_extension_case_does_not_matter():
    validate_document_file(pdf_upload(name="VAN-BAN.PDF"))


def test_sniffing_leaves_the_file_at_its_start():
    upload = docx_upload()
    assert file_type_sniff(upload) == "docx"
    assert upload.read(2) == b"PK"


def test_generated_pdf_is_structurally_a_pdf():
    data = minimal_pdf("Quyet dinh 994-QD/TU")
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    offset = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[offset:].startswith(b"xref")

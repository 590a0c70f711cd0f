import datetime
import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from mattran.core.files import OLE2_MAGIC
from mattran.documents.files import minimal_pdf
from mattran.documents.models import Document, DocumentKind, PublicationStatus
from mattran.organisations.tests.factories import OrganisationFactory


def pdf_upload(name="van-ban.pdf", title="test"):
    return SimpleUploadedFile(name, minimal_pdf(title), content_type="application/pdf")


def doc_upload(name="van-ban.doc"):
    return SimpleUploadedFile(name, OLE2_MAGIC + b"\x00" * 504, content_type="application/msword")


def docx_bytes(*, with_document=True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if with_document:
            archive.writestr("word/document.xml", "<w:document/>")
        else:
            archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def docx_upload(name="van-ban.docx"):
    return SimpleUploadedFile(name, docx_bytes(), content_type="application/octet-stream")


class DocumentFactory(factory.django.DjangoModelFactory):
    """A published register entry with a small PDF."""

    class Meta:
        model = Document

    number = factory.Sequence(lambda n: f"{100 + n}-QĐ/TU")
    kind = DocumentKind.DECISION
    slug = factory.Sequence(lambda n: f"van-ban-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    issuer_name = "Ban Thường vụ Thành ủy"
    issued_on = datetime.date(2017, 5, 25)
    abstract = "Về việc tổ chức hội nghị gặp gỡ giữa người đứng đầu cấp ủy với Nhân dân."
    file = factory.LazyFunction(lambda: pdf_upload())
    file_size = 600
    publication_status = PublicationStatus.PUBLISHED

"""What a register file may be: PDF, DOC or DOCX, recognised by its content, with an agreeing extension and
under the size limit (``DOCUMENTS_MAX_FILE_SIZE``). A renamed executable or an image called ``.pdf`` is refused."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from mattran.core.files import file_type_sniff

ALLOWED_EXTENSIONS = ("pdf", "doc", "docx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024


def max_file_size() -> int:
    return int(getattr(settings, "DOCUMENTS_MAX_FILE_SIZE", DEFAULT_MAX_FILE_SIZE))


def validate_document_file(value) -> None:
    """Model-field validator: runs for the admin form and for the services alike.

    Files already stored were checked when they were uploaded, so only a new upload is read.
    """
    if not value or getattr(value, "_committed", False):
        return
    name = getattr(value, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Chỉ nhận tệp PDF, DOC hoặc DOCX (tệp đã chọn có phần mở rộng “%(ext)s”)."),
            code="extension",
            params={"ext": extension or "—"},
        )
    size = getattr(value, "size", None) or 0
    if size > max_file_size():
        raise ValidationError(
            _("Tệp quá lớn (%(size)s); dung lượng tối đa là %(limit)s."),
            code="too_big",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_file_size())},
        )
    if size == 0:
        raise ValidationError(_("Tệp rỗng."), code="empty")
    fileobj = getattr(value, "file", value)
    detected = file_type_sniff(fileobj)
    if detected is None:
        raise ValidationError(
            _("Nội dung tệp không phải PDF, DOC hay DOCX; tệp bị từ chối."), code="content"
        )
    if detected != extension:
        raise ValidationError(
            _("Nội dung tệp là %(detected)s nhưng tên tệp có đuôi .%(ext)s; hãy đổi tên cho đúng."),
            code="mismatch",
            params={"detected": detected.upper(), "ext": extension},
        )


def minimal_pdf(title: str) -> bytes:
    """A one-page, valid PDF showing ``title`` (ASCII only); used by the demo and the tests."""
    safe = title.encode("ascii", "replace").decode().replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 56 780 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)

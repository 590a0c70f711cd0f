"""Checking and cleaning files citizens attach and answers bodies upload: the type is decided by the content (not
the name), sizes and image dimensions are limited, and the GPS position is removed from photos unless the
submitter chose to keep it."""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from mattran.core.files import file_type_sniff

IMAGE_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
GPS_IFD_TAG = 0x8825


@dataclass
class CleanFile:
    content: ContentFile
    original_name: str
    content_type: str
    size: int
    location_kept: bool


def max_attachments() -> int:
    return getattr(settings, "PETITIONS_MAX_ATTACHMENTS", 5)


def max_attachment_bytes() -> int:
    return getattr(settings, "PETITIONS_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024)


def max_image_pixels() -> int:
    return getattr(settings, "PETITIONS_IMAGE_MAX_PIXELS", 40_000_000)


def max_answer_bytes() -> int:
    return getattr(settings, "PETITIONS_ANSWER_MAX_BYTES", 10 * 1024 * 1024)


def answer_document_clean(uploaded):
    """An answer document must be a whole PDF (header and trailer) under the size limit; returns the file,
    positioned at 0. Whatever its name, it is stored as .pdf (models._answer_upload_to)."""
    size = getattr(uploaded, "size", None) or 0
    if size > max_answer_bytes():
        raise ValidationError(
            _("Văn bản trả lời quá lớn (%(size)s); dung lượng tối đa là %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_answer_bytes())},
            code="answer_too_large",
        )
    if not size or file_type_sniff(uploaded, complete=True) != "pdf":
        raise ValidationError(_("Văn bản trả lời phải là tệp PDF."), code="answer_not_pdf")
    return uploaded


def attachment_clean(uploaded, *, keep_location: bool = False) -> CleanFile:
    """Validate one uploaded file and return what to store; raises ValidationError with a clear message."""
    name = (getattr(uploaded, "name", "") or "tep").rsplit("/", 1)[-1][:200]
    size = getattr(uploaded, "size", None)
    if size is not None and size > max_attachment_bytes():
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn (tối đa %(mb)s MB).")
            % {"name": name, "mb": max_attachment_bytes() // (1024 * 1024)},
            code="attachment_too_large",
        )
    uploaded.seek(0)
    data = uploaded.read()
    if len(data) > max_attachment_bytes():
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn (tối đa %(mb)s MB).")
            % {"name": name, "mb": max_attachment_bytes() // (1024 * 1024)},
            code="attachment_too_large",
        )
    if file_type_sniff(io.BytesIO(data)) == "pdf":
        return CleanFile(ContentFile(data, name="tep.pdf"), name, "application/pdf", len(data), False)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            # Only the header is read so far: refuse huge images before anything is decoded.
            width, height = probe.size
            if width * height > max_image_pixels():
                raise ValidationError(
                    _("Ảnh “%(name)s” quá lớn (%(width)s×%(height)s điểm ảnh; tối đa %(mp)s triệu điểm ảnh).")
                    % {"name": name, "width": width, "height": height, "mp": max_image_pixels() // 1_000_000},
                    code="attachment_too_many_pixels",
                )
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("Tệp “%(name)s” không phải ảnh (JPEG, PNG, WebP) hay PDF.") % {"name": name},
            code="attachment_type",
        ) from exc
    if image.format not in IMAGE_FORMATS:
        raise ValidationError(
            _("Tệp “%(name)s” không phải ảnh (JPEG, PNG, WebP) hay PDF.") % {"name": name},
            code="attachment_type",
        )
    content_type, ext = IMAGE_FORMATS[image.format]
    if keep_location:
        return CleanFile(ContentFile(data, name=f"anh.{ext}"), name, content_type, len(data), True)
    return CleanFile(_without_location(image, ext), name, content_type, len(data), False)


def _without_location(image: Image.Image, ext: str) -> ContentFile:
    """Re-save the image with the EXIF GPS block removed (other EXIF, e.g. orientation, kept)."""
    exif = image.getexif()
    if GPS_IFD_TAG in exif:
        del exif[GPS_IFD_TAG]
    out = io.BytesIO()
    params = {"exif": exif.tobytes()} if len(exif) else {}
    if image.format == "JPEG":
        params["quality"] = 90
    image.save(out, format=image.format, **params)
    return ContentFile(out.getvalue(), name=f"anh.{ext}")

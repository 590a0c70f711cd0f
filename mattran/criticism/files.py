"""Checks on a draft version's file: PDF or DOCX (Word), at most 20 MB, told by content not by name."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mattran.core.files import pdf_sniff

MAX_BYTES = 20 * 1024 * 1024


def _is_docx(file) -> bool:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        file.seek(0)
    return "word/document.xml" in names and "[Content_Types].xml" in names


def version_file_kind(file) -> str:
    """ "pdf" or "docx"; raises ValidationError (on the ``file`` field) for anything else."""
    if file.size > MAX_BYTES:
        raise ValidationError({"file": _("Tệp quá lớn (tối đa 20 MB).")})
    if pdf_sniff(file, complete=True):
        return "pdf"
    if _is_docx(file):
        return "docx"
    raise ValidationError({"file": _("Chỉ nhận tệp PDF hoặc Word (DOCX).")})

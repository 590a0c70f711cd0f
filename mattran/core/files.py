"""Private files: the storage the web server never serves, and the one way views hand its files out.

Petition attachments, answer documents and every văn bản register file live in ``STORAGES["private"]`` (a folder
outside ``MEDIA_ROOT``, under random names). No URL can be built for them; a view that has checked permission
answers with :func:`private_file_response` — the file itself, or an ``X-Accel-Redirect`` to nginx's ``internal``
location when ``PRIVATE_FILES_ACCEL_REDIRECT`` is set. See docs/security/files.md.
"""

import uuid
import zipfile
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse, Http404, HttpResponse
from django.utils.functional import LazyObject, empty

from .text import vi_slugify

PRIVATE_STORAGE_ALIAS = "private"
PDF_MAGIC = b"%PDF-"
PDF_EOF = b"%%EOF"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the legacy Word .doc container
ZIP_MAGIC = b"PK\x03\x04"


class PrivateFileSystemStorage(FileSystemStorage):
    """A file-system storage with no URL: ``url()`` raises (Django's own "not accessible via a URL"), so no
    template or serializer can link a private file past the permission-checking views."""

    @property
    def base_url(self):
        return None


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages[PRIVATE_STORAGE_ALIAS]


_private = _PrivateStorage()


def private_storage():
    """The ``storage=`` callable of private file fields (a callable keeps the migrations free of paths)."""
    return _private


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    # Tests that override STORAGES get a fresh private storage too (Django resets only the default one).
    if setting == "STORAGES":
        _private._wrapped = empty


def random_name(folder: str, extension: str) -> str:
    """ "petitions/answers/3f…9c.pdf": unguessable, and never anything the uploader chose."""
    extension = "".join(ch for ch in extension.lower() if ch.isascii() and ch.isalnum())[:8] or "bin"
    return f"{folder}/{uuid.uuid4().hex}.{extension}"


def pdf_sniff(fileobj, *, complete: bool = False) -> bool:
    """Whether the bytes are a PDF: the ``%PDF-`` header in the first 1024 bytes (the spec lets readers look
    there), and with ``complete`` also the ``%%EOF`` trailer in the last 1024. Leaves the position at 0."""
    fileobj.seek(0)
    head = fileobj.read(1024)
    found = PDF_MAGIC in head
    if found and complete:
        fileobj.seek(0, 2)
        end = fileobj.tell()
        fileobj.seek(max(end - 1024, 0))
        found = PDF_EOF in fileobj.read(1024)
    fileobj.seek(0)
    return found


def file_type_sniff(fileobj, *, complete: bool = False) -> str | None:
    """ "pdf", "doc", "docx" or None, from the bytes alone, never the name: the one sniffer every upload check
    uses (``complete``: a PDF must also have its trailer, see ``pdf_sniff``). Leaves the position at 0."""
    if pdf_sniff(fileobj, complete=complete):
        return "pdf"
    head = fileobj.read(8)
    fileobj.seek(0)
    if head == OLE2_MAGIC:
        return "doc"
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(fileobj) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            fileobj.seek(0)
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return "docx"
    return None


def content_disposition(filename: str, *, as_attachment: bool = True) -> str:
    """RFC 6266 / 5987: an ASCII fallback for old clients, the UTF-8 name (percent-encoded) for the rest.

    Neither part can carry a quote, a semicolon or a line break, whatever the name holds."""
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    extension = extension if extension.isascii() and extension.isalnum() and len(extension) <= 8 else ""
    fallback = (vi_slugify(stem) or "tep") + (f".{extension.lower()}" if extension else "")
    kind = "attachment" if as_attachment else "inline"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def private_file_response(file, *, filename: str, content_type: str, as_attachment: bool = True) -> HttpResponse:
    """Answer with a stored file once the calling view has checked permission (and written its audit row).

    ``file`` is a FieldFile. With ``PRIVATE_FILES_ACCEL_REDIRECT`` (e.g. "/_private/") the answer is empty and
    nginx sends the file from its ``internal`` location; otherwise Django streams it. A missing file is a 404."""
    name = getattr(file, "name", "") or ""
    if not name or not file.storage.exists(name):
        raise Http404
    prefix = getattr(settings, "PRIVATE_FILES_ACCEL_REDIRECT", "")
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"/{prefix.strip('/')}/{quote(name)}"
    else:
        response = FileResponse(file.storage.open(name, "rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, as_attachment=as_attachment)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def file_rows_move(*, queryset, field: str, source, target, name_for) -> int:
    """Move the files of ``queryset``'s ``field`` from storage ``source`` to ``target`` under ``name_for(row,
    old_name)`` and point the rows at them; used by the data migrations that take files out of MEDIA_ROOT.

    Safe to run again: a row whose file is already in ``target`` (and not in ``source``) is left alone. The old
    copies are deleted only once the transaction commits, so a failed run leaves every row pointing at a file."""
    from django.db import transaction

    moved = 0
    for row in queryset.exclude(**{field: ""}).iterator():
        old_name = getattr(row, field).name
        if not source.exists(old_name):  # moved already (or lost before this ran)
            continue
        with source.open(old_name, "rb") as handle:
            new_name = target.save(name_for(row, old_name), handle)
        type(row)._default_manager.filter(pk=row.pk).update(**{field: new_name})
        transaction.on_commit(lambda name=old_name: source.delete(name))
        moved += 1
    return moved


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


@register(Tags.security)
def check_private_root(app_configs=None, **kwargs):
    """The private folder must not lie inside (or contain) a folder the web server serves."""
    options = settings.STORAGES.get(PRIVATE_STORAGE_ALIAS, {}).get("OPTIONS", {})
    if "location" not in options:
        return [Error('STORAGES["private"] with a "location" is required.', id="mattran.E101")]
    private = Path(options["location"]).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        served = getattr(settings, name, None)
        if served and (_inside(private, Path(served).resolve()) or _inside(Path(served).resolve(), private)):
            errors.append(
                Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) overlaps {name} ({served}), which the web server serves.",
                    hint="Put the private folder outside every served folder, e.g. var/private.",
                    id="mattran.E102",
                )
            )
    return errors

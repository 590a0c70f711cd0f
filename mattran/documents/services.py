"""Every write to the văn bản register. The admin's create/edit/delete views call these too."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.accounts.permissions import user_can_access_organisation
from mattran.core.models import unique_slug
from mattran.core.services import audit_record, model_changes
from mattran.organisations.models import Organisation, Topic

from .models import Document, DocumentEvent, DocumentEventKind, PublicationStatus
from .permissions import DOCUMENT_ROLES, document_filter_linkable

EDITABLE_FIELDS = [
    "number",
    "kind",
    "organisation",
    "issuer_name",
    "issuer",
    "signer",
    "issued_on",
    "effective_from",
    "validity_status",
    "topic",
    "abstract",
]


def _check_actor(actor, organisation: Organisation) -> None:
    """Staff act only on their own organisation's register; ``actor=None`` is the system (demo, imports)."""
    if actor is None:
        return
    if not user_can_access_organisation(user=actor, organisation=organisation, roles=DOCUMENT_ROLES):
        raise PermissionDenied(_("Bạn không có quyền quản lý danh mục văn bản của tổ chức này."))


def _check_links(actor, documents, *, already=()) -> None:
    """The actor may link only published entries and their own registers' entries (links already there stay:
    refusing them would make an entry uneditable once another register withdrew its side)."""
    if actor is None:
        return
    wanted = {d.pk for d in documents} - set(already)
    allowed = set(document_filter_linkable(Document.objects.filter(pk__in=wanted), user=actor).values_list("pk", flat=True))
    if wanted - allowed:
        raise ValidationError(
            {"related_documents": _("Chỉ liên kết được văn bản đã công bố hoặc văn bản của tổ chức mình quản lý.")}
        )


def _event(document: Document, kind: str, actor, note: str = "") -> None:
    DocumentEvent.objects.create(
        document=document,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )


def _set_file(document: Document, file: UploadedFile | None) -> None:
    if file is not None:
        document.file = file
        document.file_size = file.size or 0


@transaction.atomic
def document_create(
    *,
    actor,
    number: str,
    kind: str,
    organisation: Organisation,
    issuer_name: str,
    issued_on: datetime.date,
    abstract: str,
    issuer: Organisation | None = None,
    signer: str = "",
    effective_from: datetime.date | None = None,
    validity_status: str | None = None,
    topic: Topic | None = None,
    file: UploadedFile | None = None,
    related_documents: list[Document] | None = None,
    publish: bool = False,
) -> Document:
    """A new register entry, a draft unless ``publish`` (then also published, in the same transaction)."""
    _check_actor(actor, organisation)
    document = Document(
        number=(number or "").strip(),
        kind=kind,
        organisation=organisation,
        issuer_name=(issuer_name or "").strip(),
        issuer=issuer,
        signer=(signer or "").strip(),
        issued_on=issued_on,
        effective_from=effective_from,
        topic=topic,
        abstract=(abstract or "").strip(),
    )
    if validity_status:
        document.validity_status = validity_status
    _set_file(document, file)
    _check_links(actor, related_documents or [])
    document.slug = unique_slug(document, f"{document.get_kind_display()} {document.number}", fallback="van-ban")
    document.full_clean()
    document.save()
    if related_documents:
        document.related_documents.set(related_documents)
    _event(document, DocumentEventKind.CREATED, actor)
    audit_record(
        actor=actor,
        action="document.create",
        target=document,
        changes={name: getattr(document, name) for name in EDITABLE_FIELDS} | {"file": document.file.name},
    )
    if publish:
        document = document_publish(document=document, actor=actor)
    return document


@transaction.atomic
def document_update(
    *, actor, document: Document, file: UploadedFile | None = None, related_documents=None, **fields: Any
) -> Document:
    """Change a register entry's metadata, file (when a new one is given) or related documents."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Không thể sửa các trường: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    document = Document.objects.select_for_update().get(pk=document.pk)
    _check_actor(actor, document.organisation)
    old = {name: getattr(document, name) for name in EDITABLE_FIELDS}
    for name, value in fields.items():
        setattr(document, name, value.strip() if isinstance(value, str) else value)
    if "organisation" in fields:
        _check_actor(actor, document.organisation)  # moving an entry needs rights on the target register too
    old_file = document.file.name
    _set_file(document, file)
    document.full_clean()
    document.save()
    changes = model_changes(document, EDITABLE_FIELDS, old)
    if file is not None:
        changes["file"] = [old_file, document.file.name]
    if related_documents is not None:
        before = set(document.related_documents.values_list("pk", flat=True))
        _check_links(actor, related_documents, already=before)
        document.related_documents.set(related_documents)
        after = {d.pk for d in related_documents}
        if before != after:
            changes["related_documents"] = [sorted(before), sorted(after)]
    if changes:
        _event(document, DocumentEventKind.UPDATED, actor, note=", ".join(sorted(changes))[:255])
        audit_record(actor=actor, action="document.update", target=document, changes=changes)
    return document


@transaction.atomic
def document_publish(*, actor, document: Document) -> Document:
    """Show the entry on the public register (and let article mentions link to it)."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _check_actor(actor, document.organisation)
    if document.publication_status == PublicationStatus.PUBLISHED:
        raise ValidationError(_("Văn bản này đã được công bố."))
    if not document.file:
        raise ValidationError(_("Cần tải lên tệp văn bản trước khi công bố."))
    old = document.publication_status
    document.publication_status = PublicationStatus.PUBLISHED
    document.published_at = timezone.now()
    document.save(update_fields=["publication_status", "published_at", "updated_at"])
    _event(document, DocumentEventKind.PUBLISHED, actor)
    audit_record(
        actor=actor,
        action="document.publish",
        target=document,
        changes={"publication_status": [old, document.publication_status]},
    )
    return document


@transaction.atomic
def document_withdraw(*, actor, document: Document, reason: str = "") -> Document:
    """Take the entry off the public register (its history and file are kept)."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _check_actor(actor, document.organisation)
    if document.publication_status != PublicationStatus.PUBLISHED:
        raise ValidationError(_("Chỉ có thể ngừng công bố văn bản đang được công bố."))
    document.publication_status = PublicationStatus.WITHDRAWN
    document.save(update_fields=["publication_status", "updated_at"])
    _event(document, DocumentEventKind.WITHDRAWN, actor, note=reason[:255])
    audit_record(
        actor=actor,
        action="document.withdraw",
        target=document,
        changes={"publication_status": [PublicationStatus.PUBLISHED, document.publication_status], "reason": reason},
    )
    return document


@transaction.atomic
def document_delete(*, actor, document: Document) -> None:
    """Delete a register entry and, once the transaction commits, its stored file."""
    _check_actor(actor, document.organisation)
    audit_record(
        actor=actor,
        action="document.delete",
        target=document,
        changes={"number": document.number, "kind": document.kind, "file": document.file.name},
    )
    file_name, storage = document.file.name, document.file.storage
    document.delete()
    if file_name:
        transaction.on_commit(lambda: storage.delete(file_name))

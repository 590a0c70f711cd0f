"""Feeds published register entries into the site search (see docs/architecture.md, "Search")."""

import datetime

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from mattran.search.models import SearchKind
from mattran.search.registry import provider_register
from mattran.search.services import search_entry_delete, search_entry_upsert
from mattran.search.text import search_key

from .models import Document


def issue_moment(day):
    """The issue date as the index's aware datetime (the start of that day in the site's time zone)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _entry(document: Document) -> dict:
    return {
        "kind": SearchKind.DOCUMENT,
        "key": search_key(document),
        "title": f"{document.get_kind_display()} {document.number}",
        "body": f"{document.abstract} {document.issuer_name} {document.signer}",
        "url": document.get_absolute_url(),
        "organisation": document.organisation,
        "category": str(document.get_kind_display()),
        # the date a reader of the register looks for is the issue date, not the day the file was put online
        "published_at": issue_moment(document.issued_on),
        "language": "vi",
        "reference": document.number,
    }


def entries():
    for document in Document.objects.published().select_related("organisation"):
        yield _entry(document)


provider_register("documents.register", entries)


def _saved(sender, instance, **kwargs):
    if instance.is_published:
        search_entry_upsert(**_entry(instance))
    else:
        search_entry_delete(key=search_key(instance))


def _removed(sender, instance, **kwargs):
    search_entry_delete(key=search_key(instance))


post_save.connect(_saved, sender=Document, dispatch_uid="search.documents.saved")
post_delete.connect(_removed, sender=Document, dispatch_uid="search.documents.deleted")

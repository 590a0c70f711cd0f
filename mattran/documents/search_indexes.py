"""Feeds published register entries into the site search (see docs/architecture.md, "Search")."""

from mattran.search.indexing import day_moment, model_index_register
from mattran.search.models import SearchKind
from mattran.search.text import search_key

from .models import Document


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
        "published_at": day_moment(document.issued_on),
        "language": "vi",
        "reference": document.number,
    }


model_index_register(
    name="documents.register",
    model=Document,
    public=lambda: Document.objects.published().select_related("organisation"),
    entry=_entry,
)

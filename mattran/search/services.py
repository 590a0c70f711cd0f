"""Writes to the search index.

The index is derived data, copied from content that its own app already audits (and rebuilt whole by
``search_rebuild``), so these writes record no audit row.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mattran.organisations.models import Organisation

from . import backends
from .models import SearchEntry, SearchKind
from .registry import provider_list
from .text import exact_words_copy, folded_copy, nfc, reference_key


@transaction.atomic
def search_entry_upsert(
    *,
    kind: str,
    key: str,
    title: str,
    body: str,
    url: str,
    organisation: Organisation | None = None,
    category: str = "",
    published_at: datetime.datetime | None = None,
    language: str = "vi",
    reference: str = "",
) -> SearchEntry:
    """Create or replace the index entry of one public item. Derived index write: no audit row."""
    errors = {}
    if kind not in SearchKind.values:
        errors["kind"] = _("Loại nội dung không hợp lệ: %(kind)s.") % {"kind": kind}
    if not key or len(key) > 200:
        errors["key"] = _("Khóa đối tượng phải có từ 1 đến 200 ký tự.")
    if not (title or "").strip():
        errors["title"] = _("Mục tìm kiếm phải có tiêu đề.")
    if not url or len(url) > 500:
        errors["url"] = _("Đường dẫn phải có từ 1 đến 500 ký tự.")
    if errors:
        raise ValidationError(errors)
    # very long texts are indexed by their beginning (PostgreSQL's tsvector has a 1 MB limit)
    title, body = nfc(title).strip()[:500], nfc(body)[: settings.SEARCH_BODY_MAX_CHARS]
    entry, _created = SearchEntry.objects.update_or_create(
        key=key,
        defaults={
            "kind": kind,
            "title": title,
            "body": body,
            "url": url,
            "organisation": organisation,
            "category": nfc(category).strip()[:150],
            "published_at": published_at,
            "language": language or "vi",
            "title_folded": folded_copy(title),
            "body_folded": folded_copy(body),
            "exact_words": exact_words_copy(title, body),
            "reference_folded": reference_key(reference),
        },
    )
    return entry


@transaction.atomic
def search_entry_delete(*, key: str) -> int:
    """Remove the entry of an item that is no longer public; returns how many rows went. Derived index write:
    no audit row."""
    deleted, _details = SearchEntry.objects.filter(key=key).delete()
    return deleted


@transaction.atomic
def search_index_rebuild() -> dict[str, int]:
    """Recreate the index from every registered provider: upsert what they yield, delete every other entry.

    One transaction: if a provider fails, the old index stays as it was. Returns the count per provider.
    """
    counts: dict[str, int] = {}
    seen: set[str] = set()
    for name, entries in sorted(provider_list().items()):
        counts[name] = 0
        for entry in entries():
            search_entry_upsert(**entry)
            seen.add(entry["key"])
            counts[name] += 1
    stale = [pk for pk, key in SearchEntry.objects.values_list("pk", "key").iterator() if key not in seen]
    for start in range(0, len(stale), 500):  # batches keep the IN lists short on SQLite
        SearchEntry.objects.filter(pk__in=stale[start : start + 500]).delete()
    backends.fulltext_rebuild()
    return counts

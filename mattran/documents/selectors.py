"""Reads of the văn bản register: the public list with its filters, one entry, and the resolution of
document mentions in article text to register entries."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from bs4 import BeautifulSoup
from django.db.models import Q, QuerySet

from mattran.organisations.models import Organisation
from mattran.search.models import SearchKind
from mattran.search.selectors import search_object_ids

from .models import Document, PublicationStatus, number_normalise
from .references import Reference, find_references


@dataclass(frozen=True)
class DocumentFilters:
    number: str = ""
    text: str = ""
    kind: str = ""
    issuer_name: str = ""
    topic_code: str = ""
    organisation_slug: str = ""
    validity_status: str = ""
    year: int | None = None
    issued_from: datetime.date | None = None
    issued_to: datetime.date | None = None


def document_list_public(*, filters: DocumentFilters | None = None) -> QuerySet[Document]:
    """Published entries matching ``filters``: exact số ký hiệu (case, spaces and diacritics ignored), every
    word of ``text`` (with or without diacritics, whole words) through the site search's index, and the facet
    filters."""
    f = filters or DocumentFilters()
    queryset = Document.objects.published().select_related("topic", "organisation")
    if f.number:
        queryset = queryset.filter(number_normalised=number_normalise(f.number))
    if f.text.strip():
        # the site search's index (whole words, folded): "to" finds "tổ", never "toàn"
        queryset = queryset.filter(pk__in=search_object_ids(kind=SearchKind.DOCUMENT, text=f.text, model=Document))
    if f.kind:
        queryset = queryset.filter(kind=f.kind)
    if f.issuer_name:
        queryset = queryset.filter(issuer_name=f.issuer_name)
    if f.topic_code:
        queryset = queryset.filter(topic__code=f.topic_code)
    if f.organisation_slug:
        queryset = queryset.filter(organisation__slug=f.organisation_slug)
    if f.validity_status:
        queryset = queryset.filter(validity_status=f.validity_status)
    if f.year:
        queryset = queryset.filter(issued_on__year=f.year)
    if f.issued_from:
        queryset = queryset.filter(issued_on__gte=f.issued_from)
    if f.issued_to:
        queryset = queryset.filter(issued_on__lte=f.issued_to)
    return queryset


def document_issuer_names() -> list[str]:
    """The cơ quan ban hành of published entries, for the list's filter."""
    return list(
        Document.objects.published().order_by("issuer_name").values_list("issuer_name", flat=True).distinct()
    )


def document_registers() -> QuerySet[Organisation]:
    """The organisations whose register has published entries, for the list's filter."""
    return Organisation.objects.filter(documents__publication_status=PublicationStatus.PUBLISHED).distinct()


def document_get_public(*, slug: str) -> Document | None:
    return (
        Document.objects.published()
        .select_related("topic", "organisation", "issuer")
        .filter(slug=slug)
        .first()
    )


def document_list_related_public(*, document: Document) -> QuerySet[Document]:
    return document.related_documents.published().order_by("-issued_on")


def _pick(candidates: list[Document], reference: Reference) -> Document | None:
    """One entry for the mention, or None when it is ambiguous."""
    if len(candidates) > 1 and reference.date:
        candidates = [d for d in candidates if d.issued_on == reference.date] or candidates
    if len(candidates) > 1:
        candidates = [d for d in candidates if d.kind == reference.kind] or candidates
    return candidates[0] if len(candidates) == 1 else None


def document_resolve_references(*, references: Iterable[Reference]) -> dict[Reference, Document]:
    """The published register entry of each mention that has exactly one.

    A mention with a suffix matches on the normalised số ký hiệu ("994-QĐ/TU"); one without ("Quyết định 935")
    matches on kind + serial (and the year in the number or the date, when given), only if that is unique.
    One query for the whole text.
    """
    references = list(references)
    if not references:
        return {}
    keys = {r.normalised for r in references if r.has_suffix}
    bares = {r.bare for r in references if not r.has_suffix}
    candidates = list(
        Document.objects.published().filter(Q(number_normalised__in=keys) | Q(number_bare__in=bares))
    )
    resolved = {}
    for reference in references:
        if reference.has_suffix:
            matches = [d for d in candidates if d.number_normalised == reference.normalised]
        else:
            matches = [
                d
                for d in candidates
                if d.number_bare == reference.bare
                and d.kind == reference.kind
                and (reference.year is None or d.issued_on.year == reference.year)
                and (reference.date is None or d.issued_on == reference.date)
            ]
        document = _pick(matches, reference)
        if document is not None:
            resolved[reference] = document
    return resolved


def document_list_referenced(*, text: str) -> list[Document]:
    """The published entries mentioned in ``text`` (plain text or HTML), each once, in order of first mention."""
    plain = BeautifulSoup(str(text or ""), "html.parser").get_text(" ")
    references = find_references(plain)
    resolved = document_resolve_references(references=references)
    seen, result = set(), []
    for reference in references:
        document = resolved.get(reference)
        if document is not None and document.pk not in seen:
            seen.add(document.pk)
            result.append(document)
    return result

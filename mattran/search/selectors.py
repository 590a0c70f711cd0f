"""Reads of the search index: ranked, filtered results with highlighted snippets.

Matching is full-text (``backends.fulltext_ids``); ranking is one portable expression over the stored copies,
computed by the database for the matches only, so SQLite and PostgreSQL return the same results in the same
order. Per query word: +3 if in the title, else +1 (it is in the body; folded, whole words), +2 if the user typed it
with diacritics and the entry has the word with exactly those diacritics ("tổ" ranks "Tổ quốc" before "tô");
for a query of several words, +4 if the whole phrase is in the title and +2 if in the body. A query that is
exactly an entry's reference number (a văn bản's số ký hiệu, "994-QĐ/TU", typed with or without marks and
punctuation) gives that entry +100, so it comes first. Ties: newest first.

Cost stays flat as the index grows: the score reads long columns (the body for a phrase, the exact words), so it
is computed only for a bounded candidate set — the newest ``SEARCH_RANK_CANDIDATES`` matches (500), plus an
entry whose reference number is the query — and the counts are bounded the same way ("more than 500 results":
the page says so and asks for another word or a filter). A query matching more than that ranks its newest
500, which on a news portal is what a reader means; an older item is reached by a date or type filter.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import BigIntegerField, Case, F, IntegerField, QuerySet, Value, When
from django.db.models.functions import Cast, StrIndex, Substr
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import SafeString

from mattran.organisations.models import Organisation

from . import backends
from .models import SearchEntry, SearchKind
from .text import Term, highlight, padded, query_terms, reference_key, snippet


@dataclass(frozen=True)
class SearchHit:
    entry: SearchEntry
    score: int
    title_html: SafeString
    snippet_html: SafeString


class SearchResults:
    """Ranked results that a ``Paginator`` can page through; snippets are built only for the page shown.

    ``matches`` are the entries found (filters applied); only the newest ``limit`` of them (and the reference
    match) are ranked, ``truncated`` says there were more."""

    def __init__(self, *, matches: QuerySet, unfiltered_by_kind: QuerySet, terms: list[Term], reference: str,
                 limit: int):
        self.matches = matches
        self.unfiltered_by_kind = unfiltered_by_kind
        self.terms = terms
        self.reference = reference
        self.limit = limit

    @cached_property
    def _candidate_ids(self) -> list[int]:
        # "-published_at" with no NULLS clause, so SQLite can walk its index (NULLs sort last there anyway)
        newest = self.matches.order_by("-published_at", "-id")
        ids = list(newest.values_list("id", flat=True)[: self.limit + 1])
        self.truncated = len(ids) > self.limit
        ids = ids[: self.limit]
        if self.reference and self.truncated:
            ids += list(self.matches.filter(reference_folded=self.reference).values_list("id", flat=True)[:5])
        return ids

    truncated = False

    @cached_property
    def queryset(self) -> QuerySet:
        return (
            SearchEntry.objects.filter(id__in=self._candidate_ids)
            .annotate(score=_score(self.terms, reference=self.reference))
            .order_by("-score", F("published_at").desc(nulls_last=True), "-id")
        )

    def count(self) -> int:
        return len(set(self._candidate_ids))

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        # Rank with the short columns only, then read the page's rows (bodies included) by id.
        rows = list(self.queryset.values_list("id", "score")[index])
        entries = SearchEntry.objects.select_related("organisation").in_bulk([pk for pk, _score in rows])
        size = settings.SEARCH_SNIPPET_WORDS
        return [self._hit(entries[pk], score, size) for pk, score in rows if pk in entries]

    def __iter__(self):
        return iter(self[:])

    def _hit(self, entry: SearchEntry, score: int, size: int) -> SearchHit:
        return SearchHit(
            entry=entry,
            score=score,
            title_html=highlight(entry.title, self.terms),
            snippet_html=snippet(entry.body, self.terms, size=size),
        )

    def kind_counts(self) -> dict[str, int]:
        """Matches per kind, ignoring the kind filter (the facet counts of the filter form), each counted up to
        ``limit + 1`` (the template shows "500+")."""
        counts = {}
        if not self.count() and self.matches is self.unfiltered_by_kind:
            return counts
        for kind in SearchKind.values:
            found = self.unfiltered_by_kind.filter(kind=kind).order_by()[: self.limit + 1].count()
            if found:
                counts[kind] = found
        return counts


def _when(field: str, words: str, points: int, otherwise: int = 0) -> Case:
    # strpos()/instr(): exact, case-sensitive on both databases (the copies are lower case already) and much
    # cheaper than LIKE on long bodies
    return Case(
        When(GreaterThan(StrIndex(field, Value(words)), 0), then=Value(points)),
        default=Value(otherwise),
        output_field=IntegerField(),
    )


def _score(terms: list[Term], *, reference: str = ""):
    score = Value(0, output_field=IntegerField())
    if reference:
        score = score + Case(
            When(reference_folded=reference, then=Value(100)), default=Value(0), output_field=IntegerField()
        )
    for term in terms:
        word = f" {term.folded} "
        # every word matched, so a word not in the title is in the body: no need to read the body for it
        score = score + _when("title_folded", word, 3, otherwise=1)
        if term.has_marks:
            score = score + _when("exact_words", f" {term.exact} ", 2)
    if len(terms) > 1:
        phrase = padded([term.folded for term in terms])
        score = score + _when("title_folded", phrase, 4) + _when("body_folded", phrase, 2)
    return score


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def search_query(
    *,
    text: str,
    kinds: list[str] | None = None,
    category: str | None = None,
    organisation: Organisation | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> SearchResults:
    """Entries matching every word of ``text`` (with or without diacritics) and the filters, best first.

    ``organisation`` includes the organisations under it. With no words in ``text``, the filtered entries are
    listed newest first (and nothing at all when there is no filter either). Never raises on odd input.
    """
    terms = query_terms(text, max_chars=settings.SEARCH_QUERY_MAX_CHARS, max_terms=settings.SEARCH_MAX_TERMS)
    queryset = SearchEntry.objects.all()
    filtered = any([kinds, category, organisation, date_from, date_to])
    limit = settings.SEARCH_RANK_CANDIDATES
    if terms:
        broad = backends.fulltext_count(terms, limit=limit + 1) > limit
        queryset = queryset.filter(backends.fulltext_filter(terms, broad=broad))
    elif not filtered:
        queryset = queryset.none()
    if category:
        queryset = queryset.filter(category=category)
    if organisation is not None:
        queryset = queryset.filter(organisation__path__startswith=organisation.path)
    if date_from:
        queryset = queryset.filter(published_at__gte=_day_start(date_from))
    if date_to:
        queryset = queryset.filter(published_at__lt=_day_start(date_to + datetime.timedelta(days=1)))
    unfiltered_by_kind = queryset
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    reference = reference_key((text or "")[: settings.SEARCH_QUERY_MAX_CHARS]) if terms else ""
    return SearchResults(matches=queryset, unfiltered_by_kind=unfiltered_by_kind, terms=terms, reference=reference,
                         limit=limit)


def search_object_ids(*, kind: str, text: str, model) -> QuerySet:
    """The primary keys of the ``model`` objects whose index entry of ``kind`` matches every word of ``text``:
    the one search path for an app's own text filter (whole folded words, as the site search matches).
    A subquery, to use as ``pk__in=``; empty when ``text`` has no words."""
    terms = query_terms(text, max_chars=settings.SEARCH_QUERY_MAX_CHARS, max_terms=settings.SEARCH_MAX_TERMS)
    if not terms:
        return SearchEntry.objects.none().values("id")
    prefix = f"{model._meta.label_lower}:"
    return (
        SearchEntry.objects.filter(kind=kind, key__startswith=prefix, id__in=backends.fulltext_ids(terms))
        .annotate(object_id=Cast(Substr("key", len(prefix) + 1), BigIntegerField()))
        .values("object_id")
    )

"""The one place that knows which database runs the full-text match.

SQLite: an FTS5 table (``search_searchentry_fts``, external content, kept in sync by triggers) over the folded
title and body. PostgreSQL: a GIN-indexed generated column ``search_vector`` = ``to_tsvector('vi_unaccent', …)``
of the original title and body; ``vi_unaccent`` is a copy of ``simple`` that runs ``unaccent`` first. Both are
created by migration 0002.
Neither ever sees user input as query syntax: the terms are words of letters and digits (``text.WORD``),
quoted one by one and passed as a parameter. Ranking is not done here: ``selectors`` ranks the matches with
one portable expression, so both databases order the results alike.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections, router
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from .models import SearchEntry
from .text import Term

# Constant SQL: the user's words only ever travel as the parameter.
PG_MATCH = "SELECT id FROM search_searchentry WHERE search_vector @@ to_tsquery('vi_unaccent'::regconfig, %s)"
SQLITE_MATCH = "SELECT rowid FROM search_searchentry_fts WHERE search_searchentry_fts MATCH %s"
SQLITE_REBUILD = "INSERT INTO search_searchentry_fts(search_searchentry_fts) VALUES ('rebuild')"


def vendor() -> str:
    return connection.vendor


def fulltext_ids(terms: list[Term]) -> RawSQL:
    """SQL selecting the ids of the entries that contain every term (folded, whole words)."""
    if vendor() == "postgresql":
        return RawSQL(PG_MATCH, [_query(terms)])  # noqa: S611 — constant SQL, words as a parameter
    if vendor() == "sqlite":
        return RawSQL(SQLITE_MATCH, [_query(terms)])  # noqa: S611 — constant SQL, words as a parameter
    raise ImproperlyConfigured(f"Search supports SQLite and PostgreSQL, not {vendor()}.")


# "+id" keeps SQLite from probing the table row by row for each match: for a word in most entries it then walks
# the covering index of the ORDER BY (published_at, rowid) or of the filter (kind) and tests each rowid against
# the matched set, never reading the long rows (their text columns make each row lookup cost overflow pages).
SQLITE_BROAD = f"+search_searchentry.id IN ({SQLITE_MATCH})"
SQLITE_COUNT = f"SELECT count(*) FROM ({SQLITE_MATCH} LIMIT %s) AS matched"  # noqa: S608 — constant SQL
PG_COUNT = f"SELECT count(*) FROM ({PG_MATCH} LIMIT %s) AS matched"  # noqa: S608 — constant SQL


def _query(terms: list[Term]) -> str:
    if vendor() == "postgresql":
        return " & ".join(f"'{term.folded}'" for term in terms)
    return " ".join('"{}"'.format(term.folded.replace('"', '""')) for term in terms)


def fulltext_count(terms: list[Term], *, limit: int) -> int:
    """How many entries contain every term, counted up to ``limit`` (cheap: the full-text index alone)."""
    with connections[router.db_for_read(SearchEntry)].cursor() as cursor:  # the replica, when the router says so
        cursor.execute(PG_COUNT if vendor() == "postgresql" else SQLITE_COUNT, [_query(terms), limit])
        return cursor.fetchone()[0]


def fulltext_filter(terms: list[Term], *, broad: bool = False) -> Q | RawSQL:
    """The condition "contains every term", for ``QuerySet.filter``. ``broad``: the terms are in many entries,
    so the database should scan an index in the wanted order and test membership (SQLite; PostgreSQL plans that
    itself from its statistics)."""
    if broad and vendor() == "sqlite":
        return RawSQL(SQLITE_BROAD, [_query(terms)], output_field=BooleanField())  # noqa: S611 — constant SQL
    return Q(id__in=fulltext_ids(terms))


def fulltext_rebuild() -> None:
    """Rebuild the full-text structure from the entries table (SQLite's FTS5 table; PostgreSQL needs nothing)."""
    if vendor() == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(SQLITE_REBUILD)

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
from django.db import connection
from django.db.models.expressions import RawSQL

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
        query = " & ".join(f"'{term.folded}'" for term in terms)
        return RawSQL(PG_MATCH, [query])  # noqa: S611 — constant SQL, words as a parameter
    if vendor() == "sqlite":
        query = " ".join('"{}"'.format(term.folded.replace('"', '""')) for term in terms)
        return RawSQL(SQLITE_MATCH, [query])  # noqa: S611 — constant SQL, words as a parameter
    raise ImproperlyConfigured(f"Search supports SQLite and PostgreSQL, not {vendor()}.")


def fulltext_rebuild() -> None:
    """Rebuild the full-text structure from the entries table (SQLite's FTS5 table; PostgreSQL needs nothing)."""
    if vendor() == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(SQLITE_REBUILD)

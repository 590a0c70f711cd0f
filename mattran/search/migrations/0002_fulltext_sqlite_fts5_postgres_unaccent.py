"""The full-text index of SearchEntry, per database.

SQLite: an FTS5 table with external content over the folded title and body, kept in sync by triggers (so
bulk deletes and ON DELETE SET NULL updates cannot leave it stale). If a later migration makes SQLite rebuild
the search_searchentry table (an altered column), it must recreate these triggers and run the FTS 'rebuild'.

PostgreSQL: the ``unaccent`` extension, a ``vi_unaccent`` configuration (a copy of ``simple`` that strips
marks first; unaccent's rules map đ/Đ to d/D), a stored generated ``search_vector`` column (not a model field:
PostgreSQL computes it on every insert and update) and a GIN index on it. A stored column rather than an
expression index: when a common word matches most rows the planner scans the table, and recomputing
to_tsvector with unaccent for every row would cost about a millisecond each. translate() turns the
characters that make the parser see paths, hosts, e-mails and versions ("936-QĐ/TU", "28/4/2017",
"UB.MTTQVN") into spaces, so PostgreSQL splits words like the Python tokeniser and FTS5 do.
"""

from django.db import migrations

FTS = "search_searchentry_fts"

SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE {FTS} USING fts5(
        title_folded, body_folded, content='search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    f"""CREATE TRIGGER search_searchentry_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO {FTS}(rowid, title_folded, body_folded) VALUES (new.id, new.title_folded, new.body_folded);
    END""",
    f"""CREATE TRIGGER search_searchentry_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title_folded, body_folded)
            VALUES ('delete', old.id, old.title_folded, old.body_folded);
    END""",
    f"""CREATE TRIGGER search_searchentry_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title_folded, body_folded)
            VALUES ('delete', old.id, old.title_folded, old.body_folded);
        INSERT INTO {FTS}(rowid, title_folded, body_folded) VALUES (new.id, new.title_folded, new.body_folded);
    END""",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_searchentry_fts_update",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_insert",
    f"DROP TABLE IF EXISTS {FTS}",
]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION vi_unaccent (COPY = simple)",
    """ALTER TEXT SEARCH CONFIGURATION vi_unaccent ALTER MAPPING FOR
        asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart
        WITH unaccent, simple""",
    """ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('vi_unaccent'::regconfig, translate(title || ' ' || body, '/.-@:_+&<>', '          '))
    ) STORED""",
    "CREATE INDEX search_entry_fulltext_idx ON search_searchentry USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_fulltext_idx",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS vi_unaccent",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_entry")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]

"""The databases, from the environment: SQLite (WAL, IMMEDIATE transactions) under var/ unless DATABASE_URL is set;
a PostgreSQL read replica for the reads of reports and search when DATABASE_REPLICA_URL is set."""

import os

import dj_database_url

from .paths import VAR_DIR

DATABASE_ROUTERS = []


def _database_from_env():
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")))
        config.setdefault("TEST", {})
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "db.sqlite3")),
        # Keep the connection between requests, as for PostgreSQL: opening one and running the PRAGMAs below
        # cost ~1.5 ms per request, more than the rest of the middleware stack.
        "CONN_MAX_AGE": int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        "OPTIONS": {
            # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue on
            # busy_timeout instead of failing with "database is locked" on upgrade.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;PRAGMA busy_timeout=20000;"
            ),
        },
    }


DATABASES = {"default": _database_from_env()}
# A PostgreSQL read replica for the reads of reports and search (mattran/core/db_router.py; README "Growing").
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60"))
    ) | {"TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["mattran.core.db_router.ReplicaRouter"]
# GET/HEAD of these paths (also under /en/; "*" at the end: a prefix) read from the replica when there is one:
# the reports dashboard, its XLSX exports, public search. Not the DOCX status page, which follows its own POST.

"""Reads of reports and search on a PostgreSQL read replica (``DATABASE_REPLICA_URL``); everything else on default.

Enabled only when ``DATABASE_REPLICA_URL`` is set (config/settings/base.py adds the ``replica`` alias, this router
and ``ReplicaReadsMiddleware``). The replica is chosen per request, not per model: the reports dashboard and the
public search read petitions, pages and organisations that belong to other apps, so "the reports app's models"
would miss most of their queries. A GET or HEAD of one of ``DATABASE_REPLICA_PATHS`` turns replica reads on for that
request; code outside a request (the task worker's DOCX reports, a command) can use ``replica_reads()``.

Reads stay on default, even inside such a request:
- inside a transaction on default (a service's read-check-write must see its own rows and locks);
- after the request wrote anything (read-your-writes: the replica may not have the row yet);
- for the apps whose rows a login or a session just wrote (sessions, users, second factor, lockouts, tasks),
  since a replica a second behind would log a fresh session out.
Writes always go to default; migrations run on default only (the replica copies them).
"""

import contextlib
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_ALIAS = "replica"
PRIMARY_ONLY_APPS = frozenset(
    {
        "sessions",
        "auth",
        "accounts",
        "axes",
        "django_otp",
        "otp_totp",
        "django_tasks_database",
        "contenttypes",
    }
)

_replica_wanted: ContextVar[bool] = ContextVar("mattran_replica_reads", default=False)


@contextlib.contextmanager
def replica_reads():
    """Reads inside the block go to the replica (when one is configured), with the exceptions above."""
    token = _replica_wanted.set(True)
    try:
        yield
    finally:
        _replica_wanted.reset(token)


class ReplicaRouter:
    """``DATABASE_ROUTERS`` entry: see the module docstring. Listed only together with the ``replica`` alias."""

    def db_for_read(self, model, **hints):
        if not _replica_wanted.get():
            return None
        if model._meta.app_label in PRIMARY_ONLY_APPS or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA_ALIAS

    def db_for_write(self, model, **hints):
        _replica_wanted.set(False)  # sticky: the rest of this request reads what it wrote
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows: an object read from the replica may point at one from default.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA_ALIAS}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA_ALIAS


class ReplicaReadsMiddleware:
    """Turns replica reads on for GET/HEAD requests whose path (with or without the ``/en`` language prefix) is
    one of ``DATABASE_REPLICA_PATHS``: an exact path, or a prefix when the entry ends with ``*``. Exact by default
    because a page that shows what the user has just created (a DOCX report's status after its POST) must not read
    a replica that may not have the row yet."""

    def __init__(self, get_response):
        self.get_response = get_response
        paths = getattr(settings, "DATABASE_REPLICA_PATHS", ())
        self.exact = frozenset(p for p in paths if not p.endswith("*"))
        self.prefixes = tuple(p[:-1] for p in paths if p.endswith("*"))

    def wants_replica(self, request) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        path = request.path_info
        if path.startswith("/en/"):
            path = path[3:]
        return path in self.exact or path.startswith(self.prefixes)

    def __call__(self, request):
        if not self.wants_replica(request):
            return self.get_response(request)
        with replica_reads():
            return self.get_response(request)

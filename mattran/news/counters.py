"""Public counters: an article's views ("Số lượt người xem") and a portal's visits ("SỐ LƯỢT TRUY CẬP").

How counting works (docs/architecture.md, "Counters"):

* Counting happens **outside** the page HTML: every public page carries a tiny beacon (news/static/news/counter.js)
  that POSTs to ``/dem/`` (a ``<noscript>`` pixel GETs ``/dem/pixel.gif``). So a page served from the page cache
  still counts, and the beacon's answer carries the fresh numbers that the script writes into the page.
* A *view* is one beacon from an article page. A *visit* is the first beacon of a browser session on a portal:
  the beacon response sets a session cookie (``mt_v<portal id>``, no expiry) and a beacon without it counts a visit.
* Obvious bots (``NEWS_COUNTER_BOT_PATTERN`` matched against the User-Agent, or no User-Agent) are not counted.
* Storage:
  - no ``REDIS_URL``: the database, one atomic ``UPDATE … SET value = value + 1`` per count in its own
    transaction (SQLite takes the write lock at BEGIN IMMEDIATE and waits on busy_timeout, so writers queue
    instead of failing with "database is locked"; PostgreSQL row locks serialise them). Nothing is buffered.
  - ``REDIS_URL`` set: Redis holds the running total (``INCRBY``, atomic, one round trip via a Lua script that
    also marks the counter dirty); missing keys are seeded from the database with ``SET NX``. A flush writes the
    totals back with ``value = MAX(value, total)`` — idempotent, so a flush that runs twice or a flush racing
    with counting never double-counts. The flush runs as a django-tasks task, enqueued at most once per
    ``NEWS_COUNTER_FLUSH_SECONDS`` (default 60) by counting itself, and by ``manage.py flush_counters``.
    Restarting the web or worker processes loses nothing (the totals are in Redis); losing Redis' memory loses
    at most the counts since the last flush (≤ ``NEWS_COUNTER_FLUSH_SECONDS`` of traffic, or ~1 s with Redis
    ``appendonly yes`` + ``appendfsync everysec``).

Counters are anonymous, high-volume and not staff writes, so they write no audit row; the legacy import that
sets them does (services.article_import_legacy).
"""

import logging
import re
from functools import cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest

from .models import Counter, CounterKind

logger = logging.getLogger(__name__)

DEFAULT_BOT_PATTERN = (
    r"bot\b|bot/|crawl|spider|slurp|facebookexternalhit|embedly|preview|archiver|curl|wget|python-|httpx|"
    r"aiohttp|go-http-client|java/|libwww|scrapy|headless|lighthouse|pingdom|uptime|monitor|phantomjs"
)


@cache
def _bot_regex(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


def is_bot(user_agent: str | None) -> bool:
    """Whether the User-Agent is an obvious robot (or missing): such requests are not counted."""
    if not user_agent or not user_agent.strip():
        return True
    pattern = getattr(settings, "NEWS_COUNTER_BOT_PATTERN", DEFAULT_BOT_PATTERN)
    return bool(_bot_regex(pattern).search(user_agent))


def flush_interval() -> int:
    return int(getattr(settings, "NEWS_COUNTER_FLUSH_SECONDS", 60))


# --- database store -------------------------------------------------------------------------------------------


def _db_value(page_id: int, kind: str) -> int:
    return Counter.objects.filter(page_id=page_id, kind=kind).values_list("value", flat=True).first() or 0


def _db_increment(page_id: int, kind: str, by: int = 1) -> int:
    with transaction.atomic():
        if not Counter.objects.filter(page_id=page_id, kind=kind).update(value=F("value") + by):
            try:
                with transaction.atomic():
                    Counter.objects.create(page_id=page_id, kind=kind, value=by)
            except IntegrityError:  # another request created it first
                Counter.objects.filter(page_id=page_id, kind=kind).update(value=F("value") + by)
        return _db_value(page_id, kind)


def _db_raise_to(page_id: int, kind: str, minimum: int) -> None:
    """value = max(value, minimum), creating the row if needed."""
    with transaction.atomic():
        if not Counter.objects.filter(page_id=page_id, kind=kind).update(value=Greatest(F("value"), minimum)):
            try:
                with transaction.atomic():
                    Counter.objects.create(page_id=page_id, kind=kind, value=minimum)
            except IntegrityError:
                Counter.objects.filter(page_id=page_id, kind=kind).update(value=Greatest(F("value"), minimum))


# --- Redis store ----------------------------------------------------------------------------------------------

_INCR_IF_SEEDED = """
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
redis.call('SADD', KEYS[2], ARGV[1])
return redis.call('INCRBY', KEYS[1], ARGV[2])
"""
_RAISE_IF_SEEDED = """
local v = redis.call('GET', KEYS[1])
if v and tonumber(v) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
return v
"""


@cache
def _redis_client(url: str):
    import redis

    return redis.Redis.from_url(url)


def _redis():
    url = getattr(settings, "REDIS_URL", "")
    return _redis_client(url) if url else None


def _prefix() -> str:
    return f"{settings.CACHES['default'].get('KEY_PREFIX', 'mattran')}:counters"


def _total_key(page_id: int, kind: str) -> str:
    return f"{_prefix()}:{kind}:{page_id}"


def _dirty_key() -> str:
    return f"{_prefix()}:dirty"


def _redis_increment(client, page_id: int, kind: str, by: int = 1) -> int:
    key = _total_key(page_id, kind)
    for _attempt in range(3):
        value = client.eval(_INCR_IF_SEEDED, 2, key, _dirty_key(), f"{kind}:{page_id}", by)
        if value is not None:
            _schedule_flush(client)
            return int(value)
        # First count since Redis started: seed from the database (only one seeder wins).
        client.set(key, _db_value(page_id, kind), nx=True)
    raise RuntimeError("counter key vanished while counting")  # pragma: no cover


def _schedule_flush(client) -> None:
    """Enqueue the flush task at most once per interval (the lock key expires after it)."""
    if client.set(f"{_prefix()}:flush-scheduled", 1, nx=True, ex=max(flush_interval(), 1)):
        from .tasks import counters_flush_task

        try:
            counters_flush_task.enqueue()
        except Exception:  # a counting request must not fail because the task queue is unavailable
            logger.exception("could not enqueue the counter flush")
            client.delete(f"{_prefix()}:flush-scheduled")


# --- the public API -------------------------------------------------------------------------------------------


def _increment(page_id: int, kind: str) -> int:
    client = _redis()
    return _redis_increment(client, page_id, kind) if client else _db_increment(page_id, kind)


def counter_value(*, page_id: int, kind: str) -> int:
    """The current total (Redis' running total when it has one, else the database)."""
    client = _redis()
    if client:
        value = client.get(_total_key(page_id, kind))
        if value is not None:
            return int(value)
    return _db_value(page_id, kind)


def article_view_record(*, article_id: int) -> int:
    """Count one view of an article; returns the new total."""
    return _increment(article_id, CounterKind.VIEWS)


def site_visit_record(*, portal_id: int) -> int:
    """Count one visit (a new browser session) to a portal; returns the new total."""
    return _increment(portal_id, CounterKind.VISITS)


def article_view_count(*, article_id: int) -> int:
    return counter_value(page_id=article_id, kind=CounterKind.VIEWS)


def site_visit_count(*, portal_id: int) -> int:
    return counter_value(page_id=portal_id, kind=CounterKind.VISITS)


def counter_raise_to(*, page_id: int, kind: str, minimum: int) -> None:
    """Make a counter at least ``minimum`` (the legacy import keeps the old portal's numbers)."""
    _db_raise_to(page_id, kind, minimum)
    client = _redis()
    if client:
        # After commit: a rolled-back import must not leave a raised number in Redis.
        transaction.on_commit(lambda: client.eval(_RAISE_IF_SEEDED, 1, _total_key(page_id, kind), minimum))


def counters_flush() -> int:
    """Write Redis' running totals to the database; returns how many counters were written. Idempotent."""
    client = _redis()
    if not client:
        return 0
    written = 0
    while True:
        members = client.spop(_dirty_key(), 500)
        if not members:
            return written
        try:
            pairs = [m.decode().split(":", 1) for m in members]
            totals = client.mget([_total_key(int(pid), kind) for kind, pid in pairs])
            for (kind, pid), total in zip(pairs, totals, strict=True):
                if total is not None:
                    _db_raise_to(int(pid), kind, int(total))
                    written += 1
        except Exception:
            client.sadd(_dirty_key(), *members)  # retried by the next flush
            raise

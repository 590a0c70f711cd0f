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
  - ``REDIS_URL`` set: the database keeps the flushed total, Redis only the counts *not yet flushed*: one hash
    (``<prefix>:counters:pending``, field ``<kind>:<page id>``) incremented with ``HINCRBY`` (atomic, one round
    trip). The shown number is database value + pending. A flush takes each field atomically (a Lua script
    reads and deletes it) and adds it to the database with ``value = value + n``, so every count reaches the
    database exactly once whatever else happens in between (a flush racing with counting, two flushes at once,
    counting in the database during a Redis outage). The flush runs as a django-tasks task, enqueued at most
    once per ``NEWS_COUNTER_FLUSH_SECONDS`` (default 60) by counting itself, and by ``manage.py flush_counters``.
  - Redis unreachable (refused, timed out; mattran.core.cache's circuit): the count goes to the database as
    without Redis, and the shown number is the database's (the pending part is unreadable meanwhile). When Redis
    returns, counting goes back to it and the next flush adds what it held: the total is exact.
    What can be lost: the pending counts if Redis loses its memory (restart without persistence: at most
    ``NEWS_COUNTER_FLUSH_SECONDS`` of traffic; ~1 s with ``appendonly yes`` + ``appendfsync everysec``), and one
    counter's pending number if the flushing process dies between taking it and committing it. A reply lost to
    a socket timeout *after* Redis applied the increment counts that view twice (once in the database).

Counters are anonymous, high-volume and not staff writes, so they write no audit row; the legacy import that
sets them does (services.article_import_legacy).
"""

import logging
import re
from functools import cache

import redis
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django_tasks import task

from mattran.core.cache import REDIS_DOWN_ERRORS, redis_available, redis_failed

from .models import Counter, CounterKind

logger = logging.getLogger(__name__)

VISIT_ONCE_SECONDS = 24 * 3600  # a visit cookie's token counts once within this time (news.views)

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


def _table() -> str:
    return connection.ops.quote_name(Counter._meta.db_table)


def _db_value(page_id: int, kind: str) -> int:
    # Plain SQL: every beacon reads a number, and building the ORM query cost more than running it.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {_table()} WHERE page_id = %s AND kind = %s", [page_id, kind])  # noqa: S608
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def _db_increment(page_id: int, kind: str, by: int = 1) -> int:
    # One statement (atomic on its own) that adds and returns the new total: the whole cost of a counted view
    # once the row exists. SQLite ≥ 3.35 and PostgreSQL both have UPDATE … RETURNING.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_table()} SET value = value + %s WHERE page_id = %s AND kind = %s RETURNING value",  # noqa: S608
            [by, page_id, kind],
        )
        row = cursor.fetchone()
    if row is not None:
        return int(row[0])
    with transaction.atomic():  # the first count of this page: create the row (or add, if another request did)
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

# Take one pending number: read and delete in one step, so a concurrent HINCRBY lands either before (taken now)
# or after (left for the next flush), never in between.
_TAKE = """
local v = redis.call('HGET', KEYS[1], ARGV[1])
if v then redis.call('HDEL', KEYS[1], ARGV[1]) end
return v
"""


@cache
def _redis_client(url: str):
    timeout = float(getattr(settings, "REDIS_SOCKET_TIMEOUT", 0.25))
    return redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout, health_check_interval=30)


def _redis():
    url = getattr(settings, "REDIS_URL", "")
    return _redis_client(url) if url else None


def _prefix() -> str:
    return f"{settings.CACHES['default'].get('KEY_PREFIX', 'mattran')}:counters"


def _pending_key() -> str:
    return f"{_prefix()}:pending"


def _field(page_id: int, kind: str) -> str:
    return f"{kind}:{page_id}"


def _stored_key(page_id: int, kind: str) -> str:
    return f"{_prefix()}:stored:{_field(page_id, kind)}"


def _stored_remember(client, page_id: int, kind: str, value: int) -> None:
    """Tell Redis the database's number of a counter (``_REMEMBER``: raised only), so that beacons need not read it.
    Best effort: what was counted is already counted, and a beacon that finds no number reads the database."""
    try:
        client.eval(_REMEMBER, 1, _stored_key(page_id, kind), value, STORED_SECONDS)
    except REDIS_DOWN_ERRORS as exc:
        _failed("counters", exc)


def _redis_up():
    """The Redis client, or None when there is none or it failed less than REDIS_RETRY_SECONDS ago."""
    client = _redis()
    return client if client is not None and redis_available(settings.REDIS_URL) else None


def _failed(what: str, exc: BaseException) -> None:
    redis_failed(settings.REDIS_URL, what, exc)


def _schedule_flush(client) -> None:
    """Enqueue the flush task at most once per interval (the lock key expires after it)."""
    if client.set(f"{_prefix()}:flush-scheduled", 1, nx=True, ex=max(flush_interval(), 1)):
        try:
            counters_flush_task.enqueue()
        except Exception:  # a counting request must not fail because the task queue is unavailable
            logger.exception("could not enqueue the counter flush")
            client.delete(f"{_prefix()}:flush-scheduled")


# --- a whole beacon in one Redis round trip -------------------------------------------------------------------

# What news.views._count does with the cache and the pending hash, as one script: the pages' "countable" flags,
# the per-client allowance (INCR in a fixed window), the once-per-visit-token and once-per-window view keys (SET
# NX EX), the HINCRBY of what counts, HGET of what does not, and the flush lock. Run atomically by Redis.
# KEYS: 1 portal countable flag, 2 article countable flag, 3 allowance, 4 visit-once key, 5 seen key,
#       6 pending hash, 7 flush lock, 8 and 9 the database's visits and views as last seen (``_REMEMBER``)
#       (a key is '' when not wanted).
# ARGV: 1 counting (1/0), 2 per-minute cap, 3 visit-token seconds, 4 view window seconds (≤ 0: no window, as a
#       cache timeout of 0 keeps nothing), 5 visits field,
#       6 views field, 7 flush interval.
# Returns {'unknown'} when a wanted page's flag is not cached (the caller looks it up and runs the script again),
# else {allowed, portal countable, article countable, visits pending (-1: none asked), views pending, flush due,
# visits and views in the database as last seen (-1: not known)}.
_BEACON = """
local function flag(key)
  if key == '' then return 0 end
  local v = redis.call('GET', key)
  if not v then return nil end
  return tonumber(v)
end
local portal, article = flag(KEYS[1]), flag(KEYS[2])
if portal == nil or article == nil then return {'unknown'} end
local allowed = 0
if ARGV[1] == '1' and (portal == 1 or article == 1) then
  local used = redis.call('INCR', KEYS[3])
  if used == 1 then redis.call('EXPIRE', KEYS[3], 120) end
  if used <= tonumber(ARGV[2]) then allowed = 1 end
end
local counted, visits, views = 0, -1, -1
if portal == 1 then
  if allowed == 1 and KEYS[4] ~= '' and redis.call('SET', KEYS[4], 1, 'NX', 'EX', ARGV[3]) then
    visits = redis.call('HINCRBY', KEYS[6], ARGV[5], 1)
    counted = 1
  else
    visits = tonumber(redis.call('HGET', KEYS[6], ARGV[5]) or '0')
  end
end
if article == 1 then
  if allowed == 1 and (tonumber(ARGV[4]) <= 0 or redis.call('SET', KEYS[5], 1, 'NX', 'EX', ARGV[4])) then
    views = redis.call('HINCRBY', KEYS[6], ARGV[6], 1)
    counted = 1
  else
    views = tonumber(redis.call('HGET', KEYS[6], ARGV[6]) or '0')
  end
end
local flush = 0
if counted == 1 and redis.call('SET', KEYS[7], 1, 'NX', 'EX', ARGV[7]) then flush = 1 end
local function stored(key)
  if key == '' then return -1 end
  return tonumber(redis.call('GET', key) or '-1')
end
return {allowed, portal, article, visits, views, flush, stored(KEYS[8]), stored(KEYS[9])}
"""

# The database's number of a counter as last seen (``_stored_key``), raised only: flushes may overlap and finish
# in any order, and a number in the database never goes down. Kept ``STORED_SECONDS``, then read again.
# KEYS: 1 the stored-number key. ARGV: 1 the number read or written, 2 seconds to keep it.
_REMEMBER = """
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
return 1
"""
# Long enough that a popular article's beacons seldom read the database, short enough that a number written
# while Redis was away (counted straight into the database) shows within minutes.
STORED_SECONDS = 300


class FlagsUnknown(Exception):
    """A page's "countable" flag is not in the cache: look it up, then run the beacon again."""


def beacon_store():
    """The Redis client when the whole beacon can run as one script: Redis is up and it is also the default cache
    (the bounds are cache keys); else None and the beacon takes the step-by-step path."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    if not isinstance(caches["default"], RedisCache) or settings.CACHES["default"].get("LOCATION") != settings.REDIS_URL:
        return None
    return _redis_up()


def _db_values(pairs: list[tuple[int, str]]) -> dict[tuple[int, str], int]:
    """The database's numbers of several counters, in one query."""
    if not pairs:
        return {}
    where = " OR ".join(["(page_id = %s AND kind = %s)"] * len(pairs))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT page_id, kind, value FROM {_table()} WHERE {where}",  # noqa: S608
            [x for pair in pairs for x in pair],
        )
        return {(page_id, kind): int(value) for page_id, kind, value in cursor.fetchall()}


def beacon_record(
    *, client, portal_id, article_id, flag_keys, allowance_key, counting, visit_once_key, seen_key
) -> tuple[bool, int | None, int | None]:
    """Run one beacon in Redis (the script above) and read the database's part of both numbers in one query.

    Returns (allowed, visits total or None, views total or None); a page that is not countable gives None.
    Raises FlagsUnknown, or one of REDIS_DOWN_ERRORS (the caller then takes the step-by-step path)."""
    visits_stored = _stored_key(portal_id, CounterKind.VISITS) if portal_id is not None else ""
    views_stored = _stored_key(article_id, CounterKind.VIEWS) if article_id is not None else ""
    reply = client.eval(
        _BEACON,
        9,
        flag_keys[0] if portal_id is not None else "",
        flag_keys[1] if article_id is not None else "",
        allowance_key,
        visit_once_key or "",
        seen_key if article_id is not None else "",
        _pending_key(),
        f"{_prefix()}:flush-scheduled",
        visits_stored,
        views_stored,
        "1" if counting else "0",
        settings.NEWS_COUNTER_CLIENT_PER_MINUTE,
        VISIT_ONCE_SECONDS,
        settings.NEWS_COUNTER_VIEW_WINDOW_SECONDS,
        _field(portal_id or 0, CounterKind.VISITS),
        _field(article_id or 0, CounterKind.VIEWS),
        max(flush_interval(), 1),
    )
    if reply[0] in (b"unknown", "unknown"):
        raise FlagsUnknown
    allowed, portal_ok, article_ok, visits_pending, views_pending, flush_due, visits_db, views_db = (
        int(x) for x in reply
    )
    # The database's part of each number, as Redis last saw it; read (one query) only when it does not know it.
    stored = {(portal_id, CounterKind.VISITS): visits_db, (article_id, CounterKind.VIEWS): views_db}
    wanted = [(portal_id, CounterKind.VISITS)] if portal_ok else []
    wanted += [(article_id, CounterKind.VIEWS)] if article_ok else []
    unknown = [pair for pair in wanted if stored[pair] < 0]
    if unknown:
        read = _db_values(unknown)
        for pair in unknown:
            stored[pair] = read.get(pair, 0)
            _stored_remember(client, pair[0], pair[1], stored[pair])
    visits = stored[(portal_id, CounterKind.VISITS)] + visits_pending if portal_ok else None
    views = stored[(article_id, CounterKind.VIEWS)] + views_pending if article_ok else None
    if flush_due:  # after the read: a flush run at once (an immediate task backend) would be counted twice
        try:
            counters_flush_task.enqueue()
        except Exception:  # a counting request must not fail because the task queue is unavailable
            logger.exception("could not enqueue the counter flush")
            client.delete(f"{_prefix()}:flush-scheduled")
    return bool(allowed), visits, views


# --- the public API -------------------------------------------------------------------------------------------


def _increment(page_id: int, kind: str) -> int:
    client = _redis_up()
    if client is not None:
        try:
            pending = client.hincrby(_pending_key(), _field(page_id, kind), 1)
        except REDIS_DOWN_ERRORS as exc:
            _failed("counters", exc)
        else:
            # A flush running between the two reads shows this number a little high, once; the stored count
            # is exact either way.
            total = _db_value(page_id, kind) + int(pending)
            try:
                _schedule_flush(client)
            except REDIS_DOWN_ERRORS as exc:
                _failed("counters", exc)
            return total
    return _db_increment(page_id, kind)


def counter_value(*, page_id: int, kind: str) -> int:
    """The current total: the database's plus what Redis holds for it and has not flushed yet."""
    pending = 0
    client = _redis_up()
    if client is not None:
        try:
            pending = int(client.hget(_pending_key(), _field(page_id, kind)) or 0)
        except REDIS_DOWN_ERRORS as exc:
            _failed("counters", exc)
    return _db_value(page_id, kind) + pending


def counter_values(*, pairs: list[tuple[int, str]]) -> dict[tuple[int, str], int]:
    """Current totals of several counters (``(page_id, kind)`` pairs): one Redis round trip, and one query for the
    numbers Redis does not know yet, where reading them one by one (``counter_value``) costs a round trip to
    each per counter."""
    pending, stored = [0] * len(pairs), {}
    client = _redis_up()
    if client is not None and pairs:
        try:
            # One round trip: the pending counts and the database's numbers as Redis last saw them (_REMEMBER).
            pipe = client.pipeline(transaction=False)
            pipe.hmget(_pending_key(), [_field(*pair) for pair in pairs])
            pipe.mget([_stored_key(*pair) for pair in pairs])
            waiting, seen = pipe.execute()
            pending = [int(v or 0) for v in waiting]
            stored = {pair: int(v) for pair, v in zip(pairs, seen, strict=True) if v is not None}
        except REDIS_DOWN_ERRORS as exc:
            _failed("counters", exc)
            client = None
    unknown = [pair for pair in pairs if pair not in stored]
    if unknown:
        read = _db_values(unknown)
        for pair in unknown:
            stored[pair] = read.get(pair, 0)
            if client is not None:
                _stored_remember(client, *pair, stored[pair])
    return {pair: stored[pair] + extra for pair, extra in zip(pairs, pending, strict=True)}


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
    """Make the database's number at least ``minimum`` (the legacy import keeps the old portal's numbers);
    pending counts are added on top as usual."""
    _db_raise_to(page_id, kind, minimum)
    client = _redis_up()
    if client is not None:
        try:
            client.delete(_stored_key(page_id, kind))  # the next beacon reads the raised number
        except REDIS_DOWN_ERRORS as exc:
            _failed("counters", exc)


def counters_flush() -> int:
    """Add Redis' pending counts to the database; returns how many counters were written. Each pending number
    is taken atomically and added once, so flushes may overlap each other and counting. Redis unreachable: 0."""
    client = _redis_up()
    if client is None:
        return 0
    written = 0
    try:
        for raw_field, _value in client.hscan_iter(_pending_key(), count=500):
            field_name = raw_field.decode()
            taken = client.eval(_TAKE, 1, _pending_key(), field_name)
            if taken is None or int(taken) == 0:
                continue
            kind, page_id = field_name.split(":", 1)
            try:
                total = _db_increment(int(page_id), kind, int(taken))
            except IntegrityError:  # the page was deleted since it was counted
                logger.warning("dropped %s pending %s of deleted page %s", taken, kind, page_id)
                continue
            except Exception:
                client.hincrby(_pending_key(), field_name, int(taken))  # give it back for the next flush
                raise
            _stored_remember(client, int(page_id), kind, total)  # the beacons' number stays exact
            written += 1
    except REDIS_DOWN_ERRORS as exc:  # what is still pending stays in Redis for the next flush
        _failed("counters flush", exc)
    return written


@task()
def counters_flush_task() -> int:
    """Write the Redis counter totals to the database (enqueued by counting, at most once per interval; the worker
    is ``manage.py db_worker``)."""
    return counters_flush()

"""A Redis cache that keeps the site answering while Redis is away.

Django's RedisCache raises on every operation when Redis is down, so a stopped Redis turns every page (the page
cache, the counters' page checks, the rate limits, the petition form's one-time tokens) into a 500.
``ResilientRedisCache`` catches Redis' connection and timeout errors and answers as an empty cache would, chosen
so that callers degrade to "no cache" and "no limit", never to "refused":

* get / get_many / has_key → a miss; set / set_many / touch / delete / clear → nothing stored;
* add → True: the caller proceeds as the first one (a rate-limit window starts at 1, a one-time token is
  accepted, a "count once" key counts) — limits are off while Redis is, not the site;
* incr → ``delta`` (decr goes through incr): as if the key had just been created, so a fixed-window counter reads 1.

After a failure the backend does not try Redis again for ``REDIS_RETRY_SECONDS`` (default 1 s) in this process,
so a Redis that hangs instead of refusing costs one short timeout per second, not one per operation. Failures
are logged as one warning per ``REDIS_WARN_SECONDS`` (default 30 s) per process, with the number of failed
operations since the last warning.

``redis_available(url)`` / ``redis_failed(url, …)`` share that circuit with other clients of the same Redis
(news.counters has its own client).
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("mattran.redis")

# What "Redis is away" looks like to redis-py (refused, reset, hung, DNS); anything else is a real bug and raises.
REDIS_DOWN_ERRORS = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


class _Circuit:
    """Per-process memory of the last Redis failure (shared by the cache and the counters' client)."""

    def __init__(self):
        self._lock = threading.Lock()
        self.down_until = 0.0
        self.failures = 0
        self.last_warning = 0.0

    def available(self) -> bool:
        return time.monotonic() >= self.down_until

    def failed(self, what: str, exc: BaseException) -> None:
        now = time.monotonic()
        with self._lock:
            self.down_until = now + float(getattr(settings, "REDIS_RETRY_SECONDS", 1.0))
            self.failures += 1
            if now - self.last_warning < float(getattr(settings, "REDIS_WARN_SECONDS", 30.0)):
                return
            count, self.failures, self.last_warning = self.failures, 0, now
        logger.warning(
            "Redis unavailable (%s: %s); %d operation(s) degraded since the last warning — cache misses, "
            "no rate limits, counters written to the database",
            what,
            exc,
            count,
        )


_circuits: dict[str, _Circuit] = {}
_circuits_lock = threading.Lock()


def circuit_for(location: str) -> _Circuit:
    """One circuit per Redis location, shared by every client of it in this process."""
    with _circuits_lock:
        return _circuits.setdefault(location, _Circuit())


def redis_available(location: str) -> bool:
    return circuit_for(location).available()


def redis_failed(location: str, what: str, exc: BaseException) -> None:
    circuit_for(location).failed(what, exc)


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client builds a new ``redis.Redis`` for every operation, and each one copies redis-py's table of
    ~300 response callbacks: about 0.2 CPU-ms per cache call, a third of an uncached article's cost with Redis.
    One ``redis.Redis`` per connection pool is enough: it is thread-safe and holds no connection of its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._circuit = circuit_for(server if isinstance(server, str) else ",".join(server))

    def _call(self, what, fallback, method, *args, **kwargs):
        if not self._circuit.available():
            return fallback
        try:
            return method(*args, **kwargs)
        except REDIS_DOWN_ERRORS as exc:
            self._circuit.failed(f"cache.{what}", exc)
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", True, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        # A missing key still raises ValueError (Django's contract); only an unreachable Redis answers ``delta``.
        return self._call("incr", delta, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, super().delete_many, keys, version)

    def clear(self):
        return self._call("clear", False, super().clear)

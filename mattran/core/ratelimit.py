"""The project's one rate-limit mechanism: fixed-window counters in Django's cache.

A window starts at a key's first hit and lasts `window` seconds (`cache.add`, then `cache.incr`: atomic in Redis,
so the count holds across processes and servers). Callers key on what they limit: the client's address
(`mattran.core.http.client_ip`, never REMOTE_ADDR directly), a contact, an API key. The limits themselves are data
(PetitionSettings, ApiKey, settings), passed in by the caller.

When the cache fails (Redis down) a limit must not take the site down with it: every function here degrades to
"no limit" and logs a warning, never raises. Why not django-ratelimit: docs/architecture.md ("Rate limits").
"""

import hashlib
import logging

from django.core.cache import cache

from .http import client_ip

logger = logging.getLogger(__name__)


def _key(scope: str, ident: str) -> str:
    # Hashed: the identifier may be personal (a phone number) or long, and must not end up readable in Redis.
    return "rl:" + scope + ":" + hashlib.sha256(ident.encode()).hexdigest()[:32]


def _unavailable(scope: str, exc: Exception) -> None:
    logger.warning("rate limit %s not enforced: the cache failed (%s: %s)", scope, type(exc).__name__, exc)


def hit(scope: str, ident: str, *, window: int) -> int:
    """Count one more event of (scope, ident) in the current window and return the new count (0: cache failed)."""
    key = _key(scope, ident)
    try:
        if cache.add(key, 1, timeout=window):
            return 1
        try:
            return int(cache.incr(key))
        except ValueError:  # expired between add and incr (or the cache dropped it): a new window
            cache.add(key, 1, timeout=window)
            return 1
    except Exception as exc:  # any backend error means "cannot count", never a 500
        _unavailable(scope, exc)
        return 0


def count(scope: str, ident: str) -> int:
    """The events of (scope, ident) counted in the current window, without adding one (0: none, or cache failed)."""
    try:
        return int(cache.get(_key(scope, ident)) or 0)
    except Exception as exc:
        _unavailable(scope, exc)
        return 0


def exceeded(scope: str, ident: str, *, limit: int, window: int) -> bool:
    """Count this event; True when it goes over `limit` events in the window."""
    return hit(scope, ident, window=window) > limit


def client_exceeded(request, scope: str, *, limit: int, window: int) -> bool:
    """`exceeded`, keyed on the client's real address (the proxy's header when CLIENT_IP_HEADER names it)."""
    return exceeded(scope, client_ip(request), limit=limit, window=window)


def first_use(scope: str, ident: str, *, window: int) -> bool:
    """True the first time (scope, ident) is seen in `window` seconds, False afterwards: one-use tokens.

    "Already used" is only believed when the key is really there, so a cache that fails quietly (add returning
    False for everything) does not refuse every token."""
    key = _key(scope, ident)
    try:
        return bool(cache.add(key, 1, timeout=window)) or cache.get(key) is None
    except Exception as exc:
        _unavailable(scope, exc)
        return True

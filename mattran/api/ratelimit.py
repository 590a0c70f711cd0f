"""Fixed-window counters in Django's cache (Redis INCR when REDIS_URL is set), so limits hold across processes."""

import hashlib

from django.core.cache import cache


def counter_hit(kind: str, value: str, *, window_seconds: int) -> int:
    """Add one to the counter of (kind, value) in the current window and return the new count."""
    key = "api:rl:" + kind + ":" + hashlib.sha256(value.encode()).hexdigest()[:32]
    if cache.add(key, 1, timeout=window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return 1


def client_ip(request) -> str:
    # Behind nginx the real address is in X-Real-IP, set by our own proxy.
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR", "") or "unknown"

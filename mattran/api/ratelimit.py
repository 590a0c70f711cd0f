"""Fixed-window counters in Django's cache (Redis INCR when REDIS_URL is set), so limits hold across processes."""

import hashlib

from django.conf import settings
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
    """The client's address: the proxy's header only when the deployment names it (API_CLIENT_IP_HEADER), since
    a client could otherwise send any value and get a fresh allowance."""
    header = settings.API_CLIENT_IP_HEADER
    return (header and request.META.get(header)) or request.META.get("REMOTE_ADDR", "") or "unknown"

"""Whole-page HTML cache for anonymous readers of the portal's home, category and article pages.

Key: a cache *generation*, the language, the host and the full path (only ``?page=`` may be in the query). Any
publish, unpublish, move or delete of a portal page bumps the generation (signals.py), so every cached page —
including the newer/older lists and home pages that mention the changed article — is dropped at once; entries
also expire after ``NEWS_PAGE_CACHE_SECONDS``. The counters are not in the cached HTML's truth: the page's
beacon fetches fresh numbers (see counters.py), so caching never stops counting.

Storage is Django's default cache: Redis when ``REDIS_URL`` is set (shared by all processes), local memory
otherwise (each process has its own copy; publishing bumps only that process's generation, so other processes
may serve the old page until the timeout — set ``REDIS_URL`` when running several processes).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

GENERATION_KEY = "news:pagecache:generation"
CACHE_HEADER = "X-Page-Cache"
ALLOWED_QUERY_KEYS = {"page"}


def _timeout() -> int:
    return getattr(settings, "NEWS_PAGE_CACHE_SECONDS", 600)


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY) or 1
    return int(value)


def invalidate() -> None:
    """Drop every cached portal page (by moving to a new generation)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 2, timeout=None)


def is_cacheable(request) -> bool:
    user = getattr(request, "user", None)
    return (
        _timeout() > 0
        and request.method in ("GET", "HEAD")
        and not (user is not None and user.is_authenticated)
        and not getattr(request, "is_preview", False)
        and "messages" not in request.COOKIES
        and set(request.GET) <= ALLOWED_QUERY_KEYS
    )


def cache_key(request) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"news:page:{generation()}:{get_language()}:{request.get_host()}:{digest}"


def serve_cached(page, request, serve):
    """Return the cached response for ``request`` or call ``serve()`` and cache a plain 200 answer."""
    if not is_cacheable(request):
        return serve()
    key = cache_key(request)
    hit = cache.get(key)
    if hit is not None:  # normally answered earlier by middleware.PageCacheMiddleware
        content_type, body = hit
        response = HttpResponse(body, content_type=content_type)
        response[CACHE_HEADER] = "hit"
        return response
    response = serve()
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    if response.status_code == 200 and not response.streaming and not response.cookies:
        cache.set(key, (response["Content-Type"], response.content), _timeout())
        response[CACHE_HEADER] = "miss"
    return response

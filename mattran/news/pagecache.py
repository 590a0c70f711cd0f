"""Whole-page HTML cache for anonymous readers of the portal's home, category and article pages.

Key: the language, the host, the path and, for a category's list only, the page number; the entry also holds the
cache *generation* it was rendered under, and is a hit only while that generation is current. Any publish,
unpublish, move or delete of a portal page, and any change to a page's privacy, bumps the generation (signals.py), so every cached page — including the newer/older lists and home pages that mention the changed
article — is dropped at once; entries also expire after ``NEWS_PAGE_CACHE_SECONDS``. The counters are not in the
cached HTML's truth: the page's beacon fetches fresh numbers (see counters.py), so caching never stops counting.

What is never stored (:func:`serve_cached`): a page under a Wagtail view restriction (password, login or groups, on
the page or an ancestor), because hits are answered before Wagtail's restriction check — a stored copy would be
served to everyone; and any ``?page=`` that is not a real page number of a category's list (``?page=77`` on a home
page renders the home page, and storing it would let anyone fill the cache with copies).

Headers: only the content type and body are stored. Security headers (CSP, X-Frame-Options, Referrer-Policy,
Permissions-Policy…) come from middleware listed *outside* PageCacheMiddleware, so hits and misses get the same.

Storage is Django's default cache: Redis when ``REDIS_URL`` is set (shared by all processes), local memory
otherwise (each process has its own copy; publishing bumps only that process's generation, so other processes
may serve the old page until the timeout — set ``REDIS_URL`` when running several processes).
"""

import hashlib
import re
import threading
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

GENERATION_KEY = "news:pagecache:generation"
CACHE_HEADER = "X-Page-Cache"
ALLOWED_QUERY_KEYS = {"page"}
# Canonical page numbers only: "01", "+1", " 1" or "١" render page 1 too but would each be another entry.
_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")


def _timeout() -> int:
    return getattr(settings, "NEWS_PAGE_CACHE_SECONDS", 600)


def timeout() -> int:
    """Seconds a cached page (or a fragment keyed on the generation) is kept; 0: nothing is cached."""
    return _timeout()


# Within one request (PageCacheMiddleware opens the scope), the generation is read from the cache once and reused
# by every later generation() — the page lookup, the route, the derived parts, the header, the restriction paths:
# one Redis GET each otherwise. Forgotten when the request ends and whenever this process bumps the generation.
_request = threading.local()


RESTRICTED_KEY = "news:restricted-paths"


@contextmanager
def request_scope():
    _request.active, _request.generation, _request.restricted = True, None, None
    try:
        yield
    finally:
        _request.active, _request.generation, _request.restricted = False, None, None


def known_generation() -> int | None:
    """The generation this request already read, if any."""
    return getattr(_request, "generation", None)


def _remember(value: int) -> int:
    if getattr(_request, "active", False):
        _request.generation = value
    return value


def generation() -> int:
    known = known_generation()
    if known is not None:
        return known
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY) or 1
    return _remember(int(value))


def per_generation(key: str, compute):
    """``compute()``, cached under ``news:<key>`` until the next generation (every publish, move, privacy change,
    site or organisation edit bumps it); a None result is cached too. Computed each time when caching is off."""
    if _timeout() <= 0:
        return compute()
    key = f"news:{key}:{generation()}"
    cached = cache.get(key)
    if cached is None:
        cached = (compute(),)
        cache.set(key, cached, _timeout())
    return cached[0]


def _bump() -> None:
    _request.generation = _request.restricted = None
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 2, timeout=None)


def invalidate() -> None:
    """Drop every cached portal page (by moving to a new generation), now and again when the transaction commits.

    The second bump closes a race: a reader who rendered the page between the first bump and the commit (seeing
    the old rows) stored it under the new generation; after the commit that generation is gone too.
    """
    _bump()
    transaction.on_commit(_bump)


def is_cacheable(request) -> bool:
    """Whether this request may be answered from (or stored in) the cache at all; decided before routing."""
    user = getattr(request, "user", None)
    return (
        _timeout() > 0
        and request.method in ("GET", "HEAD")
        and not (user is not None and user.is_authenticated)
        and not getattr(request, "is_preview", False)
        and "messages" not in request.COOKIES
        and set(request.GET) <= ALLOWED_QUERY_KEYS
        and len(request.GET.getlist("page")) <= 1
    )


def cache_key(request, *, language: str | None = None) -> str:
    # Built from the decoded path and the page number, not the raw query string: "?page=2&&" and "?page=2" are
    # one entry, as they are one answer. The generation is not in the key but in the stored value (``lookup``).
    target = request.path
    if "page" in request.GET:
        target += "?page=" + request.GET["page"]
    digest = hashlib.sha256(target.encode()).hexdigest()[:32]
    return f"news:pg:{language or get_language()}:{request.get_host()}:{digest}"


def current_entry(key: str) -> tuple[int, tuple | None]:
    """(current generation, what is stored under ``key`` without its generation, or None) for an entry stored as
    ``(generation, *value)``: a hit only while the generation it was stored under is still the current one.
    One cache round trip (``get_many`` of the generation and the entry; only the entry once this request knows
    the generation) where a generation-in-the-key lookup took two."""
    known = known_generation()
    if known is not None:
        current, entry = known, cache.get(key)
    else:
        # The restricted paths come along: a render that misses asks for them next (``restriction_paths``).
        found = cache.get_many([GENERATION_KEY, key, RESTRICTED_KEY])
        current = found.get(GENERATION_KEY)
        current = generation() if current is None else _remember(int(current))
        entry = found.get(key)
        if getattr(_request, "active", False):
            _request.restricted = found.get(RESTRICTED_KEY)
    return current, (entry[1:] if entry is not None and entry[0] == current else None)


def lookup(request, *, language: str | None = None) -> tuple[str, int, tuple[str, bytes] | None]:
    """(key, current generation, the cached (content type, body) or None)."""
    key = cache_key(request, language=language)
    return key, *current_entry(key)


def store(key: str, rendered_under: int, response) -> None:
    cache.set(key, (rendered_under, response["Content-Type"], response.content), _timeout())


def page_number(value: str | None, *, num_pages: int) -> int | None:
    """``value`` as a page number of a list with ``num_pages`` pages, if it is written canonically and in range."""
    if value is None or not _PAGE_NUMBER.fullmatch(value):
        return None
    number = int(value)
    return number if number <= num_pages else None


def restriction_paths() -> tuple[tuple[str, ...], bool]:
    """(tree paths of the pages carrying a view restriction, whether any alias page exists), cached per generation:
    adding, changing or removing a restriction and every publish, move or delete bump it (signals.py), so a page
    whose path starts with none of them, in a tree without aliases, is under no restriction."""
    from wagtail.models import Page, PageViewRestriction

    current = generation()
    # Stored as (generation, paths, aliases) under one key, which the page-cache lookup fetches with the page.
    entry = getattr(_request, "restricted", None) if getattr(_request, "active", False) else None
    if entry is None or entry[0] != current:
        entry = cache.get(RESTRICTED_KEY)
    if entry is None or entry[0] != current:
        paths = tuple(sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))))
        entry = (current, paths, Page.objects.filter(alias_of__isnull=False).exists())
        cache.set(RESTRICTED_KEY, entry, _timeout() or 60)
    if getattr(_request, "active", False):
        _request.restricted = entry
    return entry[1], entry[2]


def is_restricted(page) -> bool:
    """Whether a Wagtail view restriction (password, login, groups) applies to ``page`` or an ancestor."""
    return page.get_view_restrictions().exists()


def _page_number_allowed(page, request) -> bool:
    value = request.GET.get("page")
    return value is None or page.page_cache_allows_page_number(request, value)


def serve_cached(page, request, serve):
    """Return the cached response for ``request`` or call ``serve()`` and cache a plain 200 answer.

    Never stored: a page under a view restriction (its answer is also marked ``private, no-store`` for any shared
    cache in front of us), and a ``?page=`` the page does not call a real page number of its list
    (``page_cache_allows_page_number``).
    """
    cacheable = is_cacheable(request)
    # The generation is read before the privacy check: if a restriction is added after this point, its commit
    # bumps the generation and whatever is stored below (under the older one) is never a hit.
    key, rendered_under, hit = lookup(request) if cacheable else (None, None, None)
    if is_restricted(page):
        response = serve()
        patch_cache_control(response, private=True, no_store=True)
        return response
    if not cacheable or not _page_number_allowed(page, request):
        return serve()
    if hit is not None:  # normally answered earlier by middleware.PageCacheMiddleware
        return hit_response(hit)
    response = serve()
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    if response.status_code == 200 and not response.streaming and not response.cookies:
        store(key, rendered_under, response)
        response[CACHE_HEADER] = "miss"
    return response


def hit_response(hit) -> HttpResponse:
    content_type, body = hit
    response = HttpResponse(body, content_type=content_type)
    response[CACHE_HEADER] = "hit"
    response["Content-Length"] = str(len(body))
    return response

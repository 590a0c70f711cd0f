"""Serve cached portal pages before Wagtail's router runs.

A hit in :mod:`mattran.news.pagecache` is answered here, after the session, locale and authentication
middleware (the key needs the language; anonymity is checked) but before URL resolution and Wagtail's page
lookup, which cost several queries per request. Misses go on to ``Page.serve`` (``CachedServeMixin``), which
renders and stores the page under the same key. Counting is unaffected: it happens in the page's beacon.

Every header-setting middleware (security, CSP, Permissions-Policy, X-Frame-Options) must be listed *before*
this one in ``MIDDLEWARE``: a hit returns from here, so only the middleware outside it sees the response.
Restricted pages are never stored (``pagecache.serve_cached``), so a hit never skips Wagtail's privacy check.
"""

from django.core.cache import cache

from . import pagecache


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if pagecache.is_cacheable(request):
            hit = cache.get(pagecache.cache_key(request))
            if hit is not None:
                return pagecache.hit_response(hit)
        return self.get_response(request)

"""Serve cached portal pages before the session, CSRF, auth and Wagtail's router run.

A hit in :mod:`mattran.news.pagecache` is answered here, before URL resolution and Wagtail's page lookup, which
cost several queries per request, and — listed right after the header-setting middleware — before sessions,
locale, CSRF, authentication and messages too: a request without a session cookie is anonymous for certain, and
the page's language comes from its URL (``/en/…`` English, else ``LANGUAGE_CODE``), exactly as LocaleMiddleware
decides it with ``i18n_patterns(prefix_default_language=False)``. The hit carries the ``Content-Language`` and
``Vary`` headers LocaleMiddleware would add. A request *with* a session cookie goes through the whole stack; its
page may still come from the cache in ``Page.serve`` (``CachedServeMixin``) once the user is known to be
anonymous. Misses are rendered there and stored under the same key. Counting is unaffected: it happens in the
page's beacon.

Every header-setting middleware (security, CSP, Permissions-Policy, X-Frame-Options) must be listed *before*
this one in ``MIDDLEWARE``: a hit returns from here, so only the middleware outside it sees the response.
Restricted pages are never stored (``pagecache.serve_cached``), so a hit never skips Wagtail's privacy check.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from . import pagecache


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with pagecache.request_scope():  # the cache generation is read at most once in this request
            if settings.SESSION_COOKIE_NAME not in request.COOKIES and pagecache.is_cacheable(request):
                from_path = translation.get_language_from_path(request.path_info)
                language = from_path or settings.LANGUAGE_CODE
                _key, _generation, hit = pagecache.lookup(request, language=language)
                if hit is not None:
                    response = pagecache.hit_response(hit)
                    if not from_path:
                        patch_vary_headers(response, ("Accept-Language",))
                    response.headers.setdefault("Content-Language", language)
                    return response
            return self.get_response(request)

"""Wagtail's page routing, cached per page-cache generation for anonymous GETs of the portal's pages.

Routing an article costs Wagtail a Site query and one query per level of the tree (portal, category, article)
plus the portal's organisation: about half the CPU of rendering an uncached article. The route (the Site, the
page objects with their parent and portal, the arguments) is the same for every reader until a page is published,
unpublished, moved or deleted, or a view restriction, a Site or an organisation changes — each of which bumps
the page-cache generation (signals.py). So the route is stored with the generation it was found under, read back
in one cache round trip (with the generation), and handed to Wagtail's own ``serve`` view, which uses a route
already on the request (``request._wagtail_route_for_request``). Requests with a session cookie are routed
by Wagtail as before. Only routes to this app's plain pages (articles) are stored;
everything else (the password form, other page types, 404s) is routed by Wagtail as before.
"""

import pickle

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Page
from wagtail.views import serve as wagtail_serve

from . import pagecache


def _key(request, path: str) -> str:
    return f"news:route:{request._get_raw_host()}:{request.get_port()}:{path}"


def serve(request, path):
    """Wagtail's ``serve`` view, with the route taken from (or stored in) the cache when it may be."""
    # Signed-in readers (editors checking their page) are routed afresh, as the page cache serves them nothing.
    if not (
        request.method in ("GET", "HEAD")
        and pagecache.timeout() > 0
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    ):
        return wagtail_serve(request, path)
    key = _key(request, path)
    current, entry = pagecache.current_entry(key)
    if entry is not None:
        request._wagtail_site, request._wagtail_route_for_request = entry[0]
        request._news_route_from_cache = True
    else:
        _route_store(request, path, key=key, found_under=current)
    return wagtail_serve(request, path)


def _route_store(request, path: str, *, key: str, found_under: int) -> None:
    from .models import NewsPage

    route = Page.route_for_request(request, path)
    # A RoutablePage's sub-route leaves its resolver match on the request (read again while serving) and Django
    # refuses to pickle one: home and category pages are routed by Wagtail each time; articles, the hot path, are not.
    if route is None or not isinstance(route[0], NewsPage) or hasattr(request, "routable_resolver_match"):
        return
    page = route[0]
    portal = page.portal  # loaded now, with its organisation, so that readers of the stored route need no query
    if portal is not None:
        portal.organisation  # noqa: B018
    try:  # the cache pickles what it stores (each reader gets its own copy); a route that cannot be is not stored
        cache.set(key, (found_under, (request._wagtail_site, route)), pagecache.timeout())
    except (pickle.PicklingError, TypeError, AttributeError):
        return

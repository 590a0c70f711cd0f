"""The counting endpoint behind every public page's beacon (see counters.py for the design)."""

import base64

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from . import counters
from .models import ArticlePage, HomePage

VISIT_COOKIE_PREFIX = "mt_v"
_PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def _page_id(value: str | None, model) -> int | None:
    """The id if it names a live page of ``model``; anything else is ignored (never an error)."""
    try:
        page_id = int(value or "")
    except ValueError:
        return None
    # Cached for a minute: the check would otherwise be a query on every beacon.
    exists = cache.get_or_set(
        f"news:countable:{model._meta.label_lower}:{page_id}",
        lambda: Page.objects.live()
        .filter(pk=page_id, content_type=ContentType.objects.get_for_model(model))
        .exists(),
        60,
    )
    return page_id if exists else None


def _count(request, data) -> tuple[dict, int | None]:
    """Count what the beacon reports; returns the fresh numbers and the portal whose visit cookie to set."""
    portal_id = _page_id(data.get("p"), HomePage)
    article_id = _page_id(data.get("a"), ArticlePage)
    counting = not counters.is_bot(request.headers.get("User-Agent")) and (
        request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")
    )
    result: dict = {"views": None, "visits": None}
    new_visit_portal = None
    if portal_id is not None:
        if counting and f"{VISIT_COOKIE_PREFIX}{portal_id}" not in request.COOKIES:
            result["visits"] = counters.site_visit_record(portal_id=portal_id)
            new_visit_portal = portal_id
        else:
            result["visits"] = counters.site_visit_count(portal_id=portal_id)
    if article_id is not None:
        if counting:
            result["views"] = counters.article_view_record(article_id=article_id)
        else:
            result["views"] = counters.article_view_count(article_id=article_id)
    return result, new_visit_portal


def _set_visit_cookie(response, portal_id: int | None) -> None:
    if portal_id is not None:
        # No max_age: a browser-session cookie, so the next session counts as a new visit.
        response.set_cookie(f"{VISIT_COOKIE_PREFIX}{portal_id}", "1", samesite="Lax", httponly=True)


@csrf_exempt  # cached pages carry no per-reader token; the endpoint only counts
@never_cache
@require_POST
def count(request):
    result, new_visit_portal = _count(request, request.POST)
    response = JsonResponse(result)
    _set_visit_cookie(response, new_visit_portal)
    return response


@never_cache
@require_GET
def pixel(request):
    """The ``<noscript>`` fallback: counts like the beacon and answers a transparent 1×1 GIF."""
    _result, new_visit_portal = _count(request, request.GET)
    response = HttpResponse(_PIXEL, content_type="image/gif")
    _set_visit_cookie(response, new_visit_portal)
    return response

"""The counting endpoint behind every public page's beacon (see counters.py for the design).

Bounds on what one client can add (review finding 13): a view counts once per (client address, article) per
NEWS_COUNTER_VIEW_WINDOW_SECONDS; a visit only when the signed visit cookie round-trips, once per cookie; and at
most NEWS_COUNTER_CLIENT_PER_MINUTE counting beacons per address per minute. The client address is
mattran.core.http.client_ip (the proxy's header when CLIENT_IP_HEADER names it). All three are cache keys
written with add/INCR (atomic, no read-modify-write); with Redis down they let counts through (no limit)."""

import base64
import hashlib
import logging
import secrets
import time

import redis
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from mattran.core.cache import REDIS_DOWN_ERRORS
from mattran.core.http import client_ip

from . import counters
from .models import ArticlePage, HomePage

logger = logging.getLogger(__name__)

VISIT_COOKIE_PREFIX = "mt_v"
VISIT_COOKIE_SALT = "mattran.news.visit"
VISIT_TOKEN_SECONDS = counters.VISIT_ONCE_SECONDS
_PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def _countable_key(model, page_id: int) -> str:
    return f"news:countable:{model._meta.label_lower}:{page_id}"


def _page_ids(data) -> tuple[int | None, int | None]:
    """(portal id, article id) from the beacon's ``p`` and ``a`` if they name a live HomePage / ArticlePage;
    anything else is ignored (never an error). Whether an id is countable is cached for a minute (one cache
    round trip for both ids; a query only on a miss)."""
    wanted = list(zip(_requested_ids(data), (HomePage, ArticlePage), strict=True))
    keys = {_countable_key(model, pk): (pk, model) for pk, model in wanted if pk is not None}
    known = cache.get_many(list(keys)) if keys else {}
    result = []
    for pk, model in wanted:
        if pk is None:
            result.append(None)
            continue
        key = _countable_key(model, pk)
        exists = known.get(key)
        if exists is None:
            exists = int(
                Page.objects.live().filter(pk=pk, content_type=ContentType.objects.get_for_model(model)).exists()
            )
            cache.set(key, exists, 60)  # 1/0, not True/False: stored as a plain number, readable by counters._BEACON
        result.append(pk if exists else None)
    return result[0], result[1]


def _client_allowance_left(client: str) -> bool:
    """Per-client cap: at most NEWS_COUNTER_CLIENT_PER_MINUTE counting beacons per address per minute (a fixed
    window; add + INCR, so concurrent beacons cannot both read the same count)."""
    key = f"news:beacons:{client}:{int(time.time() // 60)}"
    if cache.add(key, 1, timeout=120):
        return True
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        return True
    return used <= settings.NEWS_COUNTER_CLIENT_PER_MINUTE


def _first_view_in_window(client: str, article_id: int) -> bool:
    """A view counts once per (client address, article) per NEWS_COUNTER_VIEW_WINDOW_SECONDS."""
    return cache.add(f"news:seen:{client}:{article_id}", 1, timeout=settings.NEWS_COUNTER_VIEW_WINDOW_SECONDS)


def _visit_state(request, portal_id: int) -> tuple[str | None, bool]:
    """(visitor token, already counted) from this portal's signed visit cookie; (None, False) without one."""
    value = request.get_signed_cookie(f"{VISIT_COOKIE_PREFIX}{portal_id}", default=None, salt=VISIT_COOKIE_SALT)
    if not value:
        return None, False
    token, _, counted = value.partition(".")
    return token, counted == "1"


def _requested_ids(data) -> tuple[int | None, int | None]:
    ids = []
    for value in (data.get("p"), data.get("a")):
        try:
            ids.append(int(value or ""))
        except ValueError:
            ids.append(None)
    return ids[0], ids[1]


def _count(request, data) -> tuple[dict, tuple[int, str] | None]:
    """Count what the beacon reports; returns the fresh numbers and the visit cookie to set (portal, value).

    A visit counts only when the cookie set by an earlier beacon comes back (a client that keeps no cookies
    never counts one), once per cookie; counter.js sends that second beacon at once ("confirm").
    With Redis as the cache the whole beacon is one script (``_count_in_redis``); otherwise, or when that fails,
    it goes step by step below, with the same bounds and the same keys."""
    counting = not counters.is_bot(request.headers.get("User-Agent")) and request.headers.get(
        "Sec-Fetch-Site", "same-origin"
    ) in ("same-origin", "none")
    client = hashlib.sha256(client_ip(request).encode()).hexdigest()[:24]
    store = counters.beacon_store()
    if store is not None:
        try:
            return _count_in_redis(request, data, store=store, counting=counting, client=client)
        except REDIS_DOWN_ERRORS as exc:
            counters._failed("counters", exc)
        except redis.exceptions.ResponseError:  # a script Redis refuses must not cost the reader a 500
            logger.exception("the counting script failed; counting step by step")
        except counters.FlagsUnknown:  # the flags could not be cached (Redis came and went): step by step
            pass
    portal_id, article_id = _page_ids(data)
    counting = counting and (portal_id is not None or article_id is not None)
    if counting:
        counting = _client_allowance_left(client)
    result: dict = {"views": None, "visits": None, "confirm": False}
    cookie = None
    if portal_id is not None:
        token, counted = _visit_state(request, portal_id)
        if counting and token is None:
            cookie = (portal_id, secrets.token_urlsafe(12))  # pending: counted when it round-trips
            result["confirm"] = True
        elif counting and not counted:
            cookie = (portal_id, f"{token}.1")
            if cache.add(f"news:visit:{token}", 1, timeout=VISIT_TOKEN_SECONDS):  # a replayed cookie counts once
                result["visits"] = counters.site_visit_record(portal_id=portal_id)
        if result["visits"] is None:
            result["visits"] = counters.site_visit_count(portal_id=portal_id)
    if article_id is not None:
        if counting and _first_view_in_window(client, article_id):
            result["views"] = counters.article_view_record(article_id=article_id)
        else:
            result["views"] = counters.article_view_count(article_id=article_id)
    return result, cookie


def _count_in_redis(request, data, *, store, counting: bool, client: str):
    portal_id, article_id = _requested_ids(data)
    token, counted = _visit_state(request, portal_id) if portal_id is not None else (None, False)
    arguments = {
        "client": store,
        "portal_id": portal_id,
        "article_id": article_id,
        "flag_keys": [
            cache.make_key(_countable_key(HomePage, portal_id or 0)),
            cache.make_key(_countable_key(ArticlePage, article_id or 0)),
        ],
        "allowance_key": cache.make_key(f"news:beacons:{client}:{int(time.time() // 60)}"),
        "counting": counting,
        "visit_once_key": cache.make_key(f"news:visit:{token}") if token is not None and not counted else None,
        "seen_key": cache.make_key(f"news:seen:{client}:{article_id}"),
    }
    try:
        allowed, visits, views = counters.beacon_record(**arguments)
    except counters.FlagsUnknown:
        _page_ids(data)  # looks the pages up and caches their flags
        allowed, visits, views = counters.beacon_record(**arguments)
    result: dict = {"views": views, "visits": visits, "confirm": False}
    cookie = None
    if allowed and visits is not None:
        if token is None:
            cookie = (portal_id, secrets.token_urlsafe(12))  # pending: counted when it round-trips
            result["confirm"] = True
        elif not counted:
            cookie = (portal_id, f"{token}.1")
    return result, cookie


def _set_visit_cookie(response, cookie: tuple[int, str] | None) -> None:
    if cookie is not None:
        portal_id, value = cookie
        # No max_age: a browser-session cookie, so the next session counts as a new visit.
        response.set_signed_cookie(
            f"{VISIT_COOKIE_PREFIX}{portal_id}", value, salt=VISIT_COOKIE_SALT, samesite="Lax", httponly=True
        )


@csrf_exempt  # cached pages carry no per-reader token; the endpoint only counts
@never_cache
@require_POST
def count(request):
    result, cookie = _count(request, request.POST)
    response = JsonResponse(result)
    _set_visit_cookie(response, cookie)
    return response


@never_cache
@require_GET
def pixel(request):
    """The ``<noscript>`` fallback: counts like the beacon and answers a transparent 1×1 GIF (its visit counts on
    the next page, whose pixel brings the cookie back)."""
    _result, cookie = _count(request, request.GET)
    response = HttpResponse(_PIXEL, content_type="image/gif")
    _set_visit_cookie(response, cookie)
    return response

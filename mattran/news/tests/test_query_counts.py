"""Queries per request on the portal's hot paths, with fixed upper bounds (issue 13): a change that adds queries to
the article page, the home page or the counting beacon fails here before it shows in the benchmark."""

import pytest
from django.test import Client
from wagtail.rich_text import RichText

from mattran.news.tests.factories import make_article, make_category

from .test_counters import BROWSER

pytestmark = pytest.mark.django_db

# The uncached article: the view and visit counters. The route (site, pages, portal and organisation:
# news.routing), what is derived from the revision (linked body, related documents, newer/older, tags, JSON-LD)
# and the header's categories come from the cache.
ARTICLE_RENDER_MAX = 3
# The first render after a publish also derives those parts (newer/older with their restriction checks, tags,
# images, the header's categories).
ARTICLE_FIRST_RENDER_MAX = 20
HOME_RENDER_MAX = 16
BEACON_MAX = 2  # the counted view's UPDATE … RETURNING, the visits read (the page check is cached)


@pytest.fixture
def articles(portal, category):
    other = make_category(portal=portal, title="Hoạt động")
    made = []
    for i in range(12):
        article = make_article(
            category=category if i % 2 else other,
            title=f"Tin số {i}",
            body=[("paragraph", RichText(f"<p>Theo Quyết định 994-QĐ/TU ngày 25/5/2017, đoạn {i}.</p>"))],
        )
        article.tags.add("giám sát", "an sinh")
        article.save_revision().publish()
        made.append(article)
    return made


def test_an_uncached_article_render_stays_within_its_query_budget(client, articles, django_assert_max_num_queries):
    article = articles[5]
    url = article.url + "?utm_source=bench"  # never served from the page cache
    with django_assert_max_num_queries(ARTICLE_FIRST_RENDER_MAX):
        first = client.get(url)
    assert first.status_code == 200 and "X-Page-Cache" not in first
    with django_assert_max_num_queries(ARTICLE_RENDER_MAX):
        again = client.get(url)
    assert again.status_code == 200 and "X-Page-Cache" not in again
    assert again.wsgi_request._news_route_from_cache  # routed from news.routing's cache
    assert "Tin số 7" in again.content.decode() and "Tin số 3" in again.content.decode()  # newer and older


def test_a_publish_drops_the_derived_parts(client, articles):
    article = articles[5]
    url = article.url + "?utm_source=bench"
    client.get(url)
    article.title = "Tin số 5 (đã sửa)"
    article.save_revision().publish()
    newer = articles[3]
    assert "Tin số 5 (đã sửa)" in client.get(newer.url + "?utm_source=bench").content.decode()


def test_a_cached_route_still_follows_unpublishing_and_the_organisations_name(client, portal, articles):
    article = articles[5]
    url = article.url + "?utm_source=bench"
    assert client.get(url).status_code == 200
    organisation = portal.organisation
    organisation.name = "Ủy ban MTTQ phường Mới Đổi Tên"
    organisation.save()
    assert "Mới Đổi Tên" in client.get(url).content.decode()
    article.unpublish()
    assert client.get(url).status_code == 404


def test_a_signed_in_reader_is_routed_afresh(client, articles, admin_user, django_assert_max_num_queries):
    url = articles[5].url + "?utm_source=bench"
    client.get(url)
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code == 200 and hasattr(response.wsgi_request, "_wagtail_site")
    assert not hasattr(response.wsgi_request, "_news_route_from_cache")


def test_a_cached_article_page_costs_no_query(client, articles, django_assert_max_num_queries):
    url = articles[5].url
    client.get(url)
    with django_assert_max_num_queries(0):
        assert client.get(url)["X-Page-Cache"] == "hit"


def test_the_home_page_render_stays_within_its_query_budget(client, portal, articles, django_assert_max_num_queries):
    client.get(portal.url + "?utm_source=bench")
    with django_assert_max_num_queries(HOME_RENDER_MAX):
        response = client.get(portal.url + "?utm_source=bench")
    assert response.status_code == 200 and "Tin số 11" in response.content.decode()


def test_the_counting_beacon_stays_within_its_query_budget(client, settings, portal, articles, django_assert_max_num_queries):
    settings.REDIS_URL = ""  # the database store: the view is one UPDATE
    article = articles[5]
    client.post("/dem/", {"p": portal.pk, "a": article.pk}, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="192.0.2.1")
    reader = Client()  # another reader's first page view: a view counted, the visit pending its cookie
    with django_assert_max_num_queries(BEACON_MAX):
        response = reader.post(
            "/dem/", {"p": portal.pk, "a": article.pk}, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="192.0.2.2"
        )
    assert response.json()["views"] == 2


def test_the_health_check_runs_one_query(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert client.get("/healthz").status_code == 200


def test_an_uncached_render_reads_the_cache_generation_once(articles):
    from unittest import mock

    from django.core.cache import cache

    from mattran.news import pagecache

    url = articles[5].url + "?utm_source=bench"
    reader = Client()
    reader.get(url)
    with mock.patch.object(cache, "get", wraps=cache.get) as get, mock.patch.object(
        cache, "get_many", wraps=cache.get_many
    ) as get_many:
        assert reader.get(url).status_code == 200
    # (local memory's get_many calls get(key, sentinel) itself: those are not reads of their own)
    reads = [c for c in get.call_args_list if c.args == (pagecache.GENERATION_KEY,)]
    reads += [c for c in get_many.call_args_list if pagecache.GENERATION_KEY in c.args[0]]
    assert len(reads) == 1 and pagecache.known_generation() is None  # and forgotten when the request ended

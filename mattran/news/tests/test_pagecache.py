"""The page cache never leaks a restricted page, and its key admits only real page numbers (review findings 1,
14, 15)."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from mattran.news.tests.factories import make_article

pytestmark = pytest.mark.django_db

SECRET = "BÍ-MẬT-123"
PASSWORD = "matkhau-bimat"


def _restrict(page, **fields) -> PageViewRestriction:
    fields.setdefault("restriction_type", PageViewRestriction.PASSWORD)
    fields.setdefault("password", PASSWORD)
    return PageViewRestriction.objects.create(page=page, **fields)


def _unlocked_client(restriction, page) -> Client:
    visitor = Client()
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    response = visitor.post(url, {"password": PASSWORD, "return_url": page.url})
    assert response.status_code == 302
    return visitor


@pytest.fixture
def secret_article(category):
    return make_article(category=category, title="Kiểm thử riêng tư", lead=f"Chỉ cho người có mật khẩu: {SECRET}")


def test_password_protected_page_seen_by_an_unlocked_visitor_is_not_served_to_a_stranger(secret_article):
    restriction = _restrict(secret_article)
    visitor = _unlocked_client(restriction, secret_article)
    for _ in range(2):
        response = visitor.get(secret_article.url)
        assert SECRET in response.content.decode() and "X-Page-Cache" not in response
    stranger = Client().get(secret_article.url)
    assert SECRET not in stranger.content.decode() and "X-Page-Cache" not in stranger


def test_restriction_added_after_caching_drops_the_cached_copy(client, secret_article):
    assert client.get(secret_article.url)["X-Page-Cache"] == "miss"
    assert client.get(secret_article.url)["X-Page-Cache"] == "hit"
    _restrict(secret_article)
    response = Client().get(secret_article.url)
    assert SECRET not in response.content.decode() and "X-Page-Cache" not in response


def test_restriction_on_an_ancestor_drops_and_keeps_out_the_articles_below(client, category, secret_article):
    client.get(secret_article.url)
    _restrict(category, restriction_type=PageViewRestriction.LOGIN, password="")
    response = Client().get(secret_article.url)
    assert response.status_code == 302 and "X-Page-Cache" not in response  # to the login page


def test_removing_the_restriction_makes_the_page_cacheable_again(client, secret_article):
    restriction = _restrict(secret_article)
    client.get(secret_article.url)
    restriction.delete()
    assert client.get(secret_article.url)["X-Page-Cache"] == "miss"
    response = Client().get(secret_article.url)
    assert response["X-Page-Cache"] == "hit" and SECRET in response.content.decode()


def test_restricted_page_tells_shared_caches_not_to_store_it(secret_article):
    restriction = _restrict(secret_article)
    response = _unlocked_client(restriction, secret_article).get(secret_article.url)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_page_number_on_a_home_page_creates_no_cache_entry(client, portal):
    # read the entries by their keys, so the test holds on local memory and on Redis alike
    from django.test import RequestFactory

    from mattran.news.pagecache import lookup

    assert client.get(portal.url).status_code == 200
    assert lookup(RequestFactory().get(portal.url))[2] is not None
    for _ in range(2):
        response = client.get(portal.url + "?page=77")
        assert response.status_code == 200 and "X-Page-Cache" not in response
    key, _generation, _hit = lookup(RequestFactory().get(portal.url + "?page=77"))
    assert cache.get(key) is None


def test_page_number_on_an_article_or_a_feed_is_not_cached(client, category, article):
    for url in (article.url + "?page=1", category.url + "rss/?page=1"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url)


def test_category_caches_only_real_page_numbers_and_answers_the_rest_without_error(client, category):
    for _ in range(11):
        make_article(category=category)
    for number in ("1", "2"):
        assert client.get(f"{category.url}?page={number}")["X-Page-Cache"] == "miss"
        assert client.get(f"{category.url}?page={number}")["X-Page-Cache"] == "hit"
    for value, status in [("3", 404), ("0", 404), ("-1", 404), ("99999999999999999999", 404),
                          ("01", 200), ("+2", 200), ("abc", 200), ("1.5", 200), ("", 200), ("%00", 200)]:
        for _ in range(2):
            response = client.get(f"{category.url}?page={value}")
            assert response.status_code == status and "X-Page-Cache" not in response, value


def test_repeated_page_parameter_is_not_cached(client, category):
    url = f"{category.url}?page=1&page=1"
    client.get(url)
    assert "X-Page-Cache" not in client.get(url)


SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "Referrer-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Cross-Origin-Opener-Policy",
)


def test_cache_hit_carries_the_same_security_headers_as_the_rendered_page(client, portal, category, article):
    for url in (portal.url, category.url, category.url + "?page=1", article.url, portal.url + "rss/"):
        rendered, hit = client.get(url), client.get(url)
        assert (rendered["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
        for header in SECURITY_HEADERS:
            assert header in hit and hit[header] == rendered[header], (url, header)
        assert hit["X-Frame-Options"] == "DENY"


def test_a_hit_before_the_session_stack_answers_like_a_rendered_page(client, article):
    rendered = client.get(article.url)
    hit = Client().get(article.url)
    assert hit["X-Page-Cache"] == "hit" and hit.content == rendered.content
    for header in ("Content-Language", "Content-Security-Policy", "X-Frame-Options", "Permissions-Policy"):
        assert hit[header] == rendered[header], header
    assert "Accept-Language" in hit["Vary"]
    english = Client().get("/en" + article.url)
    assert english.status_code in (200, 404)  # whatever it is, never the Vietnamese copy
    assert english.content != rendered.content


def test_a_logged_in_editor_is_never_answered_from_the_cache(client, article, admin_user):
    Client().get(article.url)
    client.force_login(admin_user)
    assert client.get(article.url).get("X-Page-Cache") is None


def test_restriction_paths_follow_the_restrictions(category, secret_article):
    from mattran.news import pagecache

    assert pagecache.restriction_paths() == ((), False)
    _restrict(category)
    assert pagecache.restriction_paths() == ((category.path,), False)

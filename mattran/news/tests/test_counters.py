import threading

import pytest
from django.conf import settings
from django.db import close_old_connections, connection

from mattran.news import counters
from mattran.news.models import Counter
from mattran.news.tests.factories import make_article, make_category, make_portal

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
needs_redis = pytest.mark.skipif(not settings.REDIS_URL, reason="REDIS_URL is not set: the Redis store is not in use")


def _beacon(client, *, portal, article=None, user_agent=BROWSER, ip="192.0.2.10", **headers):
    data = {"p": portal.pk}
    if article is not None:
        data["a"] = article.pk
    return client.post("/dem/", data, HTTP_USER_AGENT=user_agent, REMOTE_ADDR=ip, **headers)


def _visit(client, *, portal, ip="192.0.2.10"):
    """What counter.js does on a session's first page: the beacon, then the confirming one with the cookie."""
    first = _beacon(client, portal=portal, ip=ip)
    assert first.json()["confirm"] is True
    return _beacon(client, portal=portal, ip=ip)


@pytest.mark.django_db
def test_beacon_counts_a_view_and_the_visit_once_the_cookie_comes_back(client, portal, article):
    first = _beacon(client, portal=portal, article=article)
    assert first.status_code == 200 and first.json() == {"views": 1, "visits": 0, "confirm": True}
    assert f"mt_v{portal.pk}" in first.cookies and not first.cookies[f"mt_v{portal.pk}"]["max-age"]
    confirm = _beacon(client, portal=portal)  # counter.js, at once, with the cookie the first answer set
    assert confirm.json() == {"views": None, "visits": 1, "confirm": False}
    later = _beacon(client, portal=portal, article=article)  # same session, same article: neither counts again
    assert later.json() == {"views": 1, "visits": 1, "confirm": False}


@pytest.mark.django_db
def test_new_browser_session_counts_a_new_visit(client, portal):
    from django.test import Client

    _visit(client, portal=portal)
    assert _visit(Client(), portal=portal).json()["visits"] == 2


@pytest.mark.django_db
def test_a_client_that_keeps_no_cookies_never_counts_a_visit(portal):
    from django.test import Client

    for _ in range(10):
        assert Client().post("/dem/", {"p": portal.pk}, HTTP_USER_AGENT=BROWSER).json()["visits"] == 0
    assert counters.site_visit_count(portal_id=portal.pk) == 0


@pytest.mark.django_db
def test_a_replayed_or_forged_visit_cookie_counts_once(client, portal):
    _beacon(client, portal=portal)
    pending = client.cookies[f"mt_v{portal.pk}"].value
    _beacon(client, portal=portal)
    for _ in range(5):  # the pending cookie sent again and again, as a script could
        client.cookies[f"mt_v{portal.pk}"] = pending
        _beacon(client, portal=portal)
    client.cookies[f"mt_v{portal.pk}"] = "1"  # unsigned: treated as no cookie
    _beacon(client, portal=portal)
    assert counters.site_visit_count(portal_id=portal.pk) == 1


@pytest.mark.django_db
def test_a_view_counts_once_per_client_address_and_article_per_window(client, portal, article):
    for _ in range(10):
        _beacon(client, portal=portal, article=article)
    _beacon(client, portal=portal, article=article, ip="192.0.2.11")
    assert counters.article_view_count(article_id=article.pk) == 2


@pytest.mark.django_db
def test_the_view_window_is_a_setting_and_a_view_counts_again_after_it(client, settings, portal, article):
    import hashlib
    import time

    from django.core.cache import cache, caches

    settings.NEWS_COUNTER_VIEW_WINDOW_SECONDS = 5
    _beacon(client, portal=portal, article=article)
    seen = f"news:seen:{hashlib.sha256(b'192.0.2.10').hexdigest()[:24]}:{article.pk}"
    assert cache.get(seen) == 1  # the same key on both paths (one Redis script, or step by step)
    backend = caches["default"]
    if hasattr(backend, "_expire_info"):  # local memory
        seconds_left = backend._expire_info[cache.make_key(seen)] - time.time()
    else:
        seconds_left = backend._cache.get_client().ttl(cache.make_key(seen))
    assert 0 < seconds_left <= 5
    cache.delete(seen)  # as its expiry does
    _beacon(client, portal=portal, article=article)
    assert counters.article_view_count(article_id=article.pk) == 2


@needs_redis
@pytest.mark.django_db
def test_with_redis_a_counted_beacon_is_one_redis_round_trip_and_no_query(
    client, portal, article, monkeypatch, django_assert_num_queries
):
    # The first looks the pages up once and caches their flags, and reads the database's numbers, which Redis
    # then keeps (counters._REMEMBER).
    _beacon(client, portal=portal, article=article)
    store = counters.beacon_store()
    sent = []
    original = store.execute_command
    monkeypatch.setattr(store, "execute_command", lambda *args, **kw: sent.append(args[0]) or original(*args, **kw))
    from django.core.cache import caches

    django_cache = caches["default"]._cache
    cache_client = django_cache.get_client
    monkeypatch.setattr(django_cache, "get_client", lambda *a, **kw: sent.append("cache") or cache_client(*a, **kw))
    with django_assert_num_queries(0):
        answer = _beacon(client, portal=portal, article=article, ip="192.0.2.77").json()
    assert sent == ["EVAL"] and answer["views"] == 2


@needs_redis
@pytest.mark.django_db
def test_with_redis_the_beacons_numbers_stay_exact_across_flushes_and_a_raise(client, portal, article):
    from django.test import Client

    def views(ip):
        return _beacon(Client(), portal=portal, article=article, ip=ip).json()["views"]

    assert [views(f"192.0.2.{n}") for n in range(1, 4)] == [1, 2, 3]
    counters.counters_flush()  # pending -> database; Redis' copy of the database's number follows
    assert Counter.objects.get(page_id=article.pk, kind="views").value == 3
    assert views("192.0.2.4") == 4
    counters.counters_flush()
    counters.counter_raise_to(page_id=article.pk, kind="views", minimum=100)  # the legacy import's numbers
    assert views("192.0.2.5") == 101
    assert counters.article_view_count(article_id=article.pk) == 101


@pytest.mark.django_db
def test_a_view_window_of_zero_counts_every_view(client, settings, portal, article):
    settings.NEWS_COUNTER_VIEW_WINDOW_SECONDS = 0  # as the browser test sets it (Redis refused "EX 0" in the script)
    for _ in range(3):
        assert _beacon(client, portal=portal, article=article).status_code == 200
    assert counters.article_view_count(article_id=article.pk) == 3


@pytest.mark.django_db
def test_client_address_comes_from_the_configured_proxy_header(client, settings, portal, article):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for ip in ("203.0.113.1", "203.0.113.2", "203.0.113.2"):
        _beacon(client, portal=portal, article=article, HTTP_X_REAL_IP=ip)
    assert counters.article_view_count(article_id=article.pk) == 2


@pytest.mark.django_db
def test_counting_beacons_per_client_are_capped_per_minute(client, settings, portal, category):
    settings.NEWS_COUNTER_CLIENT_PER_MINUTE = 3
    articles = [make_article(category=category, title=f"Bài {i}") for i in range(5)]
    for article in articles:
        assert _beacon(client, portal=portal, article=article).status_code == 200
    assert [counters.article_view_count(article_id=a.pk) for a in articles] == [1, 1, 1, 0, 0]
    _beacon(client, portal=portal, article=articles[4], ip="192.0.2.99")  # another client is not held back
    assert counters.article_view_count(article_id=articles[4].pk) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "user_agent",
    ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "python-requests/2.32", "", "Mozilla/5.0 HeadlessChrome/131.0"],
)
def test_bots_are_not_counted(client, portal, article, user_agent):
    response = _beacon(client, portal=portal, article=article, user_agent=user_agent)
    assert response.json() == {"views": 0, "visits": 0, "confirm": False}
    assert not response.cookies


@pytest.mark.django_db
def test_cross_site_beacons_are_not_counted(client, portal, article):
    response = _beacon(client, portal=portal, article=article, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.json() == {"views": 0, "visits": 0, "confirm": False}


@pytest.mark.django_db
def test_beacon_ignores_unknown_or_wrong_pages_without_error(client, portal, category, article):
    nothing = {"views": None, "visits": None, "confirm": False}
    response = client.post("/dem/", {"p": "abc", "a": category.pk}, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200 and response.json() == nothing
    assert client.post("/dem/", {"p": article.pk, "a": portal.pk}, HTTP_USER_AGENT=BROWSER).json() == nothing
    assert client.get("/dem/").status_code == 405


@pytest.mark.django_db
def test_noscript_pixel_counts_with_the_same_bounds(client, portal, article):
    url = f"/dem/pixel.gif?p={portal.pk}&a={article.pk}"
    response = client.get(url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200 and response["Content-Type"] == "image/gif"
    assert counters.article_view_count(article_id=article.pk) == 1
    assert counters.site_visit_count(portal_id=portal.pk) == 0  # the visit counts when the cookie comes back
    client.get(url, HTTP_USER_AGENT=BROWSER)
    assert counters.article_view_count(article_id=article.pk) == 1
    assert counters.site_visit_count(portal_id=portal.pk) == 1


@pytest.mark.django_db
def test_counting_continues_while_the_page_is_served_from_the_cache(client, portal, article):
    client.get(article.url)
    for i in range(3):
        assert client.get(article.url)["X-Page-Cache"] == "hit"
        _beacon(client, portal=portal, article=article, ip=f"192.0.2.{20 + i}")
    assert counters.article_view_count(article_id=article.pk) == 3


@pytest.mark.django_db
def test_raise_to_keeps_the_larger_number(article):
    counters.counter_raise_to(page_id=article.pk, kind="views", minimum=2784)
    counters.article_view_record(article_id=article.pk)
    counters.counter_raise_to(page_id=article.pk, kind="views", minimum=100)
    assert counters.article_view_count(article_id=article.pk) == 2785


def _hammer(target, *, threads: int, per_thread: int):
    errors = []
    barrier = threading.Barrier(threads)

    def work():
        try:
            barrier.wait()
            for _ in range(per_thread):
                target()
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_counting_loses_no_increment(settings):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "the test database is in-memory SQLite (shared-cache table locks, no WAL); the file database the "
            "portal runs on is covered by test_concurrent_counting_on_a_sqlite_file_database"
        )
    portal = make_portal()
    article = make_article(category=make_category(portal=portal))
    errors = _hammer(lambda: counters.article_view_record(article_id=article.pk), threads=8, per_thread=25)
    assert errors == []
    counters.counters_flush()
    assert counters.article_view_count(article_id=article.pk) == 200
    assert Counter.objects.get(page=article, kind="views").value == 200


@needs_redis
@pytest.mark.django_db
def test_redis_totals_reach_the_database_when_flushed(article):
    counters.counter_raise_to(page_id=article.pk, kind="views", minimum=10)
    for _ in range(5):
        counters.article_view_record(article_id=article.pk)
    assert counters.article_view_count(article_id=article.pk) == 15
    counters.counters_flush()
    assert Counter.objects.get(page=article, kind="views").value == 15
    counters.counters_flush()  # idempotent: a second flush adds nothing
    assert Counter.objects.get(page=article, kind="views").value == 15


@needs_redis
@pytest.mark.django_db
def test_redis_seeds_its_total_from_the_database(article):
    Counter.objects.create(page=article, kind="views", value=500)
    assert counters.article_view_record(article_id=article.pk) == 501


@needs_redis
@pytest.mark.django_db
def test_flush_counters_command_writes_totals(article):
    from django.core.management import call_command

    counters.article_view_record(article_id=article.pk)
    call_command("flush_counters", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Counter.objects.get(page=article, kind="views").value == 1


@pytest.mark.django_db
def test_database_store_writes_every_count_through(settings, article):
    settings.REDIS_URL = ""
    counters.article_view_record(article_id=article.pk)
    assert Counter.objects.get(page=article, kind="views").value == 1


_SQLITE_HAMMER = """
import threading
from django.db import connection
from wagtail.models import Page
from mattran.news import counters
from mattran.news.models import Counter

page = Page.objects.get(depth=1)
errors = []
barrier = threading.Barrier(8)

def work():
    try:
        barrier.wait()
        for _ in range(25):
            counters.article_view_record(article_id=page.pk)
            counters.site_visit_record(portal_id=page.pk)
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        connection.close()

threads = [threading.Thread(target=work) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
print(errors, Counter.objects.get(page=page, kind="views").value, Counter.objects.get(page=page, kind="visits").value)
"""


@pytest.mark.django_db(transaction=True)  # no open transaction, so the database can be copied
def test_concurrent_counting_on_a_sqlite_file_database(tmp_path):
    """The default set-up (SQLite file in WAL mode, IMMEDIATE transactions): 8 threads × 25 views and visits,
    no "database is locked", no lost increment. Runs in a child process on a file copy of the test database."""
    import os
    import sqlite3
    import subprocess
    import sys

    if connection.vendor != "sqlite":
        pytest.skip("not on SQLite: test_concurrent_counting_loses_no_increment covers this database")
    path = tmp_path / "counters.sqlite3"
    from mattran.core.demo import load_demo

    load_demo()  # Wagtail's root page, in case an earlier transactional test flushed it
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)  # schema and Wagtail's root page, without running the migrations again
    target.close()
    env = {**os.environ, "SQLITE_PATH": str(path), "REDIS_URL": "", "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), "shell", "-c", _SQLITE_HAMMER],
        env=env, check=True, timeout=300, capture_output=True, text=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "[] 200 200", result.stdout + result.stderr



@pytest.mark.django_db
def test_several_counters_read_together_match_each_read_alone(portal, category):
    articles = [make_article(category=category) for _ in range(2)]
    counters.counter_raise_to(page_id=articles[0].pk, kind="views", minimum=40)  # a number in the database
    for _ in range(3):
        counters.article_view_record(article_id=articles[0].pk)  # pending in Redis when it is in use
    counters.site_visit_record(portal_id=portal.pk)
    pairs = [(articles[0].pk, "views"), (articles[1].pk, "views"), (portal.pk, "visits")]
    assert counters.counter_values(pairs=pairs) == {
        pair: counters.counter_value(page_id=pair[0], kind=pair[1]) for pair in pairs
    } == {pairs[0]: 43, pairs[1]: 0, pairs[2]: 1}


@pytest.mark.django_db
def test_the_article_page_shows_its_view_count_and_the_portals_visit_count(client, portal, article):
    for _ in range(2):
        counters.article_view_record(article_id=article.pk)
    counters.site_visit_record(portal_id=portal.pk)
    html = client.get(article.url + "?utm_source=test").content.decode()
    assert '<span data-counter="views">2</span>' in html
    assert "data-counter-text>1<" in html

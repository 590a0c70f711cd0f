"""The counters while Redis is away: counting goes to the database and resumes exact (issue 8 item 7)."""

import pytest

from mattran.news import counters
from mattran.news.models import Counter
from mattran.news.tests.test_counters import _beacon


class _FakeRedis:
    """The few Redis commands the counters use, in memory (when the suite runs without REDIS_URL)."""

    def __init__(self):
        self.hashes, self.strings = {}, {}

    def hincrby(self, key, field_name, amount):
        h = self.hashes.setdefault(key, {})
        h[field_name] = h.get(field_name, 0) + int(amount)
        return h[field_name]

    def hget(self, key, field_name):
        value = self.hashes.get(key, {}).get(field_name)
        return None if value is None else str(value).encode()

    def hscan_iter(self, key, count=None):
        return [(f.encode(), str(v).encode()) for f, v in list(self.hashes.get(key, {}).items())]

    def eval(self, script, numkeys, key, *args):
        if "HDEL" in script:  # counters._TAKE
            value = self.hashes.get(key, {}).pop(args[0], None)
            return None if value is None else str(value).encode()
        assert "current" in script  # counters._REMEMBER
        if int(args[0]) > int(self.strings.get(key, -1)):
            self.strings[key] = int(args[0])
        return 1

    def set(self, key, value, nx=False, ex=None):
        if nx and key in self.strings:
            return None
        self.strings[key] = value
        return True

    def delete(self, key):
        self.strings.pop(key, None)


class _Switchable:
    """A Redis client that can be 'stopped': every command then fails as redis-py does when Redis is away."""

    def __init__(self, client):
        self.client, self.down = client, False

    def __getattr__(self, name):
        import redis

        attr = getattr(self.client, name)
        if not self.down:
            return attr

        def refuse(*args, **kwargs):
            raise redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6391. Connection refused.")

        return refuse


@pytest.fixture
def switchable_redis(settings, monkeypatch):
    from mattran.core import cache as core_cache

    if not settings.REDIS_URL:
        settings.REDIS_URL = "redis://fake.invalid:6379/0"
    store = _Switchable(counters._redis_client(settings.REDIS_URL) if "fake" not in settings.REDIS_URL else _FakeRedis())
    monkeypatch.setattr(counters, "_redis", lambda: store)
    monkeypatch.setattr(core_cache, "_circuits", {})
    settings.REDIS_RETRY_SECONDS = 0  # each call tries again (the real default waits a second)
    return store


@pytest.mark.django_db
def test_views_counted_across_a_redis_outage_are_exact_after_the_flush(switchable_redis, article):
    for _ in range(10):
        counters.article_view_record(article_id=article.pk)
    switchable_redis.down = True  # pending counts stay in the stopped Redis
    for _ in range(7):
        counters.article_view_record(article_id=article.pk)  # to the database, no error
    assert counters.counters_flush() == 0
    switchable_redis.down = False
    for _ in range(5):
        counters.article_view_record(article_id=article.pk)
    assert counters.article_view_count(article_id=article.pk) == 22
    counters.counters_flush()
    assert Counter.objects.get(page=article, kind="views").value == 22
    counters.counters_flush()  # nothing is added twice
    assert counters.article_view_count(article_id=article.pk) == 22


@pytest.mark.django_db
def test_counts_after_an_outage_are_not_swallowed_by_the_database_being_ahead(switchable_redis, article):
    """The old design flushed max(database, Redis total): after an outage the database was ahead and the next
    counts in Redis were lost until Redis caught up."""
    counters.article_view_record(article_id=article.pk)
    counters.counters_flush()
    switchable_redis.down = True
    for _ in range(50):
        counters.article_view_record(article_id=article.pk)
    switchable_redis.down = False
    counters.article_view_record(article_id=article.pk)
    counters.counters_flush()
    assert Counter.objects.get(page=article, kind="views").value == 52


@pytest.mark.django_db
def test_beacons_answer_while_the_counters_redis_is_down(client, switchable_redis, portal, article):
    switchable_redis.down = True
    response = _beacon(client, portal=portal, article=article)
    assert response.status_code == 200 and response.json()["views"] == 1
    assert Counter.objects.get(page=article, kind="views").value == 1


@pytest.mark.django_db
def test_a_flush_that_fails_in_the_database_gives_the_counts_back(switchable_redis, article, monkeypatch):
    for _ in range(3):
        counters.article_view_record(article_id=article.pk)
    counters.counters_flush()
    counters.article_view_record(article_id=article.pk)

    def broken(*args, **kwargs):
        raise RuntimeError("database unavailable")

    with monkeypatch.context() as patch, pytest.raises(RuntimeError):
        patch.setattr(counters, "_db_increment", broken)
        counters.counters_flush()
    assert counters.article_view_count(article_id=article.pk) == 4

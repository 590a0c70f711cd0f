"""ResilientRedisCache: a Redis that is away is a cache miss and no rate limit, never a 500."""

import logging
import socket

import pytest
from django.core.cache import caches
from django.urls import reverse

from mattran.core import cache as core_cache
from mattran.news.tests.factories import make_article, make_category, make_portal
from mattran.petitions.models import Petition
from mattran.petitions.tests.conftest import World


def _dead_redis_url() -> str:
    """A 127.0.0.1 port nobody listens on: connecting is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def dead_redis(settings, monkeypatch):
    url = _dead_redis_url()
    monkeypatch.setattr(core_cache, "_circuits", {})
    settings.REDIS_URL = url  # the counters' own client too
    settings.CACHES = {
        "default": {
            "BACKEND": "mattran.core.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    return caches["default"]


def test_every_cache_operation_answers_like_an_empty_cache_when_redis_is_down(dead_redis, settings):
    settings.REDIS_RETRY_SECONDS = 0
    assert dead_redis.get("k", "default") == "default"
    assert dead_redis.add("k", 1) is True  # the caller proceeds as the first one: no limit
    assert dead_redis.incr("k") == 1 and dead_redis.incr("k", 5) == 5  # a fixed window reads "first hit"
    assert dead_redis.set("k", 1) is None and dead_redis.has_key("k") is False
    assert dead_redis.get_many(["a", "b"]) == {} and dead_redis.set_many({"a": 1}) == ["a"]
    assert dead_redis.get_or_set("k", lambda: "computed") == "computed"
    assert dead_redis.delete("k") is False and dead_redis.touch("k") is False
    dead_redis.delete_many(["a"])
    dead_redis.clear()


def test_a_missing_key_still_raises_on_incr_when_redis_is_up(settings):
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set")
    from django.core.cache import cache

    with pytest.raises(ValueError):
        cache.incr("core-cache-test-missing")


def test_one_redis_client_serves_every_operation_of_a_cache(dead_redis):
    # Django's client builds a redis.Redis (and copies its callback table) per operation; ours keeps one.
    backend = dead_redis._cache
    assert backend.get_client("a") is backend.get_client("b", write=True)
    assert backend.get_client("a").connection_pool is backend._get_connection_pool(False)


def test_failures_are_logged_once_per_interval_not_per_operation(dead_redis, settings, caplog):
    settings.REDIS_RETRY_SECONDS = 0
    with caplog.at_level(logging.WARNING, logger="mattran.redis"):
        for _ in range(50):
            dead_redis.get("k")
    assert len([r for r in caplog.records if r.name == "mattran.redis"]) == 1


def test_after_a_failure_redis_is_left_alone_for_the_retry_interval(dead_redis, settings, monkeypatch):
    settings.REDIS_RETRY_SECONDS = 60
    dead_redis.get("k")
    calls = []
    monkeypatch.setattr(dead_redis._cache, "get", lambda *a: calls.append(a))
    assert dead_redis.get("k", "default") == "default" and calls == []


@pytest.mark.django_db
def test_public_pages_beacons_and_the_petition_form_answer_with_redis_down(client, dead_redis):
    portal = make_portal()
    article = make_article(category=make_category(portal=portal))
    world = World()
    for url in (portal.url, article.url, reverse("petitions:submit"), reverse("petitions:track") + "?ma=KN-22222-22222"):
        assert client.get(url).status_code < 500, url
    beacon = client.post("/dem/", {"p": portal.pk, "a": article.pk}, HTTP_USER_AGENT="Mozilla/5.0 Chrome/131.0")
    assert beacon.status_code == 200 and beacon.json()["views"] == 1
    response = client.post(
        reverse("petitions:submit"),
        {
            "kind": "kien_nghi",
            "topic": world.topic.pk,
            "title": "Cây xanh gãy đổ chắn lối đi",
            "content": "Cây xanh trước nhà số 8 gãy sau cơn mưa, chắn nửa lối đi.",
            "organisation": world.ward_a.pk,
            "address": "Trước nhà số 8",
            "submitter_name": "Trần Văn Hải",
            "submitter_phone": "0912345678",
            "form_token": "tokentokentoken-0001",
            "website": "",
        },
    )
    petition = Petition.objects.get()
    assert response.status_code == 302 and petition.tracking_code in response["Location"]

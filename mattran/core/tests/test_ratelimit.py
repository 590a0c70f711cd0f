import logging

import pytest
from django.test import RequestFactory, override_settings

from mattran.core import ratelimit

from .caches import caches_setting


def test_hits_are_counted_per_scope_and_identifier():
    assert [ratelimit.hit("a", "203.0.113.1", window=60) for _ in range(3)] == [1, 2, 3]
    assert ratelimit.hit("a", "203.0.113.2", window=60) == 1
    assert ratelimit.hit("b", "203.0.113.1", window=60) == 1
    assert ratelimit.count("a", "203.0.113.1") == 3


def test_exceeded_is_true_only_past_the_limit():
    assert [ratelimit.exceeded("a", "x", limit=2, window=60) for _ in range(3)] == [False, False, True]


def test_first_use_refuses_the_second_use():
    assert ratelimit.first_use("token", "n1", window=60) is True
    assert ratelimit.first_use("token", "n1", window=60) is False
    assert ratelimit.first_use("token", "n2", window=60) is True


def test_identifiers_are_not_stored_readable_in_the_cache():
    assert "0912345678" not in ratelimit._key("contact", "0912345678")


@pytest.mark.parametrize("backend", ["BrokenCache", "QuietCache"])
def test_limiter_degrades_to_no_limit_and_logs_when_the_cache_fails(backend, caplog):
    with override_settings(CACHES=caches_setting(backend)), caplog.at_level(logging.WARNING, "mattran.core.ratelimit"):
        assert not any(ratelimit.exceeded("a", "x", limit=1, window=60) for _ in range(5))
        assert ratelimit.count("a", "x") == 0
        # A one-use token is accepted rather than every token refused.
        assert ratelimit.first_use("token", "n1", window=60) is True
    if backend == "BrokenCache":
        assert "not enforced" in caplog.text


def test_client_limit_keys_on_the_configured_proxy_header(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    rf = RequestFactory()
    a = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.1")
    b = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.2")
    assert not ratelimit.client_exceeded(a, "read", limit=1, window=60)
    assert ratelimit.client_exceeded(a, "read", limit=1, window=60)
    assert not ratelimit.client_exceeded(b, "read", limit=1, window=60)


def test_client_limit_ignores_the_header_when_no_proxy_header_is_configured(settings):
    settings.CLIENT_IP_HEADER = ""
    rf = RequestFactory()
    assert not ratelimit.client_exceeded(rf.get("/", HTTP_X_REAL_IP="203.0.113.1"), "read", limit=1, window=60)
    assert ratelimit.client_exceeded(rf.get("/", HTTP_X_REAL_IP="203.0.113.2"), "read", limit=1, window=60)

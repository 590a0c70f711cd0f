from django.contrib.auth import get_user_model
from django.test import RequestFactory

from mattran.core.http import client_address, client_ip


def test_a_request_without_an_address_has_no_client_address_and_an_unknown_key():
    request = RequestFactory().get("/")
    request.META.pop("REMOTE_ADDR")
    assert client_address(request) is None
    assert client_ip(request) == "unknown"


def test_a_forged_header_that_is_not_an_address_falls_back_to_the_remote_address(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    request = RequestFactory().get("/", HTTP_X_REAL_IP="'; drop table", REMOTE_ADDR="10.0.0.9")
    assert client_address(request) == "10.0.0.9"


def test_the_proxy_header_names_the_client_when_configured(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    request = RequestFactory().get("/", HTTP_X_REAL_IP="203.0.113.7, 10.0.0.1", REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == "203.0.113.7"


def test_a_login_without_a_client_address_is_logged_without_one(db, client):
    # force_login hands axes a bare request; its access log keeps the address in an inet column on PostgreSQL
    from axes.models import AccessLog

    user = get_user_model().objects.create_user(username="someone", password="x")
    client.force_login(user, verified=False)
    assert AccessLog.objects.get(username="someone").ip_address is None

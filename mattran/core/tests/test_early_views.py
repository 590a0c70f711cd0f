"""EarlyViewMiddleware: /healthz and the counting beacon are answered before sessions, CSRF and auth, with the
same security headers as every page and the same host check."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method, path", [("get", "/healthz"), ("post", "/dem/"), ("get", "/dem/pixel.gif")])
def test_early_answers_carry_the_security_headers(client, method, path):
    response = getattr(client, method)(path, HTTP_USER_AGENT="Mozilla/5.0 Chrome/131")
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_early_answers_skip_the_session_and_set_no_csrf_cookie(client):
    response = client.post("/dem/", HTTP_USER_AGENT="Mozilla/5.0 Chrome/131")
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_early_answers_still_refuse_a_host_not_allowed(settings):
    settings.ALLOWED_HOSTS = ["mattran.example"]
    assert Client().get("/healthz", HTTP_HOST="evil.example").status_code == 400


def test_the_beacon_still_refuses_a_get():
    assert Client().get("/dem/").status_code == 405


def test_other_paths_go_through_the_whole_stack(client):
    assert "Content-Language" in client.get("/kien-nghi/tra-cuu/")

"""Staff sessions end after idle time and after an absolute maximum."""

import time

import pytest

from mattran.accounts.login.session import LOGIN_AT_KEY, SEEN_KEY

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def admin_session(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get("/quan-tri/").status_code == 200
    return client.session


def test_each_staff_request_sets_the_idle_expiry(client, settings):
    session = admin_session(client)
    assert session.get_expiry_age() == settings.STAFF_SESSION_IDLE_SECONDS
    assert settings.SESSION_COOKIE_AGE < 14 * 24 * 3600


def test_an_idle_staff_session_is_logged_out(client, settings):
    session = admin_session(client)
    session[SEEN_KEY] = time.time() - settings.STAFF_SESSION_IDLE_SECONDS - 1
    session.save()
    response = client.get("/quan-tri/")
    assert response.status_code == 302 and response["Location"].startswith("/quan-tri/login/")
    assert "_auth_user_id" not in client.session


def test_a_recent_request_renews_the_idle_time(client, settings):
    session = admin_session(client)
    session[SEEN_KEY] = time.time() - settings.STAFF_SESSION_IDLE_SECONDS + 120
    session.save()
    assert client.get("/quan-tri/").status_code == 200
    assert time.time() - client.session[SEEN_KEY] < settings.STAFF_SESSION_IDLE_SECONDS / 2


def test_a_staff_session_ends_after_the_absolute_maximum_even_when_active(client, settings):
    session = admin_session(client)
    session[LOGIN_AT_KEY] = time.time() - settings.STAFF_SESSION_MAX_SECONDS - 1
    session.save()
    assert client.get("/quan-tri/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_visitor_without_a_session_cookie_gets_no_session(client):
    response = client.get("/quan-tri/login/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies

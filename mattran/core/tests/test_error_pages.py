"""The error pages: the right status, the portal's layout, the language of the URL, and a 500 page that needs
neither the database nor the context processors. The test settings run with DEBUG=False, as production does."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import translation

from mattran.core.views import CSRF_TITLE, ERRORS

pytestmark = pytest.mark.django_db


def _title(status, language):
    with translation.override(language):
        return str(ERRORS[status][0])


@pytest.mark.parametrize("prefix, language", [("", "vi"), ("/en", "en")])
def test_unknown_page_is_a_404_in_the_layout_and_language_of_the_url(client, settings, prefix, language):
    assert settings.DEBUG is False
    response = client.get(f"{prefix}/khong-co-trang-nay/")
    assert response.status_code == 404
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert _title(404, language) in body
    assert 'class="site-header"' in body and 'name="viewport"' in body


def test_unknown_petition_code_is_the_layout_404_not_a_bare_page(client):
    response = client.get("/kien-nghi/da-gui/KN-AAAAA-AAAAA/")
    assert response.status_code == 404
    assert _title(404, "vi") in response.content.decode()


def test_permission_denied_is_a_403_in_the_layout(client):
    with mock.patch("mattran.core.views.connection") as connection:
        connection.cursor.side_effect = PermissionDenied
        response = client.get("/healthz")
    assert response.status_code == 403
    body = response.content.decode()
    assert _title(403, "vi") in body and 'class="site-header"' in body


def test_disallowed_host_is_a_400_page(client, settings):
    settings.ALLOWED_HOSTS = ["mattran.example.vn"]
    response = client.get("/kien-nghi/tra-cuu/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert _title(400, "vi") in response.content.decode()


@pytest.mark.parametrize("path, language", [("/healthz", "vi"), ("/en/kien-nghi/tra-cuu/", "en")])
def test_server_error_is_a_standalone_500_page_in_the_language_of_the_url(path, language):
    client = Client(raise_request_exception=False)
    boom = RuntimeError("database down")
    with (
        mock.patch("mattran.core.views.connection") as connection,
        mock.patch("mattran.petitions.views.public.TrackForm", side_effect=boom),
    ):
        connection.cursor.side_effect = boom
        response = client.get(path)
    assert response.status_code == 500
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert _title(500, language) in body
    assert "database down" not in body


def test_server_error_page_renders_without_the_database():
    from django.test import RequestFactory

    from mattran.core.views import server_error

    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=RuntimeError):
        response = server_error(RequestFactory().get("/en/x/"))
    assert response.status_code == 500 and _title(500, "en") in response.content.decode()


def test_csrf_failure_is_a_translated_403_in_the_layout():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/kien-nghi/gui/", {"title": "x"})
    assert response.status_code == 403
    body = response.content.decode()
    with translation.override("en"):
        assert str(CSRF_TITLE) in body
    assert '<html lang="en">' in body and 'class="site-header"' in body

import re

import pytest

from mattran.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_health_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_home_answers_in_vietnamese_and_english(client):
    response = client.get("/")
    assert response.status_code == 200 and '<html lang="vi"' in response.content.decode()
    response = client.get("/en/")
    assert response.status_code == 200 and '<html lang="en"' in response.content.decode()


def _switch_links(html: str) -> dict[str, str]:
    nav = html.split('class="lang-switch"', 1)[1].split("</nav>", 1)[0]
    return dict(re.findall(r'hreflang="([a-z]+)"[^>]*>([^<]+)</a>', nav))


@pytest.mark.parametrize("path", ["/kien-nghi/tra-cuu/", "/en/kien-nghi/tra-cuu/"], ids=["vietnamese-site", "english-site"])
def test_language_switch_names_each_language_in_itself(client, path):
    """ "English", not Django's Vietnamese "Tiếng Anh", on the Vietnamese pages; "Tiếng Việt" on the English ones."""
    assert _switch_links(client.get(path).content.decode()) == {"vi": "Tiếng Việt", "en": "English"}


def test_admin_opens_for_a_superuser(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get("/quan-tri/")
    assert response.status_code == 200


def test_admin_screens_of_the_foundation_open(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for url in [
        "/quan-tri/organisations/",
        "/quan-tri/bodies/",
        "/quan-tri/topics/",
        "/quan-tri/routing_rules/",
        "/quan-tri/memberships/",
        "/quan-tri/audit_events/",
        "/quan-tri/successions/",
    ]:
        assert client.get(url).status_code == 200, url


def test_ensure_admin_prints_a_login_that_works(client, settings, tmp_path, capsys):
    from django.core.management import call_command

    settings.VAR_DIR = tmp_path
    settings.ACCOUNTS_WRITE_LOGIN_FILES = True  # as on a development set-up
    call_command("ensure_admin")
    password = (tmp_path / "admin-login.txt").read_text().strip()
    assert password in capsys.readouterr().out
    assert client.login(username="admin", password=password)

"""Demo accounts and the printed logins (review finding 20): own random passwords, nothing in clear text on disk
outside a development set-up, and the demo ward editor limited to its ward (finding 2)."""

import pytest
from django.core.management import call_command

from mattran.accounts.demo import DEMO_STAFF
from mattran.accounts.models import Role, User
from mattran.accounts.services import membership_grant
from mattran.accounts.tests.factories import UserFactory
from mattran.news.models import HomePage
from mattran.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _run(name, capsys):
    call_command(name)
    return capsys.readouterr().out


def _demo_accounts(capsys):
    """Only the loaders the accounts need (the whole demo takes a minute)."""
    import sys

    from mattran.accounts import demo
    from mattran.organisations import demo as organisations_demo

    organisations_demo.load_demo()
    demo.load_demo(stdout=sys.stdout)
    return capsys.readouterr().out


def test_demo_staff_get_their_own_passwords_printed_with_the_admins(settings, tmp_path, capsys):
    settings.VAR_DIR, settings.ACCOUNTS_WRITE_LOGIN_FILES = tmp_path, True
    _run("ensure_admin", capsys)
    admin_password = (tmp_path / "admin-login.txt").read_text().strip()
    _demo_accounts(capsys)
    out = _run("ensure_admin", capsys)
    passwords = dict(line.split() for line in (tmp_path / "demo-logins.txt").read_text().splitlines())
    assert set(passwords) == {username for username, *_ in DEMO_STAFF}
    assert len(set(passwords.values())) == len(passwords)
    for username, password in passwords.items():
        user = User.objects.get(username=username)
        assert user.check_password(password) and not user.check_password(admin_password)
        assert f"{username}  mật khẩu: {password}" in out
    assert oct((tmp_path / "demo-logins.txt").stat().st_mode & 0o777) == "0o600"


def test_an_older_demo_account_with_the_admins_password_gets_its_own(settings, tmp_path, capsys):
    settings.VAR_DIR, settings.ACCOUNTS_WRITE_LOGIN_FILES = tmp_path, True
    _run("ensure_admin", capsys)
    admin_password = (tmp_path / "admin-login.txt").read_text().strip()
    UserFactory(username="canbo.thanhpho", password=admin_password)
    _demo_accounts(capsys)
    assert not User.objects.get(username="canbo.thanhpho").check_password(admin_password)


def test_no_login_file_is_written_outside_development_and_the_admin_password_is_not_reset(
    settings, tmp_path, capsys
):
    settings.VAR_DIR, settings.DEBUG = tmp_path, False
    if hasattr(settings, "ACCOUNTS_WRITE_LOGIN_FILES"):
        del settings.ACCOUNTS_WRITE_LOGIN_FILES
    out = _run("ensure_admin", capsys)
    password = out.split("mật khẩu: ")[1].split()[0]
    assert User.objects.get(username="admin").check_password(password)
    demo_out = _demo_accounts(capsys)
    assert "canbo.thanhpho  mật khẩu: " in demo_out  # printed once, when set
    assert list(tmp_path.iterdir()) == []
    again = _run("ensure_admin", capsys)
    assert password not in again
    assert User.objects.get(username="admin").check_password(password)


def test_demo_ward_editor_cannot_edit_the_city_portal_or_another_wards(client, capsys):
    _run("load_demo", capsys)
    editor = UserFactory()
    membership_grant(
        actor=None, user=editor, organisation=Organisation.objects.get(slug="phuong-binh-thoi"), role=Role.EDITOR
    )
    client.force_login(editor)
    own = HomePage.objects.get(organisation__slug="phuong-binh-thoi")
    assert client.get(f"/quan-tri/pages/{own.pk}/edit/").status_code == 200
    for slug in ("tp-ho-chi-minh", "phuong-minh-phung", "quan-11"):
        portal = HomePage.objects.get(organisation__slug=slug)
        article = portal.get_descendants().live().last()
        for page in (portal, article):
            assert client.get(f"/quan-tri/pages/{page.pk}/edit/").status_code in (302, 403), (slug, page)
            assert client.get(f"/quan-tri/pages/{page.pk}/delete/").status_code in (302, 403), (slug, page)

"""The staff login at /quan-tri/login/: lockout (django-axes), the second factor (django-otp TOTP) and enrolment."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from mattran.accounts.models import Role
from mattran.accounts.services import membership_grant
from mattran.core.models import AuditEvent
from mattran.organisations.tests.factories import OrganisationFactory

from .factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-thu"
LOGIN = "/quan-tri/login/"


def staff(role=Role.OFFICER, **fields):
    user = UserFactory(**fields)
    membership_grant(actor="test", user=user, organisation=OrganisationFactory(), role=role)
    return user


def device_for(user):
    return TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def code(device, *, steps_ahead=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device):
    valid = {code(device, steps_ahead=n) for n in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)


def password_step(client, user, password=PASSWORD):
    return client.post(LOGIN, {"username": user.username, "password": password})


def is_logged_in(client):
    return "_auth_user_id" in client.session


# --- throttling and lockout -------------------------------------------------------------------------------


def test_ten_wrong_passwords_lock_the_account_even_for_the_right_password(settings):
    user, client = staff(role=Role.EDITOR), Client()
    statuses = [password_step(client, user, f"sai-{i}").status_code for i in range(settings.AXES_FAILURE_LIMIT)]
    assert statuses[:-1] == [400] * (settings.AXES_FAILURE_LIMIT - 1)
    assert statuses[-1] == 429
    response = password_step(client, user)
    assert response.status_code == 429
    assert not is_logged_in(client)


def test_lockout_page_is_in_vietnamese_in_the_admin_look(settings):
    user, client = staff(role=Role.EDITOR), Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        response = password_step(client, user, f"sai-{i}")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Tạm khóa đăng nhập" in html
    assert "Hãy thử lại sau 30 phút" in html
    assert 'class="login' in html or "login" in html.split("<body", 1)[1][:200]


def test_lockout_is_per_account_and_address(settings):
    user, other = staff(role=Role.EDITOR), staff(role=Role.EDITOR)
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        password_step(client, user, f"sai-{i}")
    assert password_step(Client(REMOTE_ADDR="203.0.113.7"), user).status_code == 302  # another address
    assert password_step(Client(), other).status_code == 302  # another account


def test_lockout_ends_after_the_cool_off(settings):
    user, client = staff(role=Role.EDITOR), Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        password_step(client, user, f"sai-{i}")
    assert password_step(client, user).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))
    assert password_step(client, user).status_code == 302
    assert is_logged_in(client)


def test_axes_reset_lifts_a_lockout(settings):
    from axes.utils import reset

    user, client = staff(role=Role.EDITOR), Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        password_step(client, user, f"sai-{i}")
    reset(username=user.username)
    assert password_step(client, user).status_code == 302


def test_a_successful_login_resets_the_failure_count(settings):
    user, client = staff(role=Role.EDITOR), Client()
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        password_step(client, user, f"sai-{i}")
    assert password_step(client, user).status_code == 302
    assert not AccessAttempt.objects.filter(username=user.username).exists()


# --- the second factor -------------------------------------------------------------------------------------


def test_officer_without_a_device_is_sent_to_enrolment_after_the_password():
    officer, client = staff(), Client()
    response = password_step(client, officer)
    assert response.status_code == 302 and response["Location"] == "/quan-tri/login/thiet-lap-xac-thuc/"
    assert not is_logged_in(client)  # the password alone is not a login
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and 'data-testid="otp-secret"' in html
    assert TOTPDevice.objects.filter(user=officer, confirmed=False).count() == 1


def test_enrolment_with_a_right_code_confirms_the_device_and_logs_in_verified():
    officer, client = staff(), Client()
    password_step(client, officer)
    client.get("/quan-tri/login/thiet-lap-xac-thuc/")
    device = TOTPDevice.objects.get(user=officer)
    response = client.post("/quan-tri/login/thiet-lap-xac-thuc/", {"token": code(device)})
    assert response.status_code == 302 and response["Location"] == "/quan-tri/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/quan-tri/").status_code == 200
    assert AuditEvent.objects.filter(action="otp_device.confirm", target_id=str(officer.pk)).exists()


def test_enrolment_with_a_wrong_code_is_refused():
    officer, client = staff(), Client()
    password_step(client, officer)
    client.get("/quan-tri/login/thiet-lap-xac-thuc/")
    device = TOTPDevice.objects.get(user=officer)
    response = client.post("/quan-tri/login/thiet-lap-xac-thuc/", {"token": wrong_code(device)})
    assert response.status_code == 400
    assert "Mã xác thực không đúng" in response.content.decode()
    assert not TOTPDevice.objects.get(user=officer).confirmed
    assert not is_logged_in(client)


def test_enrolment_is_closed_to_a_user_who_already_has_a_device():
    officer, client = staff(), Client()
    device_for(officer)
    password_step(client, officer)
    response = client.get("/quan-tri/login/thiet-lap-xac-thuc/")
    assert response["Location"] == "/quan-tri/login/ma-xac-thuc/"
    assert TOTPDevice.objects.filter(user=officer).count() == 1


def test_officer_with_a_device_gets_the_code_step_and_the_right_code_logs_in():
    officer, client = staff(), Client()
    device = device_for(officer)
    response = password_step(client, officer)
    assert response["Location"] == "/quan-tri/login/ma-xac-thuc/"
    assert client.get(response["Location"]).status_code == 200
    response = client.post("/quan-tri/login/ma-xac-thuc/", {"token": code(device)})
    assert response["Location"] == "/quan-tri/"
    assert client.get("/quan-tri/").status_code == 200


def test_the_code_step_keeps_the_next_page():
    officer, client = staff(), Client()
    device = device_for(officer)
    client.post(LOGIN, {"username": officer.username, "password": PASSWORD, "next": "/quan-tri/kien-nghi/"})
    response = client.post("/quan-tri/login/ma-xac-thuc/", {"token": code(device)})
    assert response["Location"] == "/quan-tri/kien-nghi/"


@pytest.mark.parametrize("token", ["wrong", "12345", ""])
def test_a_wrong_code_is_refused_with_a_message(token):
    officer, client = staff(), Client()
    device = device_for(officer)
    password_step(client, officer)
    response = client.post("/quan-tri/login/ma-xac-thuc/", {"token": token or wrong_code(device)})
    assert response.status_code == 400
    assert "Mã xác thực" in response.content.decode()
    assert not is_logged_in(client)
    assert client.get("/quan-tri/").status_code == 302


def test_wrong_codes_count_towards_the_lockout(settings):
    officer, client = staff(), Client()
    device = device_for(officer)
    password_step(client, officer)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/quan-tri/login/ma-xac-thuc/", {"token": wrong_code(device)})
    assert response.status_code == 429
    assert client.post("/quan-tri/login/ma-xac-thuc/", {"token": code(device)}).status_code == 429


def test_the_code_step_without_a_password_step_goes_back_to_the_login():
    assert Client().get("/quan-tri/login/ma-xac-thuc/")["Location"] == LOGIN


def test_a_pending_login_expires(settings):
    officer, client = staff(), Client()
    device = device_for(officer)
    password_step(client, officer)
    session = client.session
    session["_login_pending"]["at"] -= settings.ACCOUNTS_LOGIN_PENDING_SECONDS + 1
    session.save()
    response = client.post("/quan-tri/login/ma-xac-thuc/", {"token": code(device)})
    assert response["Location"] == LOGIN
    assert not is_logged_in(client)


@pytest.mark.parametrize("superuser", [False, True])
def test_an_unverified_session_of_a_must_use_user_cannot_open_the_admin(client, superuser):
    user = UserFactory(is_superuser=True, is_staff=True) if superuser else staff(role=Role.ADMIN)
    device_for(user)
    client.force_login(user, verified=False)
    for url in ["/quan-tri/", "/quan-tri/kien-nghi/", "/quan-tri/memberships/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/quan-tri/login/ma-xac-thuc/", url


def test_an_unverified_session_without_a_device_goes_to_enrolment(client):
    officer = staff()
    client.force_login(officer, verified=False)
    assert client.get("/quan-tri/")["Location"] == "/quan-tri/login/ma-xac-thuc/"
    assert client.get("/quan-tri/login/ma-xac-thuc/")["Location"] == "/quan-tri/login/thiet-lap-xac-thuc/"


def test_editor_logs_in_with_the_password_alone():
    editor, client = staff(role=Role.EDITOR), Client()
    response = password_step(client, editor)
    assert response["Location"] == "/quan-tri/"
    assert client.get("/quan-tri/").status_code == 200


def test_editor_who_turned_on_the_second_factor_must_give_the_code():
    editor, client = staff(role=Role.EDITOR), Client()
    device_for(editor)
    assert password_step(client, editor)["Location"] == "/quan-tri/login/ma-xac-thuc/"
    assert not is_logged_in(client)


# --- the account page ---------------------------------------------------------------------------------------


def test_account_page_links_to_the_second_factor_settings(client):
    client.force_login(staff(role=Role.EDITOR), verified=False)
    html = client.get("/quan-tri/account/").content.decode()
    assert "/quan-tri/account/xac-thuc-hai-buoc/" in html and "Xác thực hai bước" in html


def test_editor_turns_the_second_factor_on_and_off_from_the_account_page(client):
    editor = staff(role=Role.EDITOR)
    client.force_login(editor, verified=False)
    url = "/quan-tri/account/xac-thuc-hai-buoc/"
    assert "Bật xác thực hai bước" in client.get(url).content.decode()
    assert "<svg" in client.post(url, {"action": "start"}).content.decode()
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert client.post(url, {"action": "confirm", "token": code(device)}).status_code == 302
    assert TOTPDevice.objects.get(user=editor).confirmed
    assert client.get("/quan-tri/").status_code == 200  # the session was verified by the new device
    client.post(url, {"action": "remove"})
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert AuditEvent.objects.filter(action="otp_device.remove", target_id=str(editor.pk)).exists()


def test_officer_cannot_turn_the_second_factor_off(client):
    officer = staff()
    client.force_login(officer)
    response = client.post("/quan-tri/account/xac-thuc-hai-buoc/", {"action": "remove"}, follow=True)
    assert "bắt buộc dùng xác thực hai bước" in response.content.decode()
    assert TOTPDevice.objects.filter(user=officer, confirmed=True).exists()

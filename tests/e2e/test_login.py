"""The staff login in a browser: first login of an administrator sets up the authenticator from the QR page's
secret; the next login asks for the code."""

import re
from base64 import b32decode

from tests.e2e.conftest import totp_code

PASSWORD = "mat-khau-e2e-2026"


def test_admin_first_login_enrols_an_authenticator_and_the_next_login_asks_for_its_code(browser, live_server, demo_site):
    from django_otp.oath import TOTP

    from mattran.accounts.models import User

    admin = User.objects.create_superuser(username="e2e.quantri", email="q@example.vn", password=PASSWORD)
    base = live_server.url

    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN").new_page()
    page.goto(base + "/quan-tri/login/")
    page.fill("#id_username", admin.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/quan-tri/login/thiet-lap-xac-thuc/$"))
    assert page.locator("[data-testid=otp-qr] svg").is_visible()
    secret = page.locator("[data-testid=otp-secret]").inner_text().replace(" ", "")
    phone = TOTP(b32decode(secret))  # what the authenticator app computes from the secret typed in
    page.fill("#id_token", f"{phone.token():06d}")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/quan-tri/$"))
    page.context.close()

    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN").new_page()
    page.goto(base + "/quan-tri/kien-nghi/")
    page.wait_for_url(re.compile(r"/quan-tri/login/"))
    page.fill("#id_username", admin.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/quan-tri/login/ma-xac-thuc/$"))
    assert page.get_by_role("heading", name="Nhập mã xác thực").is_visible()
    page.fill("#id_token", totp_code(admin, steps_ahead=1))  # the enrolment used this 30-second step's code
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/quan-tri/kien-nghi/$"))
    page.context.close()

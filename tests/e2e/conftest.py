"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Every test here is marked ``e2e``; ``bin/test`` deselects them when /usr/bin/chromium is missing.
"""

import os

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around it are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_site(live_server):
    """The demo organisations and content, as `bin/serve` loads them (on a database that an earlier
    transactional test may have flushed: the loaders recreate what they need)."""
    from django.core.management import call_command

    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def axe_serious_violations(page):
    """Run axe-core in the page; return the serious and critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]


def totp_code(user, *, steps_ahead=0):
    """The current code of the user's authenticator (its confirmed TOTP device), as the phone app shows it.
    ``steps_ahead=1`` gives the next 30-second code, for a second login within the same step."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{totp.token():0{device.digits}d}"


def admin_login(page, base, username, password):
    """Log in through /quan-tri/login/ as a person does: the password, then (if asked) the authenticator code.
    A user who has no authenticator yet gets one first (made here, as if set up on a phone earlier)."""
    import re

    from mattran.accounts.login.selectors import totp_device_get_confirmed, user_must_use_second_factor
    from mattran.accounts.login.services import totp_device_issue
    from mattran.accounts.models import User

    user = User.objects.get(username=username)
    if user_must_use_second_factor(user=user) and totp_device_get_confirmed(user=user) is None:
        totp_device_issue(actor="e2e", user=user)
    page.goto(base + "/quan-tri/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    if "/login/ma-xac-thuc/" in page.url:
        page.fill("#id_token", totp_code(user))
        page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/quan-tri/(\?.*)?$"))

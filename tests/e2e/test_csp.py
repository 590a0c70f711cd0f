"""The Content-Security-Policy breaks nothing: no CSP violation in the browser on the public pages (home,
category, article, petition form and receipt, search, văn bản, API docs) nor in the admin's page editor, and the scripts
moved out of the templates still work."""

import re

import pytest

from tests.e2e.conftest import admin_login

VIOLATIONS_SCRIPT = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || ""));
});
"""
ADMIN_PASSWORD = "mat-khau-csp-e2e-2026"


@pytest.fixture
def watched(browser):
    """A page that records CSP reports from the console and from `securitypolicyviolation` events."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.add_init_script(VIOLATIONS_SCRIPT)
    page = context.new_page()
    page.csp_console = []
    page.on(
        "console",
        lambda msg: page.csp_console.append(msg.text)
        if msg.type == "error" and "Content Security Policy" in msg.text
        else None,
    )
    yield page
    context.close()


def _violations(page) -> list[str]:
    return page.csp_console + page.evaluate("window.__csp || []")


def test_public_pages_raise_no_csp_violation(watched, live_server, demo_site):
    base = live_server.url
    found = {}
    watched.goto(base + "/tin-tuc-su-kien/")
    article = watched.locator(".article-card__title a").first.get_attribute("href")
    paths = ["/", "/tin-tuc-su-kien/", article, "/tim-kiem/?q=giam+sat", "/van-ban/", "/kien-nghi/gui/", "/api/v1/docs"]
    for path in paths:
        watched.csp_console.clear()
        assert watched.goto(base + path).status == 200, path
        watched.wait_for_load_state("networkidle")
        if path == article:
            assert watched.locator("[data-print]").is_visible()  # js/print.js ran
            assert watched.locator('[data-counter="views"]').text_content().strip() != ""
        if v := _violations(watched):
            found[path] = v
    assert found == {}


def test_petition_form_and_receipt_work_under_the_policy(watched, live_server, demo_site):
    watched.goto(live_server.url + "/kien-nghi/gui/")
    watched.check("input[name=kind][value=phan_anh]")
    watched.select_option("#id_topic", label="Môi trường")
    watched.fill("#id_title", "Đèn đường hẻm 12 không sáng")
    watched.fill("#id_content", "Đèn đường đầu hẻm 12 tắt đã một tuần, buổi tối rất tối.")
    watched.select_option("#id_organisation", label="Phường Minh Phụng")
    watched.fill("#id_submitter_name", "Lê Văn Bình")
    watched.click("#main button[type=submit]")
    assert re.fullmatch(r"KN-\S+", watched.locator("[data-testid=tracking-code]").inner_text().strip())
    watched.wait_for_load_state("networkidle")
    assert watched.locator("[data-print]").is_visible()  # the receipt's print button, now js/print.js
    assert _violations(watched) == []


def test_admin_page_editor_raises_no_csp_violation(watched, live_server, demo_site):
    from django.contrib.auth import get_user_model

    from mattran.news.models import ArticlePage

    get_user_model().objects.create_superuser(username="csp.admin", email="csp@example.vn", password=ADMIN_PASSWORD)
    article = ArticlePage.objects.live().first()
    base = live_server.url
    admin_login(watched, base, "csp.admin", ADMIN_PASSWORD)
    found = {}
    for path in ["/quan-tri/", f"/quan-tri/pages/{article.pk}/edit/", f"/quan-tri/pages/{article.get_parent().pk}/"]:
        watched.csp_console.clear()
        assert watched.goto(base + path).status == 200, path
        watched.wait_for_load_state("networkidle")
        if v := _violations(watched):
            found[path] = v
    assert found == {}

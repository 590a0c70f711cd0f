"""Browser tests of the public portal: accessibility of the home, category and article pages, and the view
counter rising when an article is opened (the count comes from the beacon, not from the page HTML)."""

import re

import pytest

from tests.e2e.conftest import axe_serious_violations

# A desktop browser's User-Agent: headless Chromium announces itself as "HeadlessChrome", which the counters
# treat as a robot and do not count.
BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture
def reader(browser):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="vi-VN", user_agent=BROWSER_UA)
    page = context.new_page()
    yield page
    context.close()


def _an_article_url(page, live_server):
    page.goto(live_server.url + "/tin-tuc-su-kien/")
    return page.locator(".article-card__title a").first.get_attribute("href")


def test_portal_pages_have_no_serious_accessibility_violations(page, live_server, demo_site):
    # One test for all pages: the demo is loaded once (each browser test starts from a flushed database).
    found = {}
    for path in ["/", "/tin-tuc-su-kien/", _an_article_url(page, live_server), "/quan-11/", "/co-cau-to-chuc/", "/en/"]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        violations = axe_serious_violations(page)
        if violations:
            found[path] = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert found == {}


def test_opening_an_article_raises_its_view_count(reader, live_server, demo_site, settings):
    settings.NEWS_COUNTER_VIEW_WINDOW_SECONDS = 0  # every opening counts (the test's reader has one address)
    url = live_server.url + _an_article_url(reader, live_server)
    reader.goto(url)
    views = reader.locator('[data-counter="views"]')
    reader.wait_for_function("document.querySelector('[data-counter=\"views\"]').textContent !== ''")
    reader.wait_for_load_state("networkidle")
    first = int(views.text_content())
    assert first >= 1
    reader.goto(url)  # the page HTML may now come from the cache; the beacon still counts
    reader.wait_for_function(
        f"Number(document.querySelector('[data-counter=\"views\"]').textContent) > {first}", timeout=10_000
    )
    assert int(views.text_content()) == first + 1


def test_visit_counter_counts_one_visit_per_session_and_pages_fit_a_phone(reader, live_server, demo_site):
    reader.goto(live_server.url + "/")
    reader.wait_for_load_state("networkidle")
    digits = reader.locator(".visit-counter__digit").all_text_contents()
    assert len(digits) >= 8 and all(re.fullmatch(r"\d", d) for d in digits)
    before = int("".join(digits))
    reader.goto(live_server.url + _an_article_url(reader, live_server))
    reader.wait_for_load_state("networkidle")
    assert int("".join(reader.locator(".visit-counter__digit").all_text_contents())) == before
    # and the article reads on a 360-px phone without sideways scrolling, with its print button
    assert reader.evaluate("document.documentElement.scrollWidth") <= 360
    assert reader.locator("button[data-print]").is_visible()

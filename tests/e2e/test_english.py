"""The English portal in a browser (issue 9 item 6): on /en/ the home page, a category, an article and the
petition form show the committees', categories' and topics' English names and English dates."""

import re

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
ENGLISH_DATE_TIME = re.compile(rf"^(\w+day, )?\d{{1,2}} ({MONTHS}) \d{{4}}, \d{{1,2}}:\d{{2}} [AP]M$")


def test_english_pages_show_english_names_categories_dates_and_topics(page, live_server, demo_site):
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})  # the menu is open on a wide screen

    page.goto(base + "/en/")
    assert page.locator(".site-brand__name").text_content().strip() == (
        "Portal of the Vietnam Fatherland Front Committee of Ho Chi Minh City"
    )
    menu = page.locator(".site-nav").text_content()
    assert "News and events" in menu and "Announcements" in menu and "Tin tức sự kiện" not in menu
    assert (
        page.locator("#footer-contacts").text_content().strip()
        == "Vietnam Fatherland Front Committee of Ho Chi Minh City"
    )

    page.goto(base + "/en/tin-tuc-su-kien/")
    assert page.locator("h1").text_content().strip() == "News and events"
    assert page.title().startswith("News and events — Portal of the Vietnam Fatherland Front Committee")
    dates = page.locator(".article-card__date time").all_inner_texts()
    assert dates and all(ENGLISH_DATE_TIME.match(text) for text in dates), dates

    page.locator(".article-card__title a").first.click()
    assert page.locator(".article-meta__category").text_content().strip() == "News and events"
    published = page.locator(".article-meta__date").text_content().strip()
    assert ENGLISH_DATE_TIME.match(published) and "Tháng" not in published, published
    assert page.locator(".article-language-note").is_visible()

    page.goto(base + "/en/kien-nghi/gui/")
    topics = page.locator("select#id_topic option").all_inner_texts()
    assert {"Land and housing", "Environment", "Other"} <= set(topics), topics
    assert "Đất đai, nhà ở" not in topics
    wards = page.locator("select#id_organisation option").all_inner_texts()
    assert "Vietnam Fatherland Front Committee of Minh Phụng Ward" in wards, wards

"""Issue 9, items 2, 4 and 5 in a browser: the officers' queue and petition page pass axe (WCAG 2.0–2.2 A/AA,
target size included) on a desktop and at 360 px, where the queue shows cards; an officer chases the body and
assigns a colleague; the public header collapses into one "Danh mục" button on phones; a failed submit puts the
focus on the error summary; a ward portal's "Gửi ý kiến" opens that ward's form."""

import pytest
from playwright.sync_api import expect

from tests.e2e import test_petitions as _loop
from tests.e2e.test_petitions import _login

staff = _loop.staff  # the same officers of Minh Phụng and Bình Thới (a pytest fixture)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _axe_serious(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def _forwarded(staff, title="Ổ gà lớn gần chợ Bình Tây"):
    from mattran.organisations.models import Topic
    from mattran.petitions import services

    petition = services.petition_submit(
        channel="phone", kind="kien_nghi", topic=Topic.objects.get(name="Môi trường"), title=title,
        content="Nội dung kiểm thử.", organisation=staff["body"].area, actor=staff["officer"],
    )
    services.petition_accept(petition=petition, actor=staff["officer"])
    return services.petition_forward(petition=petition, body=staff["body"], actor=staff["officer"])


@pytest.mark.parametrize("width", [1366, 360])
def test_officers_queue_and_petition_page_pass_axe(browser, live_server, staff, width):
    petition = _forwarded(staff)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    _login(page, live_server.url, "e2e.minhphung")
    page.goto(live_server.url + "/quan-tri/kien-nghi/")
    assert _axe_serious(page) == []
    page.goto(live_server.url + "/quan-tri/kien-nghi/?status=forwarded&sort=due")  # an active facet
    assert _axe_serious(page) == []
    page.goto(live_server.url + f"/quan-tri/kien-nghi/{petition.pk}/")
    assert _axe_serious(page) == []
    context.close()


def test_the_queue_is_cards_on_a_phone_and_a_table_on_a_desktop(browser, live_server, staff):
    _forwarded(staff)
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN")
    page = context.new_page()
    _login(page, live_server.url, "e2e.minhphung")
    page.goto(live_server.url + "/quan-tri/kien-nghi/")
    row = page.locator(".pq-table tbody tr").first
    assert row.evaluate("el => getComputedStyle(el).display") == "block"
    box = row.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    # The results come before the ~1,000 px of filters.
    assert page.locator("#pq-results").bounding_box()["y"] < page.locator(".pq-facets").bounding_box()["y"]
    page.set_viewport_size({"width": 1366, "height": 900})
    assert row.evaluate("el => getComputedStyle(el).display") == "table-row"
    context.close()


def test_officer_chases_the_body_and_assigns_themself(browser, live_server, staff):
    from django.core import mail

    from mattran.petitions.models import EventKind, Petition

    petition = _forwarded(staff)
    page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN").new_page()
    _login(page, live_server.url, "e2e.minhphung")
    page.goto(live_server.url + f"/quan-tri/kien-nghi/{petition.pk}/")
    mail.outbox.clear()
    page.fill("#id_chase-message", "Đề nghị phường trả lời trước thứ Sáu.")
    page.click("button[data-action=chase]")
    page.wait_for_selector("text=Đã gửi thư đôn đốc")
    page.select_option("#id_assign-assignee", str(staff["officer"].pk))
    page.click("button[data-action=assign]")
    page.wait_for_selector("text=Đã cập nhật cán bộ xử lý")
    petition.refresh_from_db()
    assert petition.status == "forwarded" and petition.assigned_to == staff["officer"]
    assert petition.events.filter(kind=EventKind.CHASED, is_public=False).count() == 1
    page.goto(live_server.url + "/quan-tri/kien-nghi/?mine=1")
    assert petition.reference in page.locator(".pq-table").inner_text()
    assert Petition.objects.filter(assigned_to=staff["officer"]).count() == 1
    page.context.close()


def test_phone_header_is_one_menu_button_and_desktop_shows_the_menu(browser, live_server, demo_site):
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/kien-nghi/gui/")
    menu_link = page.locator(".site-nav a", has_text="Tra cứu kiến nghị")
    assert not menu_link.is_visible()
    assert page.locator(".site-header").bounding_box()["height"] < 220  # was 358 px
    assert page.locator(".petition-nav").count() == 0  # no second menu
    page.click(".site-menu__button")
    assert menu_link.is_visible()
    box = menu_link.bounding_box()
    assert box["height"] >= 44
    # Keyboard focus on the red header is white, not the blue ring that vanished on red.
    page.goto(live_server.url + "/kien-nghi/gui/")
    page.focus(".site-brand")
    assert page.locator(".site-brand").evaluate("el => getComputedStyle(el).outlineColor") == "rgb(255, 255, 255)"
    page.set_viewport_size({"width": 1366, "height": 900})
    assert menu_link.is_visible() and not page.locator(".site-menu__button").is_visible()
    context.close()


def test_a_failed_submit_moves_the_focus_to_the_error_summary(page, live_server, demo_site):
    page.goto(live_server.url + "/kien-nghi/gui/")
    page.click("form.petition-form button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    # error-summary.js moves the focus after load: wait for it rather than read it once.
    expect(page.locator("[data-error-summary]")).to_be_focused()
    summary = page.locator("[data-error-summary]").inner_text()
    assert "Lĩnh vực" in summary and "Tiêu đề" in summary
    page.click("[data-error-summary] a[href='#id_title']")
    assert page.evaluate("location.hash") == "#id_title"
    assert _axe_serious(page) == []


def test_a_ward_portal_opens_the_form_for_its_ward(page, live_server, demo_site):
    from mattran.organisations.models import Organisation

    ward = Organisation.objects.get(slug="phuong-minh-phung")
    page.goto(live_server.url + "/phuong-minh-phung/")
    page.click(".site-menu__button")
    page.click(".site-nav a:has-text('Gửi ý kiến, kiến nghị')")
    page.wait_for_url("**/kien-nghi/gui/?don-vi=phuong-minh-phung")
    assert page.locator("#id_organisation").input_value() == str(ward.pk)
    portal_title = page.locator(".site-brand__name").inner_text()
    assert "Minh Phụng" in portal_title
    # Wards, grouped by province; no residential committee among the places.
    groups = page.locator("#id_organisation optgroup")
    assert groups.count() >= 1
    assert "Ban công tác Mặt trận" not in page.locator("#id_organisation").inner_text()
    assert _axe_serious(page) == []

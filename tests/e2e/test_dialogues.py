"""Dialogues in a browser (issue 11): at the demo's upcoming conference an officer records nine opinions in one
sitting, keyboard only and without a page reload, three answered on the spot; then forwards the other six. The
meeting page shows 9 / 3 / 6, the six are in the officers' petition queue, and the public meeting page shows the
counts and the answers without anyone's name or neighbourhood. Public pages pass axe."""

import re

import pytest

from tests.e2e.conftest import admin_login, axe_serious_violations
from tests.e2e.test_petitions import PASSWORD, _groups_open_the_admin

SPEAKERS = [f"Người dân E2E Số {n}" for n in range(1, 10)]
OPINIONS = [
    "Đề nghị lắp đèn chiếu sáng hẻm 12.",
    "Đề nghị nạo vét cống thoát nước đường Minh Phụng.",
    "Đề nghị xử lý tình trạng lấn chiếm vỉa hè trước chợ.",
    "Đề nghị tăng cường tuần tra ban đêm ở khu phố 4.",
    "Đề nghị sửa mặt đường hẻm 45 bị lún.",
    "Đề nghị bố trí thêm thùng rác công cộng.",
    "Đề nghị rút ngắn thời gian giải quyết hồ sơ nhà đất.",
    "Đề nghị mở lớp học bơi miễn phí cho trẻ em trong hè.",
    "Đề nghị trồng thêm cây xanh trên tuyến hẻm chính.",
]
ON_THE_SPOT = {0: "Phường sẽ lắp đèn trong tháng này.", 3: "Công an phường đã bố trí tổ tuần tra từ tuần sau.",
               6: "Bộ phận một cửa sẽ trả kết quả trong 10 ngày làm việc."}


@pytest.fixture
def dialogue_world(demo_site):
    from mattran.accounts.models import Role
    from mattran.accounts.services import membership_grant, user_create
    from mattran.dialogues.demo import CONFERENCE
    from mattran.dialogues.models import Meeting
    from mattran.organisations.models import Organisation

    ward = Organisation.objects.get(slug="phuong-minh-phung")
    officer = user_create(actor="e2e", username="e2e.doithoai", password=PASSWORD, email="e2e.dt@example.vn")
    membership_grant(actor="e2e", user=officer, organisation=ward, role=Role.OFFICER)
    _groups_open_the_admin()
    return {"meeting": Meeting.objects.get(title=CONFERENCE), "officer": officer}


def _counts(page) -> dict:
    return {name: int(page.locator(f"[data-count={name}]").first.inner_text())
            for name in ("total", "on_the_spot", "forwarded")}


def test_nine_opinions_in_one_sitting_three_answered_six_forwarded(browser, live_server, dialogue_world):
    from mattran.petitions.models import PetitionStatus

    base, meeting = live_server.url, dialogue_world["meeting"]
    officer = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN").new_page()
    admin_login(officer, base, "e2e.doithoai", PASSWORD)
    officer.goto(base + f"/quan-tri/doi-thoai/{meeting.pk}/")
    officer.click("[data-testid=record-link]")
    officer.wait_for_url(re.compile(rf"/quan-tri/doi-thoai/{meeting.pk}/ghi-y-kien/$"))
    officer.evaluate("window.__sameDocument = 'still here'")
    officer.wait_for_function("document.activeElement && document.activeElement.id === 'id_speaker_name'")

    # 1. Nine opinions, keyboard only: name, Tab, neighbourhood, Tab, content, Tab, answer if any, Ctrl+Enter.
    for index, content in enumerate(OPINIONS):
        keyboard = officer.keyboard
        keyboard.type(SPEAKERS[index])
        keyboard.press("Tab")
        keyboard.type(f"Khu phố E2E {index + 1}")
        keyboard.press("Tab")
        keyboard.type(content)
        if index in ON_THE_SPOT:
            keyboard.press("Tab")
            keyboard.type(ON_THE_SPOT[index])
        keyboard.press("Control+Enter")
        officer.wait_for_selector(f"[data-testid=recorded] td:text-is('{content}')")
        officer.wait_for_function("document.activeElement && document.activeElement.id === 'id_speaker_name'")
    officer.wait_for_function("document.querySelector('[data-count=total]').textContent.trim() === '9'")
    assert officer.evaluate("window.__sameDocument") == "still here"  # never reloaded
    assert _counts(officer) == {"total": 9, "on_the_spot": 3, "forwarded": 0}
    room = meeting.opinions.filter(source="room")
    assert room.count() == 9
    assert room.filter(petition__status=PetitionStatus.INFORMED).count() == 3

    # 2. The six others are forwarded from the meeting page.
    officer.goto(base + f"/quan-tri/doi-thoai/{meeting.pk}/")
    officer.click("button[data-action=forward]")
    officer.wait_for_selector("text=Đã chuyển 6 ý kiến.")
    assert _counts(officer) == {"total": 9, "on_the_spot": 3, "forwarded": 6}
    forwarded = list(room.filter(petition__status=PetitionStatus.FORWARDED).values_list("petition__reference",
                                                                                         flat=True))
    assert len(forwarded) == 6

    # 3. The six are in the officers' petition queue.
    officer.goto(base + "/quan-tri/kien-nghi/?trang-thai=forwarded")
    queue = officer.content()
    if not all(reference in queue for reference in forwarded):
        officer.goto(base + "/quan-tri/kien-nghi/")
        queue = officer.content()
    for reference in forwarded:
        assert reference in queue
    officer.context.close()

    # 4. The public meeting page: the counts and the answers, no names, no neighbourhoods.
    public = browser.new_context(viewport={"width": 360, "height": 780}, locale="vi-VN").new_page()
    public.goto(base + "/doi-thoai/")
    assert axe_serious_violations(public) == []
    public.click(f"[data-testid=meeting-{meeting.slug}] a")
    public.wait_for_url(re.compile(rf"/doi-thoai/{meeting.slug}/$"))
    assert _counts(public) == {"total": 9, "on_the_spot": 3, "forwarded": 6}
    text = public.content()
    for answer in ON_THE_SPOT.values():
        assert answer in text
    for speaker in SPEAKERS:
        assert speaker not in text
    assert "Khu phố E2E" not in text
    assert axe_serious_violations(public) == []
    public.context.close()


def test_a_question_sent_in_advance_reaches_the_hosts_list_and_an_article_is_linked_with_the_chooser(
        browser, live_server, dialogue_world):
    """A citizen sends a question from the public page of the upcoming conference; the officer finds the meeting
    through the admin menu, answers it on the hosts' list, links a news article with Wagtail's page chooser; the
    public meeting page lists the article and the answer, the article links back to the meeting."""
    from mattran.news.models import ArticlePage

    base, meeting = live_server.url, dialogue_world["meeting"]
    article = ArticlePage.objects.live().order_by("-first_published_at").first()
    question = "Bao giờ phường sửa xong cống thoát nước hẻm 18 (E2E)?"
    answer = "Cống hẻm 18 sẽ sửa xong trước Tết (E2E)."

    citizen = browser.new_context(viewport={"width": 360, "height": 780}, locale="vi-VN").new_page()
    citizen.goto(base + f"/doi-thoai/{meeting.slug}/")
    citizen.fill("#id_content", question)
    citizen.fill("#id_name", "Người hỏi E2E")
    citizen.fill("#id_phone", "0903123456")
    citizen.click("form.dl-question button[type=submit]")
    citizen.wait_for_selector("text=Câu hỏi đã được gửi đến người chủ trì hội nghị")
    assert axe_serious_violations(citizen) == []

    officer = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN").new_page()
    admin_login(officer, base, "e2e.doithoai", PASSWORD)
    officer.click("nav >> text=Đối thoại, tiếp xúc cử tri")
    officer.click("text=Hội nghị, tiếp xúc cử tri")
    officer.wait_for_url(re.compile(r"/quan-tri/doi-thoai/$"))
    officer.click(f"a[href='/quan-tri/doi-thoai/{meeting.pk}/']")
    officer.click("text=Danh sách cho người chủ trì")
    card = officer.locator("section.dl-question", has_text=question)
    assert "0903123456" not in card.inner_text()
    card.locator("textarea").first.fill(answer)
    card.locator("button[data-action=answer-question]").click()
    officer.wait_for_selector(f"text={answer}")

    officer.goto(base + f"/quan-tri/doi-thoai/{meeting.pk}/")
    section = officer.locator("section[aria-labelledby=act-article]")
    section.locator("button[data-chooser-action-choose]").click()
    modal = officer.locator(".modal")
    modal.locator("input[name=q]").fill(article.title[:20])
    modal.locator("input[name=q]").press("Enter")
    modal.locator(f"a.choose-page[data-id='{article.pk}']").click()
    section.locator("button[data-action=article]").click()
    officer.wait_for_selector(f"[data-testid=articles] >> text={article.title}")
    officer.context.close()

    citizen.goto(base + f"/doi-thoai/{meeting.slug}/")
    assert citizen.locator("[data-testid=articles] a", has_text=article.title).count() == 1
    assert answer in citizen.content() and "Người hỏi E2E" not in citizen.content()
    citizen.locator("[data-testid=articles] a", has_text=article.title).click()
    citizen.wait_for_selector(f"a[href$='/doi-thoai/{meeting.slug}/']")
    citizen.context.close()

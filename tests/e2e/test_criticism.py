"""Social criticism in a browser (issue 10): a citizen on a phone comments on paragraph 2 of a draft open for
public comment; the ward officer accepts the comment, closes the period and consolidates the criticism, whose
DOCX lists the comment under its paragraph; the officer records the drafting body's reply, which then shows on
the draft's public page /phan-bien/<slug>/ next to the paragraph. Public pages pass axe."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import admin_login, axe_serious_violations
from tests.e2e.test_petitions import PASSWORD, _groups_open_the_admin

TEXT = (
    "Điều 1. Quy định này áp dụng trên các hẻm của phường.\n\n"
    "Điều 2. Rác được để tại điểm tập kết từ 17 giờ đến 19 giờ.\n\n"
    "Điều 3. Tổ dân phố kiểm tra mỗi tháng một lần."
)
COMMENT = "Nhiều người đi làm về muộn; đề nghị cho để rác đến 21 giờ."
REPLY = "Tiếp thu: kéo dài giờ tập kết rác đến 21 giờ."


@pytest.fixture
def criticism_world(demo_site):
    from mattran.accounts.models import Role
    from mattran.accounts.services import membership_grant, user_create
    from mattran.criticism import services
    from mattran.organisations.models import Body, Organisation

    ward = Organisation.objects.get(slug="phuong-minh-phung")
    body = Body.objects.get(slug="ubnd-phuong-minh-phung")
    officer = user_create(actor="e2e", username="e2e.phanbien", password=PASSWORD, email="e2e.pb@example.vn")
    membership_grant(actor="e2e", user=officer, organisation=ward, role=Role.OFFICER)
    _groups_open_the_admin()
    today = timezone.localdate()
    draft = services.draft_create(organisation=ward, drafting_body=body, title="Dự thảo quy định E2E về rác thải",
                                  text=TEXT, actor=officer)
    draft = services.draft_comment_period_open(
        draft=draft, opens_on=today - datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=20),
        public_comments_open=True, actor=officer,
    )
    return {"draft": draft, "officer": officer}


def test_public_comment_to_consolidated_docx_to_reply_on_the_public_page(browser, live_server, criticism_world):
    from docx import Document

    from mattran.criticism.models import Comment

    base, draft = live_server.url, criticism_world["draft"]

    # 1. A citizen, on a phone, finds the draft and comments on paragraph 2.
    public = browser.new_context(viewport={"width": 360, "height": 780}, locale="vi-VN").new_page()
    public.goto(base + "/phan-bien/")
    assert axe_serious_violations(public) == []
    public.click(f"text={draft.title}")
    public.wait_for_url(re.compile(rf"/phan-bien/{draft.slug}/$"))
    assert public.locator("[data-testid=count-2]").inner_text().startswith("0")
    public.click("text=Góp ý đoạn 2")
    assert public.locator("#id_paragraph").input_value() == "2"
    # An empty comment: the error summary takes the focus and links to the field.
    public.click("form.cr-form button[type=submit]")
    public.wait_for_selector("[data-error-summary]")
    # error-summary.js moves the focus after load: wait for it rather than read it once.
    expect(public.locator("[data-error-summary]")).to_be_focused()
    assert public.locator("[data-error-summary] a[href='#id_text']").count() == 1
    assert axe_serious_violations(public) == []
    public.fill("#id_text", COMMENT)
    public.fill("#id_author_name", "Trần Thị Mai")
    public.fill("#id_author_contact", "0912345678")
    assert axe_serious_violations(public) == []
    public.click("form.cr-form button[type=submit]")
    public.wait_for_selector("text=Cảm ơn ông/bà đã góp ý")
    assert COMMENT not in public.locator("[data-testid=paragraph-2]").inner_text()  # not before moderation
    comment = Comment.objects.get(draft=draft)
    assert comment.paragraph.number == 2

    # 2. The officer accepts it, closes the period and consolidates; the DOCX lists it under paragraph 2.
    officer = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True).new_page()
    admin_login(officer, base, "e2e.phanbien", PASSWORD)
    officer.goto(base + f"/quan-tri/phan-bien/{draft.pk}/")
    officer.click(f"button[data-action=accept-{comment.pk}]")
    officer.wait_for_selector("text=Đã lưu.")
    officer.click("button[data-action=close_period]")
    officer.wait_for_selector("[data-testid=draft-status]:has-text('Đang tổng hợp ý kiến')")
    officer.fill("#id_consolidate-signer_name", "Nguyễn Thị Lan")
    officer.click("button[data-action=consolidate]")
    officer.wait_for_selector("[data-testid=draft-status]:has-text('Đã gửi văn bản phản biện')")
    with officer.expect_download() as download_info:
        officer.click("[data-testid=consolidated-link]")
    with open(download_info.value.path(), "rb") as handle:
        lines = [p.text for p in Document(io.BytesIO(handle.read())).paragraphs]
    heading = lines.index("Đoạn 2")
    assert any(COMMENT in line for line in lines[heading + 1:])
    assert not any("Trần Thị Mai" in line or "0912345678" in line for line in lines)

    # 3. The officer records the drafting body's reply to that point.
    officer.select_option(f"#id_reply-{comment.pk}-kind", "adopted")
    officer.fill(f"#id_reply-{comment.pk}-text", REPLY)
    officer.click(f"button[data-action=reply-{comment.pk}]")
    officer.wait_for_selector(f"[data-testid=reply-{comment.pk}]")
    officer.context.close()

    # 4. The public page shows the comment under paragraph 2 with the reply and the outcome counts.
    public.goto(base + f"/phan-bien/{draft.slug}/")
    paragraph = public.locator("[data-testid=paragraph-2]")
    assert COMMENT in paragraph.inner_text() and "Tiếp thu" in paragraph.inner_text()
    assert REPLY in public.locator(f"[data-testid=reply-{comment.pk}]").inner_text()
    assert public.locator("[data-testid=count-2]").inner_text().startswith("1")
    assert public.locator("[data-testid=outcome-adopted]").inner_text() == "1"
    assert "Trần Thị Mai" not in public.content() and "0912345678" not in public.content()
    assert axe_serious_violations(public) == []

    # 5. The demo's criticised draft compares its two versions with <ins>/<del>; that page passes axe too.
    from mattran.criticism.models import Draft

    demo = Draft.objects.filter(status="closed").first()
    public.goto(base + f"/phan-bien/{demo.slug}/")
    public.click("[data-testid=diff-link]")
    public.wait_for_url(re.compile(r"/so-sanh/"))
    assert public.locator("[data-testid=diff] ins").count() > 0
    assert axe_serious_violations(public) == []
    public.context.close()

"""Supervision in a browser (issue 10): on demo data where one body lets petitions go overdue, the topic picker
ranks it first; the officer plans a supervision of it from the candidate, issues two recommendations (one a part
of the other); the body's liaison acknowledges, responds and reports a milestone through the signed link in the
e-mail; the parent's progress rolls up; the overdue one is escalated by the daily task with its DOCX letter; the
published result shows on /giam-sat/."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.e2e.conftest import admin_login, axe_serious_violations
from tests.e2e.test_petitions import PASSWORD, _groups_open_the_admin

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def supervision_world(demo_site):
    """Demo data for this test: eight petitions to the ward police about public order, forwarded and now past
    their due date, so that (body, topic) outranks everything the demo already holds."""
    from mattran.accounts.models import Role
    from mattran.accounts.services import membership_grant, user_create
    from mattran.organisations.models import Body, Organisation, Topic
    from mattran.petitions import services as petitions
    from mattran.petitions.models import Petition

    ward = Organisation.objects.get(slug="phuong-minh-phung")
    police = Body.objects.get(slug="cong-an-phuong-minh-phung")
    topic = Topic.objects.get(name="Trật tự đô thị, an ninh")
    officer = user_create(actor="e2e", username="e2e.giamsat", password=PASSWORD, email="e2e.gs@example.vn")
    membership_grant(actor="e2e", user=officer, organisation=ward, role=Role.OFFICER)
    _groups_open_the_admin()
    for n in range(8):
        petition = petitions.petition_submit(
            channel="in_person", kind="phan_anh", topic=topic, organisation=ward, actor=officer,
            title=f"Lấn chiếm vỉa hè hẻm {100 + n}", content="Quán ăn lấn chiếm vỉa hè, người đi bộ phải xuống lòng đường.",
            idempotency_key=f"e2e-gs:{n}",
        )
        petitions.petition_accept(petition=petition, actor=officer)
        petitions.petition_forward(petition=petition, body=police, actor=officer)
    # Backdate the due dates (as the petitions demo does): still unanswered, now overdue.
    Petition.objects.filter(idempotency_key__startswith="e2e-gs:").update(
        due_date=timezone.localdate() - datetime.timedelta(days=5)
    )
    police.email = "congan.minhphung@example.vn"
    police.save(update_fields=["email"])
    return {"ward": ward, "police": police, "topic": topic, "officer": officer}


def _admin(browser, base, username):
    page = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True).new_page()
    admin_login(page, base, username, PASSWORD)
    return page


def test_supervision_from_topic_picker_to_public_page(browser, live_server, supervision_world):
    from docx import Document

    from mattran.supervision.models import Programme, Recommendation, SupervisionActivity

    base, world = live_server.url, supervision_world
    today = timezone.localdate()
    officer = _admin(browser, base, "e2e.giamsat")

    # 1. A programme for next year.
    officer.goto(base + "/quan-tri/giam-sat/chuong-trinh/")
    officer.select_option("#id_programme-organisation", str(world["ward"].pk))
    officer.fill("#id_programme-year", str(today.year + 1))
    officer.fill("#id_programme-title", "Chương trình giám sát E2E")
    officer.click("form:has(#id_programme-year) button[type=submit]")
    officer.wait_for_url(re.compile(r"/chuong-trinh/\d+/$"))
    programme = Programme.objects.get(title="Chương trình giám sát E2E")

    # 2. The topic picker ranks the body with the most overdue petitions first; plan a supervision from it.
    officer.goto(base + f"/quan-tri/giam-sat/chon-noi-dung/?to-chuc={world['ward'].pk}")
    first = officer.locator("[data-testid=candidates] tbody tr").first
    assert first.locator("[data-testid=candidate-body]").inner_text().strip() == world["police"].name
    assert "8" in first.inner_text()
    first.locator("a.button", has_text="Lập cuộc giám sát").click()
    officer.wait_for_url(re.compile(r"/cuoc-giam-sat/moi/"))
    assert world["police"].name in officer.locator("#id_title").input_value()
    officer.select_option("#id_programme", str(programme.pk))
    officer.click("form button[type=submit]:has-text('Lập cuộc giám sát')")
    officer.wait_for_url(re.compile(r"/cuoc-giam-sat/\d+/$"))
    activity = SupervisionActivity.objects.get(programme=programme)
    assert activity.topic == world["topic"] and list(activity.subjects.all()) == [world["police"]]
    activity_url = officer.url

    # 3. Two recommendations, the second a part of the first.
    def draft(text, parent=None):
        officer.goto(activity_url)
        officer.select_option("#id_recommendation-addressee", str(world["police"].pk))
        officer.fill("#id_recommendation-text", text)
        if parent:
            officer.select_option("#id_recommendation-parent", str(parent.pk))
        officer.click("form:has(#id_recommendation-text) button[type=submit]")
        officer.wait_for_url(re.compile(r"/kien-nghi/\d+/$"))
        return Recommendation.objects.get(text=text)

    parent = draft("Lập lại trật tự vỉa hè trên các tuyến hẻm của phường.")
    child = draft("Xử lý dứt điểm việc lấn chiếm vỉa hè tại các hẻm 100–107.", parent=parent)

    def issue(recommendation, issued_on):
        officer.goto(base + f"/quan-tri/giam-sat/kien-nghi/{recommendation.pk}/")
        officer.fill("#id_issue-issued_on", issued_on.isoformat())
        officer.click("button[data-action=issue]")
        officer.wait_for_selector("[data-testid=recommendation-status]:has-text('Đã gửi kiến nghị')")

    mail.outbox.clear()
    issue(parent, today - datetime.timedelta(days=40))  # long ago: its written answer is overdue
    issue(child, today)

    # 4. The liaison opens the signed link from the e-mail, acknowledges, responds and reports a milestone.
    message = next(m for m in mail.outbox if child.reference in m.subject)
    assert world["police"].email in message.to
    link = re.search(r"https?://\S+/giam-sat/co-quan/\S+/", message.body).group(0)
    liaison = browser.new_context(viewport={"width": 360, "height": 780}).new_page()
    liaison.goto(base + "/giam-sat/" + link.split("/giam-sat/", 1)[1])
    assert child.text in liaison.content()
    assert axe_serious_violations(liaison) == []
    liaison.click("button[data-action=acknowledge]")
    liaison.wait_for_selector("[data-testid=recommendation-status]:has-text('Cơ quan đã nhận')")
    liaison.select_option("#id_respond-response_kind", "accepted")
    liaison.fill("#id_respond-text", "Công an phường tiếp thu; đã lập kế hoạch ra quân từ tuần sau.")
    liaison.click("button[data-action=respond]")
    liaison.wait_for_selector("[data-testid=recommendation-status]:has-text('Cơ quan đã trả lời bằng văn bản')")
    liaison.fill("#id_milestone-reached_on", today.isoformat())
    liaison.fill("#id_milestone-description", "Đã xử lý 4 trên 8 điểm lấn chiếm.")
    liaison.fill("#id_milestone-progress", "50")
    liaison.set_input_files("#id_milestone-evidence", {"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": PDF})
    liaison.click("button[data-action=milestone]")
    liaison.wait_for_selector("[data-testid=recommendation-status]:has-text('Đang thực hiện')")
    assert "50%" in liaison.locator("[data-testid=progress]").inner_text()
    liaison.context.close()
    child.refresh_from_db()
    assert child.status == "in_implementation" and child.milestones.get().evidence

    # 5. The parent's progress rolls up from its part.
    officer.goto(base + f"/quan-tri/giam-sat/kien-nghi/{parent.pk}/")
    assert "50%" in officer.locator("[data-testid=progress]").inner_text()

    # 6. The daily task escalates the overdue parent; its letter to the committee above downloads as DOCX.
    call_command("supervision_daily", verbosity=0)
    officer.reload()
    assert officer.locator("[data-testid=recommendation-status]").inner_text().strip() == "Đã báo cáo ủy ban cấp trên"
    with officer.expect_download() as download_info:
        officer.click("[data-testid=letter]")
    letter = Document(io.BytesIO(open(download_info.value.path(), "rb").read()))
    assert parent.reference in "\n".join(p.text for p in letter.paragraphs)

    # 7. Start, finish and publish the supervision; /giam-sat/ shows it with each recommendation's status.
    officer.goto(activity_url)
    officer.fill("#id_start-on", today.isoformat())
    officer.click("button[data-action=start]")
    officer.wait_for_selector("button[data-action=finish]")
    officer.fill("#id_finish-findings_summary", "Còn 8 điểm lấn chiếm vỉa hè kéo dài; việc xử lý chưa dứt điểm.")
    officer.click("button[data-action=finish]")
    officer.wait_for_selector("button[data-action=publish]")
    officer.click("button[data-action=publish]")
    officer.wait_for_selector("text=Đã lưu.")
    officer.context.close()

    public = browser.new_context(viewport={"width": 360, "height": 780}).new_page()
    public.goto(base + "/giam-sat/")
    public.click(f"text={activity.title}")
    assert public.locator(f"[data-testid=status-{parent.reference}]").inner_text() == "Đã báo cáo ủy ban cấp trên"
    assert public.locator(f"[data-testid=status-{child.reference}]").inner_text() == "Đang thực hiện"
    assert "Đã xử lý 4 trên 8 điểm lấn chiếm" in public.content()
    assert axe_serious_violations(public) == []
    public.context.close()

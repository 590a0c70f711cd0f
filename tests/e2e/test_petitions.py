"""The whole petition loop in a browser: a citizen submits and gets a code; an officer accepts and forwards;
the body's liaison answers through the signed link in the forwarding email; the Front reviews the answer (sends
it back once, the body answers again, accepts it with an edited public text) and records informing the citizen
by phone; the citizen sees "the Front is reviewing", then the answer, and rates it. Also: ward B's officer cannot
open it."""

import datetime
import re

import pytest
from django.core import mail

from tests.e2e.conftest import admin_login, axe_serious_violations

PASSWORD = "mat-khau-e2e-2026"


@pytest.fixture
def staff(demo_site):
    from mattran.accounts.models import Role
    from mattran.accounts.services import membership_grant, user_create
    from mattran.organisations.models import Body, Organisation

    minh_phung = Organisation.objects.get(slug="phuong-minh-phung")
    binh_thoi = Organisation.objects.get(slug="phuong-binh-thoi")
    officer = user_create(actor="e2e", username="e2e.minhphung", password=PASSWORD, email="e2e.mp@example.vn")
    membership_grant(actor="e2e", user=officer, organisation=minh_phung, role=Role.OFFICER)
    other = user_create(actor="e2e", username="e2e.binhthoi", password=PASSWORD, email="e2e.bt@example.vn")
    membership_grant(actor="e2e", user=other, organisation=binh_thoi, role=Role.OFFICER)
    body = Body.objects.get(slug="ubnd-phuong-minh-phung")
    _groups_open_the_admin()
    return {"officer": officer, "other": other, "body": body}


def _groups_open_the_admin():
    """An earlier transactional test's flush removes the role groups that migration accounts/0002 made with the
    admin-access permission; membership_grant then recreates them bare. Give them the permission back."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from mattran.accounts.services import ROLE_GROUPS

    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access, _ = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    for name in ROLE_GROUPS.values():
        Group.objects.get_or_create(name=name)[0].permissions.add(access)


def _login(page, base, username):
    admin_login(page, base, username, PASSWORD)


def test_citizen_to_body_and_back(browser, page, live_server, staff):
    base = live_server.url
    mail.outbox.clear()

    # 1. The citizen submits on a phone-sized screen.
    page.goto(base + "/kien-nghi/gui/")
    assert axe_serious_violations(page) == []
    page.check("input[name=kind][value=phan_anh]")
    page.select_option("#id_topic", label="Môi trường")
    page.fill("#id_title", "Nước thải tràn ra hẻm 30 sau mưa")
    page.fill("#id_content", "Hố ga đầu hẻm bị nghẹt, nước thải tràn ra đường mỗi khi mưa.")
    page.select_option("#id_organisation", label="Phường Minh Phụng")
    page.fill("#id_address", "Đầu hẻm 30")
    page.fill("#id_submitter_name", "Đỗ Minh Châu")
    page.fill("#id_submitter_email", "chau.do@example.vn")
    page.check("#id_publish_consent")
    page.click("#main button[type=submit]")  # the header also has a search button
    code = page.locator("[data-testid=tracking-code]").inner_text().strip()
    assert re.fullmatch(r"KN-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}", code)
    reference = page.locator("[data-testid=reference]").inner_text().strip()
    assert re.fullmatch(r"KN-20\d\d-\d{6}", reference)
    receipt = next(m for m in mail.outbox if m.to == ["chau.do@example.vn"])
    assert reference in receipt.subject and code in receipt.body
    from mattran.petitions.models import Petition

    petition = Petition.objects.get(tracking_code=code)
    assert petition.reference == reference

    # 2. Ward B's officer cannot open it.
    officer_b = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    _login(officer_b, base, "e2e.binhthoi")
    officer_b.goto(base + f"/quan-tri/kien-nghi/{petition.pk}/")
    assert reference not in officer_b.content()
    officer_b.goto(base + "/quan-tri/kien-nghi/")
    assert "Danh sách công việc" in officer_b.content()
    assert reference not in officer_b.content()
    officer_b.context.close()

    # 3. Ward A's officer accepts and forwards (body from the routing rules).
    officer = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    _login(officer, base, "e2e.minhphung")
    officer.goto(base + "/quan-tri/kien-nghi/")
    assert reference in officer.content() and code not in officer.content()  # staff see the reference only
    officer.click(f"text={reference}")
    officer.click("button[data-action=accept]")
    officer.wait_for_selector("button[data-action=forward]")
    officer.click("button[data-action=forward]")
    officer.wait_for_selector("text=Đã chuyển đến cơ quan có thẩm quyền")

    # 4. The liaison answers through the signed link in the forwarding email (no account).
    forward_mail = next(m for m in mail.outbox if "/kien-nghi/co-quan/" in m.body)
    link = re.search(r"https?://\S+/kien-nghi/co-quan/\S+/", forward_mail.body).group(0)
    link = base + "/kien-nghi/" + link.split("/kien-nghi/", 1)[1]  # the email carries SITE_BASE_URL
    liaison = browser.new_context(viewport={"width": 360, "height": 780}).new_page()
    liaison.goto(link)
    assert "chau.do@example.vn" not in liaison.content()
    assert reference in liaison.content() and code not in liaison.content() + forward_mail.body
    liaison.fill("#id_text", "Phường sẽ xem xét, xử lý hố ga.")
    liaison.click("form:has(input[value=answer]) button[type=submit]")
    liaison.wait_for_selector("text=không còn chờ quý cơ quan xử lý")
    assert "Hố ga đầu hẻm bị nghẹt" not in liaison.content()  # the link no longer shows the content
    citizen_mails = len([m for m in mail.outbox if m.to == ["chau.do@example.vn"]])

    # 5. The citizen looks the code up (typed loosely): the body has answered, the Front is reviewing.
    page.goto(base + "/kien-nghi/tra-cuu/")
    page.fill("#id_ma", code.lower().replace("-", " "))
    page.click("form.track-form button[type=submit]")
    assert page.locator("[data-testid=status]").inner_text() == "Cơ quan đã trả lời; Mặt trận đang xem xét"
    assert page.locator("[data-testid=review]").count() == 1 and page.locator("[data-testid=answer]").count() == 0
    assert "Phường sẽ xem xét" not in page.content()

    # 6. The officer finds the answer too thin and sends it back with reasons (a new round, its own due date).
    officer.reload()
    officer.fill("#id_answer_send_back-reason", "Chưa nêu thời gian nạo vét và kết quả kiểm tra.")
    officer.click("button[data-action=answer_send_back]")
    officer.wait_for_selector("[data-testid=send-back]")
    assert officer.locator("[data-testid=status]").inner_text() == "Cơ quan đang giải quyết"

    # 7. The body answers again through the new link in the e-mail with the reasons; the old link is dead.
    send_back_mail = next(m for m in mail.outbox if "trả lời bổ sung" in m.subject)
    assert "Chưa nêu thời gian nạo vét" in send_back_mail.body
    new_link = re.search(r"https?://\S+/kien-nghi/co-quan/\S+/", send_back_mail.body).group(0)
    new_link = base + "/kien-nghi/" + new_link.split("/kien-nghi/", 1)[1]
    assert liaison.goto(link).status == 403
    liaison.goto(new_link)
    assert "Chưa nêu thời gian nạo vét" in liaison.locator("[data-testid=send-back]").inner_text()
    assert liaison.input_value("#id_text") == "Phường sẽ xem xét, xử lý hố ga."  # the earlier answer, to amend
    liaison.fill("#id_text", "Phường đã nạo vét hố ga đầu hẻm 30 ngày 01/12, kiểm tra lại sau mưa ngày 02/12; "
                             "cán bộ đã gọi bà Đỗ Minh Châu báo kết quả.")
    liaison.click("form:has(input[value=answer]) button[type=submit]")
    liaison.wait_for_selector("text=không còn chờ quý cơ quan xử lý")
    liaison.context.close()

    # 8. The officer accepts, edits the public text (the citizen's name out) and records telling her by phone.
    officer.reload()
    assert "Đỗ Minh Châu" in officer.input_value("#id_answer_accept-public_text")
    officer.fill("#id_answer_accept-public_text", "Phường đã nạo vét hố ga đầu hẻm 30 ngày 01/12 và kiểm tra lại "
                                                  "sau mưa ngày 02/12.")
    officer.click("button[data-action=answer_accept]")
    officer.wait_for_selector("[data-testid=public-answer]")
    officer.select_option("#id_inform-method", "phone")
    officer.fill("#id_inform-informed_by", "Cán bộ Mặt trận phường Minh Phụng")
    officer.click("button[data-action=inform]")
    officer.wait_for_selector("text=Đã thông tin lại cho người gửi")
    assert "Cán bộ Mặt trận phường Minh Phụng" in officer.locator("[data-testid=informed]").inner_text()
    officer.context.close()
    told = [m for m in mail.outbox if m.to == ["chau.do@example.vn"]][citizen_mails:]
    assert len(told) == 1 and "nạo vét hố ga" in told[0].body  # nothing while under review; once when told

    # 9. The citizen now sees the answer and rates it; the public list has the Front's edited text only.
    page.reload()
    assert "nạo vét hố ga" in page.locator("[data-testid=answer]").inner_text()
    assert page.locator("[data-testid=status]").inner_text() == "Đã thông tin lại cho người gửi"
    assert "chau.do@example.vn" not in page.content() and "Đỗ Minh Châu" not in page.content()
    assert axe_serious_violations(page) == []
    page.check("input[name=rating][value='5']")
    page.fill("#id_comment", "Cảm ơn, xử lý nhanh.")
    page.click("#danh-gia button[type=submit]")
    page.wait_for_selector("text=Ông/bà đã đánh giá: 5/5")
    petition.refresh_from_db()
    assert petition.rating == 5
    page.goto(base + "/kien-nghi/da-tra-loi/")
    assert "kiểm tra lại sau mưa ngày 02/12" in page.content() and "Đỗ Minh Châu" not in page.content()
    kinds = list(petition.events.values_list("kind", flat=True))
    assert kinds == [
        "submitted", "accepted", "forwarded", "acknowledged", "answered", "answer_sent_back", "answered",
        "answer_accepted", "informed", "rated",
    ]


def test_public_answered_list_and_stats_pages(page, live_server, demo_site):
    page.goto(live_server.url + "/kien-nghi/da-tra-loi/")
    assert "Rác tồn đọng ở đầu hẻm 152" in page.content()
    assert "mai.le@example.vn" not in page.content()
    assert axe_serious_violations(page) == []
    page.goto(live_server.url + "/kien-nghi/thong-ke/")
    assert page.locator("table.stats-table").count() == 1
    assert axe_serious_violations(page) == []


def test_citizen_asks_to_reopen_from_tracking_page(page, live_server, demo_site):
    from mattran.petitions.models import Petition

    informed = Petition.objects.get(idempotency_key="demo:2")
    page.goto(live_server.url + "/kien-nghi/tra-cuu/?ma=" + informed.tracking_code)
    page.fill("#id_reason", "Ổ gà mới chỉ được lấp tạm, trời mưa lại sụt.")
    page.click("form[action$='/mo-lai/'] button[type=submit]")
    page.wait_for_selector("text=Mở lại (người gửi chưa đồng ý)")
    informed.refresh_from_db()
    assert informed.status == "reopened" and informed.reopen_count == 1


def test_english_tracking_page_opens(page, live_server, demo_site):
    response = page.goto(live_server.url + "/en/kien-nghi/tra-cuu/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "en"


def test_liaison_starts_from_what_waits_for_their_body(browser, live_server, staff):
    """Issue 9, item 3: the liaison's list is "waiting for us", nearest due date first, without the Front's tools."""
    from mattran.accounts.models import Role
    from mattran.accounts.services import membership_grant, user_create
    from mattran.petitions.models import Petition, PetitionStatus

    liaison = user_create(actor="e2e", username="e2e.daumoi", password=PASSWORD, email="e2e.dm@example.vn")
    membership_grant(actor="e2e", user=liaison, organisation=staff["body"].area, role=Role.LIAISON, body=staff["body"])
    from mattran.organisations.models import Topic
    from mattran.petitions import services

    def forwarded(title, due):
        petition = services.petition_submit(
            channel="phone", kind="kien_nghi", topic=Topic.objects.get(name="Môi trường"), title=title,
            content="Nội dung kiểm thử.", organisation=staff["body"].area, actor=staff["officer"],
        )
        services.petition_accept(petition=petition, actor=staff["officer"])
        services.petition_forward(petition=petition, body=staff["body"], actor=staff["officer"])
        Petition.objects.filter(pk=petition.pk).update(due_date=due)
        return petition

    later = forwarded("Cây đổ chắn hẻm 7", datetime.date(2027, 1, 20))
    sooner = forwarded("Đèn đường hỏng hẻm 9", datetime.date(2027, 1, 8))
    waiting = list(
        Petition.objects.filter(body=staff["body"], status__in=(PetitionStatus.FORWARDED, PetitionStatus.IN_PROGRESS))
        .order_by("due_date", "created_at", "id")
        .values_list("reference", flat=True)
    )
    assert waiting.index(sooner.reference) < waiting.index(later.reference)
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN").new_page()
    _login(page, live_server.url, "e2e.daumoi")
    page.goto(live_server.url + "/quan-tri/kien-nghi/")
    assert "Chờ chúng tôi trả lời" in page.locator("#pq-results").inner_text()
    rows = [r.strip() for r in page.locator(".pq-table tbody tr td:first-child > a:first-child").all_inner_texts()]
    assert rows == waiting
    for officer_tool in ("Tiếp nhận trực tiếp", "Nhập từ bảng tính", "Thao tác với các kiến nghị đã chọn"):
        assert officer_tool not in page.content()
    assert page.locator("#pq-org").count() == 0
    page.locator(".pq-table tbody tr").first.locator("a.button").click()
    page.fill("#id_answer-text", "Phường đã phân công cán bộ địa chính kiểm tra, sẽ trả lời trong tuần.")
    page.click("button[data-action=answer]")
    page.wait_for_selector("text=Cơ quan đã trả lời; Mặt trận đang xem xét")
    answered = Petition.objects.get(reference=waiting[0])
    assert answered.status == PetitionStatus.ANSWERED
    page.goto(live_server.url + "/quan-tri/kien-nghi/")
    assert waiting[0] not in page.locator(".pq-table").inner_text()
    page.context.close()

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook
from PIL import Image

from mattran.core.models import AuditEvent
from mattran.petitions import selectors, services
from mattran.petitions.deadlines import add_working_days
from mattran.petitions.imports import COLUMNS
from mattran.petitions.links import liaison_token_read
from mattran.petitions.models import (
    DeadlineRule,
    EventKind,
    Petition,
    PetitionChannel,
    PetitionKind,
    PetitionSettings,
    PetitionStatus,
    StatusGroup,
    TopicIntakeRule,
)

pytestmark = pytest.mark.django_db


def test_submit_creates_petition_with_readable_code_event_and_audit(world):
    petition = world.submit()
    assert petition.status == PetitionStatus.SUBMITTED
    assert petition.tracking_code.startswith("KN-") and len(petition.tracking_code) == 14
    assert not set(petition.tracking_code[3:].replace("-", "")) & set("01OIL")
    assert list(petition.events.values_list("kind", flat=True)) == [EventKind.SUBMITTED]
    assert AuditEvent.objects.filter(action="petition.submit", target_id=str(petition.pk)).exists()


def test_submit_twice_with_same_key_returns_the_first_petition(world):
    first = world.submit(idempotency_key="web:abcdefghijklmnop")
    second = world.submit(idempotency_key="web:abcdefghijklmnop", title="Khác")
    assert second.pk == first.pk and second.was_duplicate
    assert Petition.objects.count() == 1


def test_submit_sends_email_receipt_when_address_given(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        petition = world.submit()
    assert len(mail.outbox) == 1
    # The subject (seen on lock screens) names the reference; the body gives the submitter the secret key.
    assert petition.reference in mail.outbox[0].subject and petition.tracking_code not in mail.outbox[0].subject
    assert petition.tracking_code in mail.outbox[0].body
    assert mail.outbox[0].to == ["hai.tran@example.vn"]


def test_submit_from_other_system_requires_external_reference(world):
    with pytest.raises(ValidationError) as exc:
        world.submit(channel=PetitionChannel.EXTERNAL)
    assert "external_reference" in exc.value.message_dict
    assert not Petition.objects.exists()


def test_submit_rejects_non_image_attachment_and_writes_nothing(world):
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError):
        world.submit(attachments=[fake])
    assert not Petition.objects.exists()


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif[0x0112] = 1
    exif[0x8825] = {1: "N", 2: (10.0, 45.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_submit_strips_gps_from_photos_unless_kept(world):
    photo = SimpleUploadedFile("anh.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    petition = world.submit(attachments=[photo])
    stored = petition.attachments.get()
    with Image.open(stored.file.open("rb")) as image:
        assert 0x8825 not in image.getexif()
    kept = world.submit(attachments=[SimpleUploadedFile("b.jpg", _jpeg_with_gps())], keep_location=True)
    with Image.open(kept.attachments.get().file.open("rb")) as image:
        assert 0x8825 in image.getexif()


def test_submit_accepts_pdf_by_content(world):
    petition = world.submit(attachments=[SimpleUploadedFile("don.bin", b"%PDF-1.4\n%test\n")])
    assert petition.attachments.get().content_type == "application/pdf"


def test_submit_refuses_more_than_five_attachments(world):
    files = [SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.4\n") for i in range(6)]
    with pytest.raises(ValidationError) as exc:
        world.submit(attachments=files)
    assert "attachments" in exc.value.message_dict


def test_forward_uses_routing_rule_and_working_day_due_date(world):
    petition = world.forwarded()
    assert petition.status == PetitionStatus.FORWARDED
    assert petition.status_group == StatusGroup.WITH_BODY
    assert petition.body == world.body_a
    config = PetitionSettings.load()
    assert petition.due_date == add_working_days(timezone.localdate(), config.default_working_days)


def test_forward_with_several_bodies_gets_the_longer_deadline(world):
    one = world.forwarded()
    petition = world.submit()
    services.petition_accept(petition=petition, actor=world.officer_a)
    several = services.petition_forward(petition=petition, cooperating_bodies=[world.body_b], actor=world.officer_a)
    assert several.due_date > one.due_date
    assert list(several.cooperating_bodies.all()) == [world.body_b]


def test_forward_uses_deadline_rule_for_topic_and_body(world):
    DeadlineRule.objects.create(topic=world.topic, body=world.body_a, working_days=3)
    # Pinned: from Thursday 20 Aug 2026, 3 working days are 21 (Fri), 22 (make-up Saturday) and 24 (Mon).
    due = selectors.due_date_compute(
        topic=world.topic, body=world.body_a, several_bodies=False, start=datetime.date(2026, 8, 20)
    )
    assert due == datetime.date(2026, 8, 24)
    petition = world.forwarded()
    assert petition.due_date == selectors.due_date_compute(topic=world.topic, body=world.body_a, several_bodies=False)


def test_forward_records_audit_event(world):
    petition = world.forwarded()
    audit = AuditEvent.objects.get(action="petition.forward", target_id=str(petition.pk))
    assert audit.actor == world.officer_a
    assert audit.changes["status"] == ["accepted", "forwarded"]


def test_forward_emails_body_a_signed_link(world, django_capture_on_commit_callbacks):
    world.body_a.email = "ubnd.a@example.vn"
    world.body_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        petition = world.forwarded()
    to_body = [m for m in mail.outbox if "ubnd.a@example.vn" in m.to or world.liaison_a.email in m.to]
    assert to_body
    token = re.search(r"/kien-nghi/co-quan/([^/\s]+)/", to_body[0].body).group(1)
    linked, _round = liaison_token_read(token)  # raises unless the signature holds
    assert linked.pk == petition.pk


def test_illegal_transition_is_refused_with_clear_message(world):
    petition = world.submit()
    with pytest.raises(ValidationError) as exc:
        services.petition_answer(petition=petition, text="x", actor=world.officer_a)
    assert "Không thể trả lời" in exc.value.messages[0]
    assert "Đã gửi, chờ tiếp nhận" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        services.petition_close(petition=petition, actor=world.officer_a)


def test_reject_requires_reason_and_shows_it_publicly(world):
    petition = world.submit()
    with pytest.raises(ValidationError):
        services.petition_reject(petition=petition, reason=" ", actor=world.officer_a)
    services.petition_reject(petition=petition, reason="Nội dung không rõ ràng.", actor=world.officer_a)
    event = petition.events.get(kind=EventKind.REJECTED)
    assert event.is_public and event.public_text == "Nội dung không rõ ràng."


def test_redirect_complaint_explains_statutory_procedure(world):
    petition = world.submit(kind=PetitionKind.COMPLAINT)
    services.petition_redirect(petition=petition, actor=world.officer_a)
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.REDIRECTED
    assert "Luật Khiếu nại" in petition.events.get(kind=EventKind.REDIRECTED).public_text


def test_return_then_accept_and_forward_again(world):
    petition = world.forwarded()
    services.petition_return(petition=petition, reason="Không thuộc thẩm quyền", actor=world.liaison_a)
    services.petition_accept(petition=petition, actor=world.officer_a)
    petition = services.petition_forward(petition=petition, body=world.body_b, actor=world.officer_a)
    assert petition.body == world.body_b


def test_full_loop_answer_inform_close(world):
    petition = world.informed()
    assert petition.status == PetitionStatus.INFORMED and petition.inform_method == "phone"
    assert petition.answered_on_time is True
    services.petition_close(petition=petition, actor=world.officer_a)
    kinds = list(petition.events.values_list("kind", flat=True))
    assert kinds == [
        "submitted", "accepted", "forwarded", "acknowledged", "answered", "answer_accepted", "informed", "closed",
    ]


def test_close_is_impossible_before_informing(world):
    petition = world.answered()
    with pytest.raises(ValidationError):
        services.petition_close(petition=petition, actor=world.officer_a)


def test_inform_requires_a_method(world):
    petition = world.answered()
    with pytest.raises(ValidationError):
        services.petition_inform(petition=petition, method="", actor=world.officer_a)


def test_reopen_counts_rounds_and_is_forwarded_again(world):
    petition = world.informed()
    services.petition_reopen(petition=petition, reason="Rác vẫn còn.", actor="người gửi")
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.REOPENED and petition.reopen_count == 1
    petition = services.petition_forward(petition=petition, actor=world.officer_a)
    assert petition.status == PetitionStatus.FORWARDED


def test_merged_petitioners_are_told_the_accepted_public_answer(world, django_capture_on_commit_callbacks):
    main = world.submit()
    duplicate = world.submit(submitter_email="ba.le@example.vn")
    services.petition_accept(petition=main, actor=world.officer_a)
    services.petition_merge(petition=duplicate, into=main, actor=world.officer_a)
    duplicate.refresh_from_db()
    assert duplicate.status == PetitionStatus.MERGED and duplicate.merged_into == main
    services.petition_forward(petition=main, actor=world.officer_a)
    services.petition_acknowledge(petition=main, actor=world.liaison_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.petition_answer(petition=main, text="Đã xử lý, đã gọi ông Trần Văn Hải.", actor=world.liaison_a)
    assert [m.to for m in mail.outbox] == [[world.officer_a.email]]  # under review: only the officer hears
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_accept(petition=main, public_text="Đã xử lý.", actor=world.officer_a)
    # The duplicate's submitter gets the Front's public text; the submitter is told when informed.
    assert [m.to for m in mail.outbox] == [["ba.le@example.vn"]]
    assert "Đã xử lý." in mail.outbox[0].body and "Trần Văn Hải" not in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.petition_inform(petition=main, method="email", actor=world.officer_a)
    assert mail.outbox[-1].to == ["hai.tran@example.vn"] and "Đã xử lý." in mail.outbox[-1].body


def test_merge_into_itself_is_refused(world):
    petition = world.submit()
    with pytest.raises(ValidationError):
        services.petition_merge(petition=petition, into=petition, actor=world.officer_a)


def test_rate_only_after_informing_and_within_range(world):
    petition = world.answered()
    with pytest.raises(ValidationError):
        services.petition_rate(petition=petition, rating=5, actor="người gửi")
    services.answer_accept(petition=petition, public_text="Đã thu gom rác.", actor=world.officer_a)
    services.petition_inform(petition=petition, method="email", actor=world.officer_a)
    with pytest.raises(ValidationError):
        services.petition_rate(petition=petition, rating=6, actor="người gửi")
    services.petition_rate(petition=petition, rating=4, comment="Nhanh", actor="người gửi")
    petition.refresh_from_db()
    assert petition.rating == 4


def test_submitter_is_emailed_each_step_except_the_answer_under_review(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        world.informed()
    # submitted, accepted, forwarded, acknowledged, informed (with the answer); not answered nor accepted.
    own = [m for m in mail.outbox if m.to == ["hai.tran@example.vn"]]
    assert len(own) == 5
    assert "Đã thu gom rác" in own[-1].body


def test_overdue_is_computed_from_due_date(world):
    petition = world.forwarded()
    Petition.objects.filter(pk=petition.pk).update(due_date=datetime.date.today() - datetime.timedelta(days=1))
    assert Petition.objects.overdue().filter(pk=petition.pk).exists()
    assert Petition.objects.annotate_overdue().get(pk=petition.pk).overdue_now


def test_confidential_petition_names_the_committee_admins(world):
    from mattran.accounts.models import Role
    from mattran.accounts.tests.factories import MembershipFactory

    leader = MembershipFactory(organisation=world.ward_a, role=Role.ADMIN).user
    petition = world.submit(confidential=True, publish_consent=True)
    assert list(petition.allowed_officers.all()) == [leader]
    assert not petition.publish_consent


def test_personal_data_view_is_audited(world):
    petition = world.submit()
    services.petition_personal_data_view(petition=petition, actor=world.officer_a)
    assert AuditEvent.objects.filter(action="petition.view_personal_data", actor=world.officer_a).count() == 1


def test_daily_run_reminds_then_escalates(world, django_capture_on_commit_callbacks):
    petition = world.forwarded()
    due = petition.due_date
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.petitions_daily_run(today=due - datetime.timedelta(days=1))
    # The day before the due date is one working day before it: inside the reminder window (2 working days).
    assert counts["reminded"] == 1
    assert counts["escalated_officer"] == 0
    assert services.petitions_daily_run(today=due - datetime.timedelta(days=1))["reminded"] == 0  # once only
    counts = services.petitions_daily_run(today=due)
    assert counts["escalated_officer"] == 1
    assert services.petitions_daily_run(today=due)["escalated_officer"] == 0
    counts = services.petitions_daily_run(today=due + datetime.timedelta(days=14))
    assert counts["escalated_up"] == 1
    petition.refresh_from_db()
    assert petition.escalation_level == 3


def _sheet(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append([label for _k, label, _r in COLUMNS])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_import_creates_every_row(world):
    rows = [
        ["Tiếp xúc cử tri", "Kiến nghị", "Môi trường", "Thu gom rác", "Nội dung 1"],
        ["Điện thoại", "Phản ánh", "moi-truong", "Tiếng ồn", "Nội dung 2", "", "", "", "", "", "", "", "01/11/2026"],
    ]
    created = services.petition_import_xlsx(file=_sheet(rows), organisation=world.ward_a, actor=world.officer_a)
    assert len(created) == 2
    assert {p.channel for p in created} == {"voter_contact", "phone"}


def test_import_with_a_bad_row_imports_nothing_and_names_the_row(world):
    rows = [
        ["Tiếp xúc cử tri", "Kiến nghị", "Môi trường", "Thu gom rác", "Nội dung 1"],
        ["Bồ câu đưa thư", "Kiến nghị", "Môi trường", "", "Nội dung 2"],
    ]
    with pytest.raises(ValidationError) as exc:
        services.petition_import_xlsx(file=_sheet(rows), organisation=world.ward_a, actor=world.officer_a)
    assert any(m.startswith("Dòng 3:") for m in exc.value.messages)
    assert not Petition.objects.exists()


def test_import_obeys_the_topics_contact_rule_and_imports_nothing_without_contact(world):
    TopicIntakeRule.objects.create(topic=world.topic, contact_required=True)
    rows = [
        ["Điện thoại", "Kiến nghị", world.topic.code, "Có số điện thoại", "Nội dung 1", "", "", "Bà A", "0912000111"],
        ["Điện thoại", "Kiến nghị", world.topic.code, "Không có liên lạc", "Nội dung 2"],
    ]
    with pytest.raises(ValidationError) as exc:
        services.petition_import_xlsx(file=_sheet(rows), organisation=world.ward_a, actor=world.officer_a)
    assert any(m.startswith("Dòng 3:") for m in exc.value.messages)
    assert not Petition.objects.exists()

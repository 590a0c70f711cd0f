"""The drafts' services: creating a draft and its versions, the comment period, consolidation, replies and
closing, and the steps diagram."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from mattran.core.models import AuditEvent
from mattran.criticism import services
from mattran.criticism.models import (
    Draft,
    DraftEvent,
    DraftStatus,
    Reply,
    ReplyKind,
)

from .conftest import CLOSES, DURING, OPENS, illegal_transition

D = datetime.date
S = DraftStatus
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --- draft_create, draft_version_add ---------------------------------------------------------------------------


def test_create_splits_the_first_version_into_numbered_paragraphs_and_audits(world):
    draft = world.draft()
    version = draft.versions.get()
    assert draft.status == S.PREPARING and version.number == 1
    assert list(version.paragraphs.values_list("number", flat=True)) == [1, 2, 3]
    assert version.paragraphs.get(number=2).text.startswith("Điều 2.")
    assert AuditEvent.objects.filter(action="draft.create", target_id=str(draft.pk)).exists()
    assert DraftEvent.objects.filter(draft=draft, kind="created", to_status=S.PREPARING).exists()


def test_create_refuses_an_empty_text_and_leaves_nothing(world):
    with pytest.raises(ValidationError) as exc:
        world.draft(text="   \n\n ")
    assert "text" in exc.value.message_dict
    assert not Draft.objects.exists() and not AuditEvent.objects.filter(action="draft.create").exists()


def test_create_refuses_a_missing_title(world):
    with pytest.raises(ValidationError) as exc:
        world.draft(title=" ")
    assert "title" in exc.value.message_dict


def test_version_file_must_be_pdf_or_docx(world):
    draft = world.draft()
    with pytest.raises(ValidationError) as exc:
        services.draft_version_add(draft=draft, text="A.", file=SimpleUploadedFile("x.pdf", b"not a pdf"),
                                   actor=world.officer_a)
    assert "file" in exc.value.message_dict
    version = services.draft_version_add(draft=draft, text="A.", file=SimpleUploadedFile("x.bin", PDF),
                                         actor=world.officer_a)
    assert version.number == 2 and version.file.name.endswith(".pdf") and "x.bin" not in version.file.name


def test_a_new_version_is_refused_while_comments_are_being_taken(world):
    draft = world.open_draft()
    with pytest.raises(ValidationError) as exc:
        services.draft_version_add(draft=draft, text="Bản mới.", actor=world.officer_a)
    assert illegal_transition(exc) and "Đang lấy ý kiến" in exc.value.messages[0]


def test_the_revised_version_after_the_criticism_gets_the_next_number(world):
    draft, _accepted, _rejected = world.consolidated()
    version = services.draft_version_add(draft=draft, text="Điều 1.\n\nĐiều 2 sửa.", note="Tiếp thu ý kiến",
                                         actor=world.officer_a)
    assert version.number == 2 and version.paragraphs.count() == 2


# --- comment period -----------------------------------------------------------------------------------------------


def test_opening_the_period_anchors_comments_to_the_latest_version(world):
    draft = world.open_draft(public=False)
    assert draft.status == S.OPEN and draft.commented_version.number == 1
    assert draft.comments_open_on == OPENS and draft.comments_close_on == CLOSES and not draft.public_comments_open
    assert AuditEvent.objects.filter(action="draft.open", target_id=str(draft.pk)).exists()


def test_opening_refuses_a_closing_date_before_the_opening_date(world):
    draft = world.draft()
    with pytest.raises(ValidationError) as exc:
        services.draft_comment_period_open(draft=draft, opens_on=D(2026, 10, 5), closes_on=D(2026, 10, 1),
                                           actor=world.officer_a)
    assert "closes_on" in exc.value.message_dict
    draft.refresh_from_db()
    assert draft.status == S.PREPARING


def test_opening_twice_is_an_illegal_transition(world):
    draft = world.open_draft()
    with pytest.raises(ValidationError) as exc:
        services.draft_comment_period_open(draft=draft, opens_on=OPENS, closes_on=CLOSES, actor=world.officer_a)
    assert illegal_transition(exc)


def test_public_comments_can_be_opened_and_stopped_only_during_the_period(world):
    draft = world.open_draft(public=False)
    draft = services.draft_public_comments_set(draft=draft, open=True, actor=world.officer_a)
    assert draft.public_comments_open
    assert DraftEvent.objects.filter(draft=draft, kind="public_opened").exists()
    services.draft_comment_period_close(draft=draft, actor=world.officer_a)
    with pytest.raises(ValidationError) as exc:
        services.draft_public_comments_set(draft=draft, open=True, actor=world.officer_a)
    assert illegal_transition(exc)


def test_closing_the_period_stops_public_comments(world):
    draft = world.open_draft()
    draft = services.draft_comment_period_close(draft=draft, actor=world.officer_a)
    assert draft.status == S.REVIEWING and not draft.public_comments_open


def test_closing_a_period_that_never_opened_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.draft_comment_period_close(draft=world.draft(), actor=world.officer_a)
    assert illegal_transition(exc)


# --- consolidation ------------------------------------------------------------------------------------------------


def test_consolidation_writes_a_docx_listing_the_accepted_comments_by_paragraph(world):
    draft = world.open_draft()
    first = world.comment(draft, 2, text="Đề nghị thu gom đến 21 giờ.")
    second = world.comment(draft, 1, text="Nêu rõ đối tượng áp dụng là hộ gia đình và cơ sở kinh doanh.")
    third = world.comment(draft, 2, text="Bố trí thêm điểm tập kết ở hẻm nhỏ.")
    spam = world.comment(draft, 3, text="Nội dung quảng cáo không liên quan.")
    for comment in (first, second, third):
        services.comment_accept(comment=comment, actor=world.officer_a)
    services.comment_reject(comment=spam, actor=world.officer_a)
    services.draft_comment_period_close(draft=draft, actor=world.officer_a)
    draft = services.draft_consolidate(draft=draft, on=D(2026, 11, 5), signer_name="Trần Văn An", actor=world.officer_a)
    assert draft.status == S.CONSOLIDATED and draft.consolidated_on == D(2026, 11, 5) and draft.reply_nonce
    with draft.consolidated_file.open("rb") as handle:
        document = Document(io.BytesIO(handle.read()))
    text = [p.text for p in document.paragraphs]
    header = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    headings = [t for t in text if t.startswith("Đoạn ")]
    assert headings == ["Đoạn 1", "Đoạn 2"]
    body = "\n".join(text)
    assert body.index("Nêu rõ đối tượng") < body.index("Đoạn 2") < body.index("đến 21 giờ") < body.index("điểm tập kết")
    assert "quảng cáo" not in body and "Nguyễn Văn Bình" not in body and "0903123456" not in body
    assert "VĂN BẢN PHẢN BIỆN XÃ HỘI" in body and "ngày 05 tháng 11 năm 2026" in header
    assert "Kính gửi: Ủy ban nhân dân phường A." in body and "Trần Văn An" in header


def test_consolidation_is_refused_while_comments_wait_for_moderation(world):
    draft = world.open_draft()
    world.comment(draft)
    services.draft_comment_period_close(draft=draft, actor=world.officer_a)
    with pytest.raises(ValidationError) as exc:
        services.draft_consolidate(draft=draft, actor=world.officer_a)
    assert exc.value.code == "pending_comments" and "1 ý kiến chưa duyệt" in exc.value.messages[0]
    draft.refresh_from_db()
    assert draft.status == S.REVIEWING and not draft.consolidated_file


def test_consolidation_is_refused_without_an_accepted_comment(world):
    draft = world.open_draft()
    services.comment_reject(comment=world.comment(draft), actor=world.officer_a)
    services.draft_comment_period_close(draft=draft, actor=world.officer_a)
    with pytest.raises(ValidationError) as exc:
        services.draft_consolidate(draft=draft, actor=world.officer_a)
    assert exc.value.code == "nothing_accepted"


def test_consolidation_during_the_period_is_an_illegal_transition(world):
    draft = world.open_draft()
    services.comment_accept(comment=world.comment(draft), actor=world.officer_a)
    with pytest.raises(ValidationError) as exc:
        services.draft_consolidate(draft=draft, actor=world.officer_a)
    assert illegal_transition(exc)


# --- replies and closing ------------------------------------------------------------------------------------------


def test_the_reply_per_point_is_recorded_corrected_and_audited(world):
    draft, accepted, _rejected = world.consolidated()
    reply = services.draft_reply_record(comment=accepted, kind=ReplyKind.EXPLAINED, text="Giờ hiện tại phù hợp.",
                                        actor=world.officer_a)
    reply = services.draft_reply_record(comment=accepted, kind=ReplyKind.ADOPTED, text="Tiếp thu: đến 21 giờ.",
                                        actor="Cán bộ UBND phường A (đường dẫn được ký)")
    assert Reply.objects.count() == 1 and reply.kind == ReplyKind.ADOPTED
    assert reply.recorded_by_label.startswith("Cán bộ UBND")
    audits = AuditEvent.objects.filter(action="draft.reply").order_by("id")
    assert audits.count() == 2 and audits.last().changes["kind"] == ["explained", "adopted"]


def test_a_rejected_comment_gets_no_reply(world):
    _draft, _accepted, rejected = world.consolidated()
    with pytest.raises(ValidationError) as exc:
        services.draft_reply_record(comment=rejected, kind=ReplyKind.ADOPTED, text="x", actor=world.officer_a)
    assert exc.value.code == "not_a_point"


def test_a_reply_needs_a_known_kind_and_a_text(world):
    _draft, accepted, _rejected = world.consolidated()
    with pytest.raises(ValidationError) as exc:
        services.draft_reply_record(comment=accepted, kind="maybe", text="", actor=world.officer_a)
    assert set(exc.value.message_dict) == {"kind", "text"}


def test_replies_are_refused_before_the_criticism_is_sent(world):
    draft = world.open_draft()
    comment = services.comment_accept(comment=world.comment(draft), actor=world.officer_a)
    with pytest.raises(ValidationError) as exc:
        services.draft_reply_record(comment=comment, kind=ReplyKind.ADOPTED, text="x", actor=world.officer_a)
    assert illegal_transition(exc)


def test_closing_ends_replies_and_the_reply_link(world):
    draft, accepted, _rejected = world.consolidated()
    draft = services.draft_close(draft=draft, actor=world.officer_a, note="Đã nhận đủ trả lời")
    assert draft.status == S.CLOSED and draft.reply_nonce == ""
    with pytest.raises(ValidationError) as exc:
        services.draft_reply_record(comment=accepted, kind=ReplyKind.ADOPTED, text="x", actor=world.officer_a)
    assert illegal_transition(exc)
    with pytest.raises(ValidationError) as exc:
        services.draft_close(draft=draft, actor=world.officer_a)
    assert illegal_transition(exc) and "Đã kết thúc" in exc.value.messages[0]


def test_closing_before_the_criticism_is_sent_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.draft_close(draft=world.open_draft(), actor=world.officer_a)
    assert illegal_transition(exc)


def test_every_step_of_the_diagram_is_in_the_steps_table():
    assert set(services.STEPS) == {
        "version_add", "open", "invite", "public_set", "comment", "moderate", "close_period", "consolidate",
        "reply", "close",
    }


def test_the_reply_link_resend_changes_the_nonce_only_while_replies_are_taken(world):
    draft, _a, _r = world.consolidated()
    old = draft.reply_nonce
    draft = services.draft_reply_link_resend(draft=draft, actor=world.officer_a)
    assert draft.reply_nonce != old
    services.draft_close(draft=draft, actor=world.officer_a)
    with pytest.raises(ValidationError):
        services.draft_reply_link_resend(draft=draft, actor=world.officer_a)


def test_during_is_inside_the_period():
    assert OPENS <= DURING <= CLOSES


STATUS_STEPS = {
    "open": lambda w, d: services.draft_comment_period_open(draft=d, opens_on=OPENS, closes_on=CLOSES, actor=w.officer_a),
    "close_period": lambda w, d: services.draft_comment_period_close(draft=d, actor=w.officer_a),
    "consolidate": lambda w, d: services.draft_consolidate(draft=d, actor=w.officer_a),
    "close": lambda w, d: services.draft_close(draft=d, actor=w.officer_a),
    "version_add": lambda w, d: services.draft_version_add(draft=d, text="Bản mới.", actor=w.officer_a),
    "public_set": lambda w, d: services.draft_public_comments_set(draft=d, open=True, actor=w.officer_a),
    "invite": lambda w, d: services.invitation_create(draft=d, name="Chuyên gia", actor=w.officer_a),
}


ILLEGAL = [(step, status) for step in sorted(STATUS_STEPS) for status in DraftStatus.values
           if status not in services.STEPS[step]]


@pytest.mark.parametrize(("step", "status"), ILLEGAL)
def test_a_step_from_a_status_outside_the_diagram_is_refused_naming_that_status(world, step, status):
    draft = world.draft()
    Draft.objects.filter(pk=draft.pk).update(status=status)  # put the draft in that status for the check
    before = (AuditEvent.objects.count(), DraftEvent.objects.count())
    with pytest.raises(ValidationError) as exc:
        STATUS_STEPS[step](world, draft)
    assert illegal_transition(exc) and str(DraftStatus(status).label) in exc.value.messages[0]
    assert (AuditEvent.objects.count(), DraftEvent.objects.count()) == before
    assert Draft.objects.get(pk=draft.pk).status == status

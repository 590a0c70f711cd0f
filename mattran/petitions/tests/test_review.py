"""The Front's review of the body's answer (review.py): nothing is told or published until the officer accepts the
answer with an edited public text; a weak answer goes back to the body for a new round."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from mattran.core.models import AuditEvent
from mattran.petitions import services
from mattran.petitions.links import LiaisonLinkError, liaison_token_make, liaison_token_read
from mattran.petitions.models import DeadlineRule, EventKind, Petition, PetitionStatus
from mattran.petitions.permissions import actions_for_user
from mattran.search.models import SearchEntry
from mattran.search.text import search_key

pytestmark = pytest.mark.django_db

# A Friday; five working days later is Friday 11 December 2026.
FRIDAY = datetime.date(2026, 12, 4)
RAW_ANSWER = "Đã thu gom rác; tổ công tác đã gọi ông Trần Văn Hải (0912 345 678) để báo."
PUBLIC_TEXT = "Đã thu gom rác và bố trí lịch thu gom hằng ngày ở đầu hẻm 45."


def _answered(world, **overrides):
    petition = world.forwarded(publish_consent=True, **overrides)
    services.petition_acknowledge(petition=petition, actor=world.liaison_a)
    return services.petition_answer(petition=petition, text=RAW_ANSWER, actor=world.liaison_a)


def _on(monkeypatch, day):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def test_an_answer_waits_for_the_review_unpublished_and_untold(world, django_capture_on_commit_callbacks):
    petition = world.forwarded(publish_consent=True)
    services.petition_acknowledge(petition=petition, actor=world.liaison_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        petition = services.petition_answer(petition=petition, text=RAW_ANSWER, actor=world.liaison_a)
    assert petition.status == PetitionStatus.ANSWERED
    assert str(petition.get_status_display()) == "Cơ quan đã trả lời; Mặt trận đang xem xét"
    assert [m.to for m in mail.outbox] == [[world.officer_a.email]]  # the officer, to review; not the citizen
    assert not Petition.objects.publicly_listed().filter(pk=petition.pk).exists()
    assert petition.public_answer == ""
    event = petition.events.get(kind=EventKind.ANSWERED)
    assert event.is_public and event.public_text == "" and event.internal_note == RAW_ANSWER


def test_accepting_publishes_only_the_edited_text(world):
    petition = _answered(world)
    petition = services.answer_accept(petition=petition, public_text=PUBLIC_TEXT, note="Đủ ý", actor=world.officer_a)
    assert petition.status == PetitionStatus.ANSWER_ACCEPTED and petition.answer_accepted_at is not None
    assert petition.answer_text == RAW_ANSWER and petition.public_answer == PUBLIC_TEXT
    assert Petition.objects.publicly_listed().filter(pk=petition.pk).exists()
    entry = SearchEntry.objects.get(key=search_key(petition))
    assert PUBLIC_TEXT in entry.body and "0912" not in entry.body and "Trần Văn Hải" not in entry.body
    event = petition.events.get(kind=EventKind.ANSWER_ACCEPTED)
    assert event.public_text == PUBLIC_TEXT and event.internal_note == "Đủ ý"
    audit = AuditEvent.objects.get(action="petition.answer_accept")
    assert audit.actor == world.officer_a and audit.changes["edited"] is True


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("Đã gọi số 0912.345.678 để báo.", "số điện thoại"),
        ("Đã trả lời qua HAI.TRAN@example.vn.", "thư điện tử"),
        ("Đã báo cho ông trần văn  hải.", "họ tên"),
    ],
)
def test_accepting_refuses_a_public_text_with_the_submitters_details(world, text, what):
    petition = _answered(world)
    with pytest.raises(ValidationError) as exc:
        services.answer_accept(petition=petition, public_text=text, actor=world.officer_a)
    assert exc.value.error_dict["public_text"][0].code == "personal_data"
    assert what in exc.value.message_dict["public_text"][0]
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ANSWERED and petition.answer_public_text == ""
    assert not AuditEvent.objects.filter(action="petition.answer_accept").exists()


def test_accepting_needs_a_public_text(world):
    petition = _answered(world)
    with pytest.raises(ValidationError) as exc:
        services.answer_accept(petition=petition, public_text="  ", actor=world.officer_a)
    assert "public_text" in exc.value.message_dict


def test_sending_back_opens_a_new_round_due_by_the_deadline_rules(world, monkeypatch):
    DeadlineRule.objects.create(topic=world.topic, body=world.body_a, working_days=5)
    petition = _answered(world)
    nonce = petition.liaison_nonce
    with monkeypatch.context() as m:
        _on(m, FRIDAY)
        petition = services.answer_send_back(
            petition=petition, reason="Chưa nêu thời gian thu gom cố định.", actor=world.officer_a
        )
    assert petition.status == PetitionStatus.IN_PROGRESS
    assert petition.due_date == datetime.date(2026, 12, 11)
    assert petition.answered_on is None and petition.answered_at is None
    assert petition.escalation_level == 0 and petition.liaison_nonce != nonce
    assert petition.answer_text == RAW_ANSWER  # kept for the body to amend
    event = petition.events.get(kind=EventKind.ANSWER_SENT_BACK)
    assert event.is_public and "11/12/2026" in event.public_text
    assert event.internal_note == "Chưa nêu thời gian thu gom cố định." and event.body == world.body_a
    audit = AuditEvent.objects.get(action="petition.answer_send_back")
    assert audit.changes["due_date"][1] == "2026-12-11"


def test_sending_back_takes_a_given_due_date_but_not_one_in_the_past(world, monkeypatch):
    petition = _answered(world)
    with monkeypatch.context() as m:
        _on(m, FRIDAY)
        with pytest.raises(ValidationError) as exc:
            services.answer_send_back(
                petition=petition, reason="Thiếu.", due_date=datetime.date(2026, 12, 3), actor=world.officer_a
            )
        assert "due_date" in exc.value.message_dict
        petition.refresh_from_db()
        assert petition.status == PetitionStatus.ANSWERED
        petition = services.answer_send_back(
            petition=petition, reason="Thiếu.", due_date=datetime.date(2026, 12, 9), actor=world.officer_a
        )
    assert petition.due_date == datetime.date(2026, 12, 9)


def test_sending_back_needs_reasons(world):
    petition = _answered(world)
    with pytest.raises(ValidationError) as exc:
        services.answer_send_back(petition=petition, reason="", actor=world.officer_a)
    assert "reason" in exc.value.message_dict


def test_sending_back_mails_the_body_the_reasons_and_a_fresh_link(world, django_capture_on_commit_callbacks):
    petition = _answered(world)
    forward = petition.events.filter(kind=EventKind.FORWARDED).latest("created_at")
    old_token = liaison_token_make(event=forward)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_send_back(petition=petition, reason="Chưa nêu thời gian thu gom.", actor=world.officer_a)
    [message] = mail.outbox  # the body only: the submitter is not e-mailed about the review
    assert message.to == [world.liaison_a.email]
    assert "trả lời bổ sung" in message.subject and "Chưa nêu thời gian thu gom." in message.body
    assert petition.tracking_code not in message.body
    with pytest.raises(LiaisonLinkError):
        liaison_token_read(old_token)
    new_token = message.body.split("/kien-nghi/co-quan/", 1)[1].split("/", 1)[0]
    assert liaison_token_read(new_token)[0].pk == petition.pk


def test_review_steps_are_refused_from_other_statuses(world):
    forwarded = world.forwarded()
    with pytest.raises(ValidationError) as exc:
        services.answer_accept(petition=forwarded, public_text=PUBLIC_TEXT, actor=world.officer_a)
    assert exc.value.code == "illegal_transition"
    assert "Không thể chấp nhận trả lời" in exc.value.messages[0]
    answered = _answered(world)
    with pytest.raises(ValidationError) as exc:
        services.petition_inform(petition=answered, method="phone", actor=world.officer_a)
    assert "Không thể thông tin lại" in exc.value.messages[0]  # not before the Front accepted the answer
    accepted = services.answer_accept(petition=answered, public_text=PUBLIC_TEXT, actor=world.officer_a)
    with pytest.raises(ValidationError) as exc:
        services.answer_send_back(petition=accepted, reason="Muộn rồi.", actor=world.officer_a)
    assert "Không thể đề nghị cơ quan trả lời bổ sung" in exc.value.messages[0]


def test_inform_records_who_told_whom_and_when(world, django_capture_on_commit_callbacks):
    petition = services.answer_accept(petition=_answered(world), public_text=PUBLIC_TEXT, actor=world.officer_a)
    told_at = datetime.datetime(2026, 12, 2, 9, 30, tzinfo=datetime.UTC)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        petition = services.petition_inform(
            petition=petition, method="phone", informed_at=told_at, informed_by="Tổ trưởng khu phố 2",
            informed_to="Con gái người gửi", note="Gọi lúc 9 giờ 30", actor=world.officer_a,
        )
    assert petition.status == PetitionStatus.INFORMED and petition.inform_method == "phone"
    assert petition.informed_at == told_at
    assert petition.informed_by == "Tổ trưởng khu phố 2" and petition.informed_to == "Con gái người gửi"
    audit = AuditEvent.objects.get(action="petition.inform")
    assert audit.changes["informed_by"] == "Tổ trưởng khu phố 2" and audit.changes["informed_to_other"] is True
    assert "Con gái" not in str(audit.changes)
    [message] = mail.outbox  # the written confirmation, with the body's answer
    assert message.to == ["hai.tran@example.vn"] and PUBLIC_TEXT in message.body


def test_inform_defaults_to_the_officer_telling_the_submitter(world):
    petition = world.informed()
    assert petition.informed_by == str(world.officer_a) and petition.informed_to == ""


def test_a_round_trip_keeps_each_answer_in_the_timeline(world):
    petition = _answered(world)
    services.answer_send_back(petition=petition, reason="Thiếu lịch thu gom.", actor=world.officer_a)
    petition = services.petition_answer(petition=petition, text="Lịch thu gom: 6 giờ sáng hằng ngày.", actor=world.liaison_a)
    petition = services.answer_accept(petition=petition, public_text="Lịch thu gom: 6 giờ sáng.", actor=world.officer_a)
    services.petition_inform(petition=petition, method="phone", actor=world.officer_a)
    kinds = list(petition.events.values_list("kind", flat=True))
    assert kinds[-5:] == ["answered", "answer_sent_back", "answered", "answer_accepted", "informed"]
    notes = list(petition.events.filter(kind=EventKind.ANSWERED).values_list("internal_note", flat=True))
    assert notes == [RAW_ANSWER, "Lịch thu gom: 6 giờ sáng hằng ngày."]


def test_only_officers_review_answers(world):
    petition = _answered(world)
    assert {"answer_accept", "answer_send_back", "inform"} <= actions_for_user(user=world.officer_a, petition=petition)
    assert not {"answer_accept", "answer_send_back", "inform"} & actions_for_user(user=world.liaison_a, petition=petition)
    assert actions_for_user(user=world.officer_b, petition=petition) == set()


def test_the_committees_officers_hear_there_is_an_answer_to_review(world, django_capture_on_commit_callbacks):
    petition = world.forwarded()
    services.petition_acknowledge(petition=petition, actor=world.liaison_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.petition_answer(petition=petition, text=RAW_ANSWER, actor=world.liaison_a)
    [message] = mail.outbox
    assert message.to == [world.officer_a.email]
    assert petition.reference in message.subject and f"/kien-nghi/{petition.pk}/" in message.body
    assert "0912" not in message.body and petition.title not in message.body + message.subject


def test_migration_keeps_answers_already_told_back_public_and_puts_the_rest_under_review(world):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("mattran.petitions.migrations.0004_answer_review")
    told, waiting = world.informed(publish_consent=True), _answered(world)
    Petition.objects.update(answer_public_text="")  # as before the migration
    migration.public_text_fill(apps, None)
    told.refresh_from_db()
    waiting.refresh_from_db()
    assert told.answer_public_text == told.answer_text
    assert Petition.objects.publicly_listed().filter(pk=told.pk).exists()
    assert waiting.answer_public_text == "" and waiting.status == PetitionStatus.ANSWERED

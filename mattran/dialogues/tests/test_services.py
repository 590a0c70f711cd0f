import datetime

import pytest
from django.core.exceptions import ValidationError

from mattran.core.models import AuditEvent
from mattran.dialogues import selectors, services
from mattran.dialogues.models import MeetingEventKind, MeetingKind, MeetingStatus, Opinion
from mattran.petitions.models import InformMethod, PetitionChannel, PetitionStatus
from mattran.supervision.models import RecommendationStatus

from .conftest import D, at

pytestmark = pytest.mark.django_db


def test_planning_a_meeting_puts_it_on_the_timeline_and_in_the_audit_log(world):
    meeting = world.conference()
    assert meeting.status == MeetingStatus.PLANNED
    assert meeting.slug.startswith("hoi-nghi-doi-thoai")
    assert list(meeting.events.values_list("kind", flat=True)) == [MeetingEventKind.PLANNED]
    assert AuditEvent.objects.filter(action="meeting.plan", target_id=str(meeting.pk)).exists()


def test_a_voter_contact_session_needs_its_elected_body_session_and_timing(world):
    with pytest.raises(ValidationError) as exc:
        world.conference(kind=MeetingKind.VOTER_CONTACT)
    assert {"elected_body", "session", "session_timing"} <= set(exc.value.message_dict)


def test_a_meeting_that_ends_before_it_starts_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        world.conference(ends_at=at(D(2026, 11, 19)))
    assert "ends_at" in exc.value.message_dict


def test_a_meeting_is_held_then_closed_and_a_cancelled_one_cannot_be_held(world):
    meeting = services.meeting_hold(meeting=world.conference(), attendance=120, actor=world.officer_a)
    assert (meeting.status, meeting.attendance) == (MeetingStatus.HELD, 120)
    meeting = services.meeting_close(meeting=meeting, actor=world.officer_a)
    assert meeting.status == MeetingStatus.CLOSED
    other = services.meeting_cancel(meeting=world.conference(), reason="Mưa bão", actor=world.officer_a)
    with pytest.raises(ValidationError, match="Đã hủy"):
        services.meeting_hold(meeting=other, actor=world.officer_a)


def test_cancelling_needs_a_reason(world):
    with pytest.raises(ValidationError):
        services.meeting_cancel(meeting=world.conference(), reason=" ", actor=world.officer_a)


def test_an_opinion_becomes_an_accepted_petition_with_the_meetings_channel(world):
    opinion = world.record(world.conference())
    petition = opinion.petition
    assert (petition.channel, petition.status) == (PetitionChannel.DIALOGUE, PetitionStatus.ACCEPTED)
    assert petition.submitter_name == "Võ Văn Tám"
    assert opinion.number == 1
    assert "Võ Văn Tám" not in str(AuditEvent.objects.filter(action="opinion.record").get().changes)


def test_an_opinion_at_a_voter_contact_session_has_the_voter_contact_channel(world):
    opinion = world.record(world.voter_contact(world.session()))
    assert opinion.petition.channel == PetitionChannel.VOTER_CONTACT


def test_an_opinion_answered_on_the_spot_is_informed_at_the_meeting(world):
    opinion = world.record(world.conference(), spot_answer="Phường sẽ nạo vét cống trong tháng 12.",
                           spot_answered_by="Lê Thị Hoa, Chủ tịch UBND phường")
    petition = opinion.petition
    assert petition.status == PetitionStatus.INFORMED
    assert petition.inform_method == InformMethod.MEETING
    assert petition.answer_public_text == "Phường sẽ nạo vét cống trong tháng 12."
    assert petition.body == world.body_a
    kinds = list(petition.events.values_list("to_status", flat=True))
    assert kinds[-3:] == [PetitionStatus.ANSWERED, PetitionStatus.ANSWER_ACCEPTED, PetitionStatus.INFORMED]
    assert petition.events.get(to_status=PetitionStatus.INFORMED).public_text == "Trả lời trực tiếp tại hội nghị"


def test_an_answer_on_the_spot_naming_the_speaker_is_refused_and_nothing_is_saved(world):
    meeting = world.conference()
    with pytest.raises(ValidationError) as exc:
        world.record(meeting, spot_answer="Ông Võ Văn Tám yên tâm, phường sẽ sửa.")
    assert "answer" in exc.value.message_dict
    assert not Opinion.objects.exists()


def test_sending_the_same_entry_twice_saves_one_opinion(world):
    meeting = world.conference()
    first = world.record(meeting, client_key="k-1")
    again = world.record(meeting, client_key="k-1")
    assert again.pk == first.pk and again.was_duplicate
    assert meeting.opinions.count() == 1


def test_an_empty_opinion_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        world.record(world.conference(), content="  ")
    assert "content" in exc.value.message_dict


def test_opinions_cannot_be_recorded_at_a_cancelled_meeting(world):
    meeting = services.meeting_cancel(meeting=world.conference(), reason="Hoãn", actor=world.officer_a)
    with pytest.raises(ValidationError):
        world.record(meeting)


def test_forwarding_the_open_opinions_leaves_those_answered_on_the_spot(world):
    meeting = world.conference()
    world.record(meeting, spot_answer="Đã có kế hoạch.")
    world.record(meeting, content="Đề nghị lắp đèn chiếu sáng hẻm 7.")
    world.record(meeting, content="Đề nghị kiểm tra quán karaoke gây ồn.")
    forwarded = services.opinions_forward_open(meeting=meeting, actor=world.officer_a)
    assert len(forwarded) == 2
    due = forwarded[0].petition.due_date
    counts = selectors.opinion_counts(meeting=meeting, today=due)
    assert (counts.total, counts.on_the_spot, counts.forwarded, counts.overdue) == (3, 1, 2, 0)
    later = selectors.opinion_counts(meeting=meeting, today=due + datetime.timedelta(days=1))
    assert later.overdue == 2


def test_a_question_in_advance_is_a_submitted_petition_listed_for_the_hosts(world):
    meeting = world.conference()
    opinion = services.question_submit(meeting=meeting, content="Bao giờ làm xong đường Số 5?", name="Hà",
                                       phone="0903000111", actor="người dân (cổng thông tin)")
    assert opinion.petition.status == PetitionStatus.SUBMITTED
    assert opinion.petition.channel == PetitionChannel.DIALOGUE
    assert list(selectors.questions_in_advance(meeting=meeting)) == [opinion]


def test_a_question_in_advance_answered_by_the_hosts_is_informed_at_the_meeting_and_counted(world):
    meeting = world.conference()
    question = services.question_submit(meeting=meeting, content="Bao giờ làm xong đường Số 5?", name="Hà",
                                        phone="0903000111", actor="người dân (cổng thông tin)")
    meeting = services.meeting_hold(meeting=meeting, actor=world.officer_a)
    question = services.question_answer_on_the_spot(opinion=question, answer="Quý I năm 2027 sẽ xong.",
                                                    answered_by="Chủ tịch UBND phường", actor=world.officer_a)
    petition = question.petition
    assert petition.status == PetitionStatus.INFORMED
    assert petition.answer_public_text == "Quý I năm 2027 sẽ xong."
    kinds = list(petition.events.values_list("kind", flat=True))
    assert "accepted" in kinds and "informed" in kinds
    counts = selectors.opinion_counts(meeting=meeting)
    assert (counts.advance, counts.advance_answered, counts.total) == (1, 1, 0)
    assert AuditEvent.objects.filter(action="opinion.question_answer", target_id=str(question.pk)).count() == 1
    with pytest.raises(ValidationError):
        services.question_answer_on_the_spot(opinion=question, answer="Lần nữa", actor=world.officer_a)


def test_only_a_question_in_advance_is_answered_through_the_hosts_list(world):
    meeting = world.conference()
    room = services.opinion_record(meeting=meeting, content="Đề nghị lắp đèn hẻm 7.", actor=world.officer_a)
    with pytest.raises(ValidationError):
        services.question_answer_on_the_spot(opinion=room, answer="Sẽ lắp.", actor=world.officer_a)
    question = services.question_submit(meeting=meeting, content="Câu hỏi về đèn", actor="người dân")
    with pytest.raises(ValidationError):
        services.question_answer_on_the_spot(opinion=question, answer="  ", actor=world.officer_a)
    question.refresh_from_db()
    assert question.spot_answer == "" and question.petition.status == PetitionStatus.SUBMITTED


def test_questions_in_advance_stop_once_the_meeting_is_held(world):
    meeting = services.meeting_hold(meeting=world.conference(), actor=world.officer_a)
    with pytest.raises(ValidationError):
        services.question_submit(meeting=meeting, content="Câu hỏi", actor="người dân")


def test_a_commitment_becomes_an_issued_recommendation_to_the_leaders_body(world):
    meeting = world.conference()
    commitment = services.commitment_record(meeting=meeting, leader="Lê Thị Hoa — Chủ tịch UBND phường",
                                            text="Hoàn thành nạo vét cống hẻm 12", due_date=D(2027, 1, 15),
                                            actor=world.officer_a)
    recommendation = commitment.recommendation
    assert recommendation.addressee == world.body_a
    assert recommendation.status == RecommendationStatus.ISSUED
    assert recommendation.response_due == D(2027, 1, 15)
    second = services.commitment_record(meeting=meeting, leader="Nguyễn Văn An", text="Lắp đèn hẻm 7",
                                        due_date=D(2027, 2, 1), actor=world.officer_a)
    assert second.recommendation.activity_id == recommendation.activity_id


def test_a_commitment_due_before_the_meeting_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.commitment_record(meeting=world.conference(), leader="A", text="B", due_date=D(2026, 1, 1),
                                   actor=world.officer_a)
    assert "due_date" in exc.value.message_dict


def test_minutes_need_text_or_a_pdf(world):
    meeting = services.meeting_hold(meeting=world.conference(), actor=world.officer_a)
    with pytest.raises(ValidationError):
        services.meeting_minutes_record(meeting=meeting, text="", actor=world.officer_a)
    meeting = services.meeting_minutes_record(meeting=meeting, text="Biên bản hội nghị…", actor=world.officer_a)
    assert meeting.minutes_text == "Biên bản hội nghị…"


def test_updating_a_meeting_records_what_changed(world):
    meeting = services.meeting_update(meeting=world.conference(), place="Nhà văn hóa khu phố 2",
                                      actor=world.officer_a)
    assert meeting.place == "Nhà văn hóa khu phố 2"
    assert AuditEvent.objects.get(action="meeting.update").changes["place"][1] == "Nhà văn hóa khu phố 2"


def test_a_meeting_date_does_not_depend_on_today(world):
    assert world.conference(starts=D(2020, 1, 2)).starts_at.year == 2020
    assert datetime.date(2020, 1, 2)

"""Public pages: the schedule, a meeting with its counts and public answers (no personal data), questions in
advance (honeypot, rate limit), and the iCalendar feed."""

import datetime

from django.test import override_settings
from django.urls import reverse

from mattran.dialogues import services
from mattran.dialogues.models import Opinion
from mattran.petitions.models import PetitionChannel

from .conftest import D

FUTURE = D(2099, 5, 1)  # fixed, far ahead: the meeting stays upcoming whenever the tests run


def _question(client, meeting, **extra):
    data = {"content": "Bao giờ sửa xong đường Số 5?", "name": "Đặng Thu Hà", "phone": "0903000111", **extra}
    return client.post(reverse("dialogues:detail", args=[meeting.slug]), data)


def test_the_schedule_lists_upcoming_and_past_meetings_per_committee(client, world):
    past = world.conference(title="Hội nghị đã qua")
    upcoming = world.conference(starts=FUTURE, title="Hội nghị sắp tới")
    other = world.conference(organisation=world.ward_b, starts=FUTURE, title="Hội nghị phường B")
    page = client.get(reverse("dialogues:list")).text
    assert past.title in page and upcoming.title in page and other.title in page
    filtered = client.get(reverse("dialogues:list"), {"uy-ban": world.ward_a.slug}).text
    assert upcoming.title in filtered and other.title not in filtered
    assert client.get(reverse("dialogues:list"), {"uy-ban": "khong-co"}).status_code == 400


def test_the_meeting_page_shows_counts_and_answers_but_no_personal_data(client, world):
    meeting = world.conference()
    world.record(meeting, spot_answer="Phường sẽ nạo vét cống trong tháng 12.")
    world.record(meeting, content="Đề nghị lắp đèn hẻm 7.")
    page = client.get(reverse("dialogues:detail", args=[meeting.slug])).text
    assert 'data-count="total">2<' in page and 'data-count="on_the_spot">1<' in page
    assert "Phường sẽ nạo vét cống trong tháng 12." in page
    assert "Võ Văn Tám" not in page and "Khu phố 3" not in page


def test_a_question_in_advance_becomes_a_petition_with_the_meetings_channel(client, world):
    meeting = world.conference(starts=FUTURE)
    response = _question(client, meeting)
    assert response.status_code == 302
    opinion = Opinion.objects.get()
    assert opinion.petition.channel == PetitionChannel.DIALOGUE
    assert "Đặng Thu Hà" not in client.get(reverse("dialogues:detail", args=[meeting.slug])).text


def test_the_honeypot_refuses_and_saves_nothing(client, world):
    meeting = world.conference(starts=FUTURE)
    assert _question(client, meeting, website="http://spam").status_code == 400
    assert not Opinion.objects.exists()


def test_questions_are_refused_once_the_meeting_has_passed(client, world):
    meeting = world.conference()
    assert _question(client, meeting).status_code == 403


def test_a_bad_email_is_a_400_with_nothing_saved(client, world):
    meeting = world.conference(starts=FUTURE)
    assert _question(client, meeting, email="khong-phai-email").status_code == 400
    assert not Opinion.objects.exists()


@override_settings(DIALOGUES_QUESTIONS_PER_IP_PER_HOUR=2)
def test_questions_are_rate_limited_per_address(client, world):
    meeting = world.conference(starts=FUTURE)
    assert _question(client, meeting).status_code == 302
    assert _question(client, meeting).status_code == 302
    response = _question(client, meeting)
    assert response.status_code == 429
    assert Opinion.objects.count() == 2


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_the_ical_feed_is_rfc5545_with_the_time_zone_and_the_place(client, world):
    meeting = world.conference(starts=FUTURE, place="Hội trường UBND phường, số 1 Lê Lợi; tầng 2")
    response = client.get(reverse("dialogues:calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content.decode("utf-8")
    assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in raw.split("\r\n"))
    lines = _unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in lines and "TZID:Asia/Ho_Chi_Minh" in lines
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20990501T080000" in lines
    assert "LOCATION:Hội trường UBND phường\\, số 1 Lê Lợi\\; tầng 2" in lines
    assert f"UID:meeting-{meeting.pk}@testserver" in lines


def test_the_ical_feed_parses_with_icalendar_and_holds_the_upcoming_meeting_with_place_and_zone(client, world):
    import icalendar

    world.conference(starts=FUTURE)
    calendar = icalendar.Calendar.from_ical(client.get(reverse("dialogues:calendar")).content)
    [event] = calendar.walk("VEVENT")
    assert str(event["DTSTART"].dt.tzinfo) == "Asia/Ho_Chi_Minh"
    assert event["DTSTART"].dt == datetime.datetime(2099, 5, 1, 8, tzinfo=event["DTSTART"].dt.tzinfo)
    assert str(event["LOCATION"]) == "Hội trường Ủy ban nhân dân phường"
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]


def test_a_cancelled_meeting_is_cancelled_in_the_feed(client, world):
    meeting = world.conference(starts=FUTURE)
    services.meeting_cancel(meeting=meeting, reason="Hoãn vì mưa bão", actor=world.officer_a)
    assert "STATUS:CANCELLED" in client.get(reverse("dialogues:calendar")).content.decode()

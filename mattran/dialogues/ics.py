"""The public schedule as an iCalendar feed (RFC 5545), built with the ``icalendar`` package (escaping, line
folding, CRLF and the VTIMEZONE component are the library's). Times are local times in Asia/Ho_Chi_Minh."""

import datetime
import zoneinfo

import icalendar
from django.utils import timezone

from .models import Meeting, MeetingStatus

TZID = "Asia/Ho_Chi_Minh"
ZONE = zoneinfo.ZoneInfo(TZID)
PRODID = "-//Mat tran To quoc//Lich doi thoai, tiep xuc cu tri//VI"


def meeting_event(meeting: Meeting, *, url: str, host: str) -> icalendar.Event:
    ends = meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2)
    description = "\n".join(filter(None, [meeting.get_kind_display(), meeting.subject, meeting.agenda,
                                          meeting.organisation.name, url]))
    event = icalendar.Event()
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", (meeting.updated_at or timezone.now()).astimezone(datetime.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(ZONE))
    event.add("dtend", ends.astimezone(ZONE))
    event.add("summary", meeting.title)
    event.add("location", meeting.place)
    event.add("description", description)
    event.add("url", url)
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    return event


def calendar(meetings, *, url_for, host: str, name: str) -> bytes:
    feed = icalendar.Calendar()
    for key, value in (("prodid", PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"), ("method", "PUBLISH"),
                       ("x-wr-calname", name), ("x-wr-timezone", TZID)):
        feed.add(key, value)
    for meeting in meetings:
        feed.add_component(meeting_event(meeting, url=url_for(meeting), host=host))
    feed.add_missing_timezones()
    return feed.to_ical()

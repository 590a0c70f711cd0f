"""The public schedule as an iCalendar feed (RFC 5545), written here: the ``icalendar`` package is not in the
project's environment and the feed is small. Times are local times in Asia/Ho_Chi_Minh with its VTIMEZONE
(UTC+7, no daylight saving since 1975); text values are escaped and lines folded at 75 octets, CRLF-terminated."""

import datetime
import zoneinfo

from django.utils import timezone

from .models import Meeting, MeetingStatus

TZID = "Asia/Ho_Chi_Minh"
ZONE = zoneinfo.ZoneInfo(TZID)
PRODID = "-//Mat tran To quoc//Lich doi thoai, tiep xuc cu tri//VI"
VTIMEZONE = [
    "BEGIN:VTIMEZONE", f"TZID:{TZID}",
    "BEGIN:STANDARD", "DTSTART:19750613T000000", "TZOFFSETFROM:+0700", "TZOFFSETTO:+0700", "TZNAME:ICT",
    "END:STANDARD", "END:VTIMEZONE",
]


def escape(text: str) -> str:
    text = (text or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with one space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _local(value: datetime.datetime) -> str:
    return value.astimezone(ZONE).strftime("%Y%m%dT%H%M%S")


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_lines(meeting: Meeting, *, url: str, host: str) -> list[str]:
    ends = meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2)
    description = "\n".join(filter(None, [meeting.get_kind_display(), meeting.subject, meeting.agenda,
                                          meeting.organisation.name, url]))
    return [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host}",
        f"DTSTAMP:{_utc(meeting.updated_at or timezone.now())}",
        f"DTSTART;TZID={TZID}:{_local(meeting.starts_at)}",
        f"DTEND;TZID={TZID}:{_local(ends)}",
        f"SUMMARY:{escape(meeting.title)}",
        f"LOCATION:{escape(meeting.place)}",
        f"DESCRIPTION:{escape(description)}",
        f"URL:{url}",
        "STATUS:" + ("CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED"),
        "END:VEVENT",
    ]


def calendar(meetings, *, url_for, host: str, name: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape(name)}", f"X-WR-TIMEZONE:{TZID}", *VTIMEZONE]
    for meeting in meetings:
        lines.extend(meeting_lines(meeting, url=url_for(meeting), host=host))
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")

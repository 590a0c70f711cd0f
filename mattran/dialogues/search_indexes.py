"""Feeds the public meeting pages (dialogue conferences and voter-contact sessions, not cancelled ones) into the
site search (see docs/architecture.md, "Search"). Only what /doi-thoai/<slug>/ shows: never an opinion's author."""

from django.urls import reverse
from django.utils import translation

from mattran.search.indexing import model_index_register
from mattran.search.models import SearchKind
from mattran.search.text import search_key

from .models import Meeting, MeetingStatus


def _entry(meeting: Meeting) -> dict:
    with translation.override("vi"):
        url = reverse("dialogues:detail", args=[meeting.slug])
    return {
        "kind": SearchKind.MEETING,
        "key": search_key(meeting),
        "title": meeting.title,
        "body": f"{meeting.subject}\n{meeting.place}\n{meeting.agenda}\n{meeting.hosts}",
        "url": url,
        "organisation": meeting.organisation,
        "category": str(meeting.get_kind_display()),
        "published_at": meeting.starts_at,
        "language": "vi",
    }


model_index_register(
    name="dialogues.meetings",
    model=Meeting,
    public=lambda: Meeting.objects.exclude(status=MeetingStatus.CANCELLED).select_related("organisation"),
    entry=_entry,
)

import pytest

from mattran.dialogues import services
from mattran.search.models import SearchEntry, SearchKind
from mattran.search.selectors import search_query

pytestmark = pytest.mark.django_db


def test_a_planned_conference_is_found_by_its_title_without_diacritics(world):
    meeting = world.conference()
    hits = search_query(text="hoi nghi doi thoai nguoi dung dau")
    assert [hit.entry.url for hit in hits] == [f"/doi-thoai/{meeting.slug}/"]
    assert hits[0].entry.kind == SearchKind.MEETING


def test_a_cancelled_meeting_leaves_the_search(world):
    meeting = world.conference()
    assert SearchEntry.objects.filter(kind=SearchKind.MEETING).count() == 1
    services.meeting_cancel(meeting=meeting, reason="Trùng lịch họp của Đảng ủy phường", actor=world.officer_a)
    assert not SearchEntry.objects.filter(kind=SearchKind.MEETING).exists()

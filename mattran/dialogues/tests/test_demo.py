import pytest
from django.core.management import call_command

from mattran.dialogues.models import Meeting, MeetingKind, MeetingStatus
from mattran.dialogues.selectors import opinion_counts

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_past_voter_contact_sessions_and_an_upcoming_conference_and_runs_twice(tmp_path):
    call_command("load_demo", stdout=open(tmp_path / "out", "w"))  # noqa: SIM115
    call_command("load_demo", stdout=open(tmp_path / "out2", "w"))  # noqa: SIM115
    held = Meeting.objects.filter(kind=MeetingKind.VOTER_CONTACT, status=MeetingStatus.HELD)
    assert held.count() == 2
    upcoming = Meeting.objects.get(kind=MeetingKind.DIALOGUE)
    assert upcoming.status == MeetingStatus.PLANNED and upcoming.opinions.count() == 1
    first = opinion_counts(meeting=held.get(organisation__slug="phuong-minh-phung"))
    assert (first.total, first.on_the_spot, first.forwarded, first.answered_later, first.overdue) == (4, 1, 3, 1, 1)
    assert held.get(organisation__slug="phuong-minh-phung").commitments.count() == 1
    assert held.get(organisation__slug="phuong-minh-phung").article_links.count() == 1

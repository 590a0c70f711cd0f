import datetime

import pytest
from django.utils import timezone

from mattran.accounts.models import Role
from mattran.dialogues import services
from mattran.dialogues.models import ElectedBody, MeetingKind, SessionTiming
from mattran.organisations.models import OrganisationKind
from mattran.organisations.tests.factories import (
    BodyFactory,
    OrganisationFactory,
    RoutingRuleFactory,
    TopicFactory,
)
from mattran.petitions.tests.conftest import grant

D = datetime.date
CONFERENCE_DAY, CONTACT_DAY, SESSION_DAY = D(2026, 11, 20), D(2026, 11, 25), D(2026, 12, 10)


def at(day: datetime.date, hour: int = 8) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, 0))


class DialogueWorld:
    """A city committee with two wards, a People's Committee per ward (with routing rules), an officer per ward."""

    def __init__(self):
        self.city = OrganisationFactory(name="Ủy ban MTTQ Việt Nam Thành phố", kind=OrganisationKind.PROVINCE_COMMITTEE)
        self.ward_a = OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường A", parent=self.city)
        self.ward_b = OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường B", parent=self.city)
        self.topic = TopicFactory(name="Đô thị")
        self.body_a = BodyFactory(name="Ủy ban nhân dân phường A", area=self.ward_a)
        self.body_b = BodyFactory(name="Ủy ban nhân dân phường B", area=self.ward_b)
        RoutingRuleFactory(organisation=self.ward_a, topic=None, body=self.body_a)
        RoutingRuleFactory(organisation=self.ward_b, topic=None, body=self.body_b)
        self.officer_city = grant(self.city, Role.OFFICER)
        self.officer_a = grant(self.ward_a, Role.OFFICER)
        self.officer_b = grant(self.ward_b, Role.OFFICER)

    def conference(self, organisation=None, starts=CONFERENCE_DAY, **overrides):
        organisation = organisation or self.ward_a
        fields = {
            "organisation": organisation, "kind": MeetingKind.DIALOGUE,
            "title": "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền phường với Nhân dân",
            "starts_at": at(starts), "ends_at": at(starts, 11), "place": "Hội trường Ủy ban nhân dân phường",
            "topic": self.topic, "hosts": "Nguyễn Văn An — Bí thư Đảng ủy phường\nLê Thị Hoa — Chủ tịch UBND phường",
            "leader_body": self.body_a if organisation == self.ward_a else self.body_b,
            "actor": self.officer_a if organisation == self.ward_a else self.officer_b,
        }
        fields.update(overrides)
        return services.meeting_plan(**fields)

    def session(self, name="Kỳ họp thứ 10, HĐND Thành phố khóa X", starts_on=SESSION_DAY):
        return services.council_session_create(organisation=self.city, elected_body=ElectedBody.CITY_COUNCIL,
                                               name=name, starts_on=starts_on, actor=self.officer_city)

    def voter_contact(self, session, organisation=None, starts=CONTACT_DAY, **overrides):
        fields = {"kind": MeetingKind.VOTER_CONTACT, "title": f"Tiếp xúc cử tri trước {session.name}",
                  "elected_body": session.elected_body, "session": session, "session_timing": SessionTiming.BEFORE,
                  "delegates": "Trần Văn Bình\nPhạm Thị Cúc"}
        fields.update(overrides)
        return self.conference(organisation=organisation, starts=starts, **fields)

    def record(self, meeting, content="Đề nghị sửa đường hẻm 12 bị ngập khi mưa.", **overrides):
        fields = {"meeting": meeting, "content": content, "speaker_name": "Võ Văn Tám", "neighbourhood": "Khu phố 3",
                  "actor": self.officer_a if meeting.organisation == self.ward_a else self.officer_b}
        fields.update(overrides)
        return services.opinion_record(**fields)


@pytest.fixture
def world(db):
    return DialogueWorld()

import datetime

import pytest

from mattran.accounts.models import Role
from mattran.organisations.models import OrganisationKind
from mattran.organisations.tests.factories import BodyFactory, OrganisationFactory, TopicFactory
from mattran.petitions.tests.conftest import grant
from mattran.supervision import services
from mattran.supervision.models import SupervisionForm

D = datetime.date


class SupervisionWorld:
    """A city committee with two wards, a People's Committee per ward, an officer per ward and the city, and a
    liaison of ward A's body."""

    def __init__(self):
        self.city = OrganisationFactory(name="Ủy ban MTTQ Việt Nam Thành phố", kind=OrganisationKind.PROVINCE_COMMITTEE)
        self.ward_a = OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường A", parent=self.city)
        self.ward_b = OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường B", parent=self.city)
        self.topic = TopicFactory(name="Môi trường")
        self.body_a = BodyFactory(name="Ủy ban nhân dân phường A", area=self.ward_a)
        self.body_b = BodyFactory(name="Ủy ban nhân dân phường B", area=self.ward_b)
        self.officer_city = grant(self.city, Role.OFFICER)
        self.officer_a = grant(self.ward_a, Role.OFFICER)
        self.officer_b = grant(self.ward_b, Role.OFFICER)
        self.liaison_a = grant(self.ward_a, Role.LIAISON, body=self.body_a)

    def activity(self, organisation=None, **overrides):
        fields = {
            "organisation": organisation or self.ward_a,
            "form": SupervisionForm.DELEGATION,
            "title": "Giám sát việc thu gom rác thải sinh hoạt",
            "topic": self.topic,
            "subjects": [self.body_a],
            "planned_start": D(2026, 9, 1),
            "planned_end": D(2026, 9, 30),
            "actor": self.officer_a,
        }
        fields.update(overrides)
        return services.activity_create(**fields)

    def recommendation(self, activity=None, **overrides):
        fields = {
            "activity": activity or self.activity(),
            "addressee": self.body_a,
            "text": "Bố trí lịch thu gom rác hằng ngày tại các hẻm.",
            "legal_basis": "Luật Bảo vệ môi trường 2020",
            "actor": self.officer_a,
        }
        fields.update(overrides)
        return services.recommendation_draft(**fields)

    def issued(self, issued_on=None, **overrides):
        recommendation = self.recommendation(**overrides)
        return services.recommendation_issue(
            recommendation=recommendation, issued_on=issued_on or D(2026, 10, 1), actor=self.officer_a
        )


@pytest.fixture
def world(db):
    return SupervisionWorld()

import pytest

from mattran.accounts.models import Role
from mattran.accounts.services import membership_grant
from mattran.accounts.tests.factories import UserFactory
from mattran.organisations.models import OrganisationKind
from mattran.organisations.tests.factories import (
    BodyFactory,
    OrganisationFactory,
    RoutingRuleFactory,
    TopicFactory,
)
from mattran.petitions import services
from mattran.petitions.models import PetitionChannel, PetitionKind


def grant(organisation, role, body=None):
    user = UserFactory()
    membership_grant(actor="test", user=user, organisation=organisation, role=role, body=body)
    return user


class World:
    """Two wards of one city, a body per ward with a routing rule, an officer per ward and a liaison."""

    def __init__(self):
        self.city = OrganisationFactory(name="Ủy ban MTTQ Việt Nam Thành phố", kind=OrganisationKind.PROVINCE_COMMITTEE)
        self.ward_a = OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường A", parent=self.city)
        self.ward_b = OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường B", parent=self.city)
        self.topic = TopicFactory(name="Môi trường")
        self.body_a = BodyFactory(name="Ủy ban nhân dân phường A", area=self.ward_a)
        self.body_b = BodyFactory(name="Ủy ban nhân dân phường B", area=self.ward_b)
        RoutingRuleFactory(organisation=self.ward_a, topic=None, body=self.body_a)
        RoutingRuleFactory(organisation=self.ward_b, topic=None, body=self.body_b)
        # Through the service, so the users get the Wagtail group that opens the admin, as in production.
        self.officer_a = grant(self.ward_a, Role.OFFICER)
        self.officer_b = grant(self.ward_b, Role.OFFICER)
        self.liaison_a = grant(self.ward_a, Role.LIAISON, body=self.body_a)

    def submit(self, organisation=None, **overrides):
        fields = {
            "channel": PetitionChannel.WEB,
            "kind": PetitionKind.PETITION,
            "topic": self.topic,
            "title": "Rác thải tồn đọng ở đầu hẻm 45",
            "content": "Rác để ở đầu hẻm nhiều ngày không được thu gom, bốc mùi.",
            "organisation": organisation or self.ward_a,
            "address": "Đầu hẻm 45, khu phố 2",
            "submitter_name": "Trần Văn Hải",
            "submitter_phone": "0912345678",
            "submitter_email": "hai.tran@example.vn",
            "actor": "công dân (cổng thông tin)",
        }
        fields.update(overrides)
        return services.petition_submit(**fields)

    def forwarded(self, **overrides):
        petition = self.submit(**overrides)
        services.petition_accept(petition=petition, actor=self.officer_a)
        return services.petition_forward(petition=petition, actor=self.officer_a)

    def answered(self, **overrides):
        petition = self.forwarded(**overrides)
        services.petition_acknowledge(petition=petition, actor=self.liaison_a)
        return services.petition_answer(petition=petition, text="Đã thu gom rác và bố trí lịch thu hằng ngày.", actor=self.liaison_a)

    def accepted(self, **overrides):
        """The Front reviewed the answer and accepted it (public text: the body's own words)."""
        petition = self.answered(**overrides)
        return services.answer_accept(petition=petition, public_text=petition.answer_text, actor=self.officer_a)

    def informed(self, **overrides):
        petition = self.accepted(**overrides)
        return services.petition_inform(petition=petition, method="phone", actor=self.officer_a)


@pytest.fixture
def world(db):
    return World()

import factory

from mattran.organisations.tests.factories import BodyFactory, OrganisationFactory, TopicFactory
from mattran.petitions.models import (
    Petition,
    PetitionChannel,
    PetitionKind,
    PetitionStatus,
    reference_allocate,
    tracking_code_new,
)


class PetitionFactory(factory.django.DjangoModelFactory):
    """A submitted petition; move it along with the services, not by setting ``status``."""

    class Meta:
        model = Petition

    reference = factory.LazyFunction(lambda: reference_allocate()[0])
    tracking_code = factory.LazyFunction(tracking_code_new)
    channel = PetitionChannel.WEB
    kind = PetitionKind.PETITION
    topic = factory.SubFactory(TopicFactory)
    title = factory.Sequence(lambda n: f"Đèn chiếu sáng hẻm {n} bị hỏng")
    content = "Đèn chiếu sáng trong hẻm đã hỏng hai tuần, buổi tối rất tối và nguy hiểm."
    organisation = factory.SubFactory(OrganisationFactory)
    address = "Hẻm 12, khu phố 3"
    submitter_name = "Nguyễn Thị Lan"
    submitter_phone = "0903123456"
    submitter_email = "lan.nguyen@example.vn"
    status = PetitionStatus.SUBMITTED


__all__ = ["BodyFactory", "OrganisationFactory", "PetitionFactory", "TopicFactory"]

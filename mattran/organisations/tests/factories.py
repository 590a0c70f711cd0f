import factory

from mattran.organisations.models import Body, BodyKind, Organisation, OrganisationKind, RoutingRule, Topic


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Ủy ban MTTQ Việt Nam phường Số {n}")
    kind = OrganisationKind.COMMUNE_COMMITTEE
    parent = None


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Ủy ban nhân dân phường Số {n}")
    kind = BodyKind.PEOPLES_COMMITTEE
    area = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"ubnd{n}@example.vn")


class RoutingRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutingRule

    organisation = factory.SubFactory(OrganisationFactory)
    topic = factory.SubFactory(TopicFactory)
    body = factory.SubFactory(BodyFactory)

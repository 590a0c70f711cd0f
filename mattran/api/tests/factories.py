import factory

from mattran.api.models import ApiKey, api_key_hash
from mattran.organisations.tests.factories import OrganisationFactory


class ApiKeyFactory(factory.django.DjangoModelFactory):
    """A key whose raw value is ``raw`` (kept on the instance for the test; never stored)."""

    class Meta:
        model = ApiKey
        exclude = ("raw",)

    raw = factory.Sequence(lambda n: f"mt_test-key-{n:040d}")
    name = factory.Sequence(lambda n: f"Ứng dụng {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    prefix = factory.LazyAttribute(lambda o: o.raw[:11])
    key_hash = factory.LazyAttribute(lambda o: api_key_hash(o.raw))

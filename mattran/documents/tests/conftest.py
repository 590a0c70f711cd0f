import pytest

from mattran.accounts.models import Role
from mattran.accounts.services import membership_grant
from mattran.accounts.tests.factories import UserFactory
from mattran.organisations.tests.factories import OrganisationFactory


@pytest.fixture
def ward_a(db):
    return OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường A")


@pytest.fixture
def ward_b(db):
    return OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường B")


@pytest.fixture
def officer_a(ward_a):
    user = UserFactory()
    membership_grant(actor=None, user=user, organisation=ward_a, role=Role.OFFICER)
    return user

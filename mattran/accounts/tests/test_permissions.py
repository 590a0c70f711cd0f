import pytest

from mattran.accounts.models import Role
from mattran.accounts.permissions import (
    body_ids_for_liaison,
    organisation_filter,
    organisation_list_for,
    user_can_access_organisation,
)
from mattran.accounts.tests.factories import MembershipFactory, UserFactory
from mattran.organisations.models import Body, OrganisationKind
from mattran.organisations.tests.factories import BodyFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    city = OrganisationFactory(
        name="Ủy ban MTTQ Việt Nam Thành phố", kind=OrganisationKind.PROVINCE_COMMITTEE
    )
    ward_a = OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường A", parent=city)
    ward_b = OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường B", parent=city)
    area_a = OrganisationFactory(parent=ward_a, kind=OrganisationKind.RESIDENTIAL_COMMITTEE)
    return city, ward_a, ward_b, area_a


def test_ward_officer_reaches_own_ward_and_below_but_not_another_ward(tree):
    city, ward_a, ward_b, area_a = tree
    officer = MembershipFactory(organisation=ward_a, role=Role.OFFICER).user
    assert user_can_access_organisation(user=officer, organisation=ward_a)
    assert user_can_access_organisation(user=officer, organisation=area_a)
    assert not user_can_access_organisation(user=officer, organisation=ward_b)
    assert not user_can_access_organisation(user=officer, organisation=city)


def test_city_officer_reaches_every_ward(tree):
    city, ward_a, ward_b, area_a = tree
    officer = MembershipFactory(organisation=city, role=Role.OFFICER).user
    assert set(organisation_list_for(user=officer)) == {city, ward_a, ward_b, area_a}


def test_organisation_filter_hides_another_wards_objects(tree):
    city, ward_a, ward_b, _ = tree
    body_a, body_b = BodyFactory(area=ward_a), BodyFactory(area=ward_b)
    ward_officer = MembershipFactory(organisation=ward_a).user
    city_officer = MembershipFactory(organisation=city).user
    assert list(organisation_filter(Body.objects.all(), user=ward_officer, field="area")) == [body_a]
    assert set(organisation_filter(Body.objects.all(), user=city_officer, field="area")) == {body_a, body_b}


def test_user_without_membership_sees_nothing_and_superuser_sees_all(tree):
    BodyFactory(area=tree[1])
    assert not organisation_filter(Body.objects.all(), user=UserFactory(), field="area").exists()
    admin = UserFactory(is_superuser=True)
    assert organisation_filter(Body.objects.all(), user=admin, field="area").count() == 1


def test_editor_role_does_not_grant_officer_access_but_admin_role_does(tree):
    _, ward_a, _, _ = tree
    editor = MembershipFactory(organisation=ward_a, role=Role.EDITOR).user
    admin = MembershipFactory(organisation=ward_a, role=Role.ADMIN).user
    assert not user_can_access_organisation(user=editor, organisation=ward_a)
    assert user_can_access_organisation(user=admin, organisation=ward_a)
    assert user_can_access_organisation(user=editor, organisation=ward_a, roles=[Role.EDITOR])


def test_expired_membership_grants_nothing(tree):
    import datetime

    _, ward_a, _, _ = tree
    officer = MembershipFactory(organisation=ward_a, valid_to=datetime.date(2020, 1, 1)).user
    assert not user_can_access_organisation(user=officer, organisation=ward_a)


def test_liaison_answers_for_its_body_only(tree):
    _, ward_a, _, _ = tree
    body = BodyFactory(area=ward_a)
    liaison = MembershipFactory(organisation=ward_a, role=Role.LIAISON, body=body).user
    assert body_ids_for_liaison(user=liaison) == {body.pk}
    assert not user_can_access_organisation(user=liaison, organisation=ward_a)

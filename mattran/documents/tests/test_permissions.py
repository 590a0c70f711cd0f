import pytest

from mattran.accounts.tests.factories import UserFactory
from mattran.documents.models import Document
from mattran.documents.permissions import DocumentPermissionPolicy, user_can_manage_documents

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_policy_reaches_only_the_officers_organisations(officer_a, ward_a, ward_b):
    own, other = DocumentFactory(organisation=ward_a), DocumentFactory(organisation=ward_b)
    policy = DocumentPermissionPolicy(Document)
    assert policy.user_has_permission(officer_a, "change")
    assert policy.user_has_permission_for_instance(officer_a, "change", own)
    assert not policy.user_has_permission_for_instance(officer_a, "change", other)
    assert list(policy.instances_user_has_permission_for(officer_a, "change")) == [own]


def test_users_without_a_membership_cannot_manage_the_register():
    user = UserFactory(is_staff=True)
    assert not user_can_manage_documents(user=user)
    assert not DocumentPermissionPolicy(Document).user_has_permission(user, "add")


def test_users_with_any_permission_are_superusers_and_members(officer_a):
    superuser = UserFactory(is_superuser=True)
    UserFactory()
    users = set(DocumentPermissionPolicy(Document).users_with_any_permission(["change"]))
    assert users == {officer_a, superuser}

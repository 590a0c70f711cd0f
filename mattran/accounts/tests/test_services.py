import pytest
from django.contrib.auth.models import Group

from mattran.accounts.models import Role
from mattran.accounts.services import membership_grant, membership_revoke
from mattran.accounts.tests.factories import UserFactory
from mattran.core.models import AuditEvent
from mattran.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_grant_adds_role_group_staff_flag_and_audit_row():
    admin, user, ward = UserFactory(is_superuser=True), UserFactory(), OrganisationFactory()
    membership = membership_grant(actor=admin, user=user, organisation=ward, role=Role.OFFICER)
    user.refresh_from_db()
    assert user.is_staff
    assert user.groups.filter(name="Cán bộ Mặt trận").exists()
    assert AuditEvent.objects.filter(
        action="membership.grant", actor=admin, target_id=str(membership.pk)
    ).exists()


def test_role_groups_may_enter_the_admin():
    for group in Group.objects.filter(
        name__in=["Quản trị", "Biên tập viên", "Cán bộ Mặt trận", "Cán bộ đầu mối cơ quan"]
    ):
        assert group.permissions.filter(codename="access_admin").exists()


def test_revoke_removes_group_when_last_membership_of_that_role_goes():
    admin, user, ward = UserFactory(is_superuser=True), UserFactory(), OrganisationFactory()
    membership = membership_grant(actor=admin, user=user, organisation=ward, role=Role.EDITOR)
    membership_revoke(actor=admin, membership=membership)
    assert not user.groups.filter(name="Biên tập viên").exists()
    assert AuditEvent.objects.filter(action="membership.revoke").exists()


def test_liaison_membership_requires_a_body():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        membership_grant(
            actor=None, user=UserFactory(), organisation=OrganisationFactory(), role=Role.LIAISON
        )

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
    groups = Group.objects.filter(name__in=["Quản trị", "Biên tập viên", "Cán bộ Mặt trận", "Cán bộ đầu mối cơ quan"])
    assert groups.count() == 4
    for group in groups:
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


def _portal(organisation, parent=None):
    from mattran.news.tests.factories import make_portal

    return make_portal(organisation=organisation, parent=parent)


def test_grant_puts_an_editor_in_the_organisations_own_group_with_rights_on_its_portal_only():
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    from mattran.accounts.models import OrganisationCollection, OrganisationGroup

    city = OrganisationFactory(name="Ủy ban MTTQ Thành phố")
    ward = OrganisationFactory(name="Ủy ban MTTQ phường Bình Thới", parent=city)
    city_portal = _portal(city)
    ward_portal = _portal(ward, parent=city_portal)
    user = UserFactory()
    membership_grant(actor=None, user=user, organisation=ward, role=Role.EDITOR)
    group = OrganisationGroup.objects.get(organisation=ward, role=Role.EDITOR).group
    assert group.name == "Biên tập viên · Ủy ban MTTQ phường Bình Thới"
    assert set(user.groups.values_list("name", flat=True)) == {"Biên tập viên", group.name}
    assert set(GroupPagePermission.objects.filter(group=group).values_list("page_id", flat=True)) == {ward_portal.pk}
    ward_collection = OrganisationCollection.objects.get(organisation=ward).collection
    city_collection = OrganisationCollection.objects.get(organisation=city).collection
    assert ward_collection.get_parent() == city_collection
    assert set(GroupCollectionPermission.objects.filter(group=group).values_list("collection_id", flat=True)) == {
        ward_collection.pk
    }


def test_groups_sync_is_idempotent_and_follows_renames():
    from mattran.accounts.services import organisation_groups_sync

    ward = OrganisationFactory(name="Ủy ban MTTQ phường A")
    first = organisation_groups_sync(organisation=ward)
    events = AuditEvent.objects.filter(action="organisation.groups_sync").count()
    assert organisation_groups_sync(organisation=ward) == first
    assert AuditEvent.objects.filter(action="organisation.groups_sync").count() == events  # nothing changed
    ward.name = "Ủy ban MTTQ phường A mới"
    ward.save()
    names = {g.name for g in organisation_groups_sync(organisation=ward)}
    assert names == {"Quản trị · Ủy ban MTTQ phường A mới", "Biên tập viên · Ủy ban MTTQ phường A mới"}


def test_officer_membership_gives_no_page_rights():
    from mattran.accounts.models import OrganisationGroup

    user = UserFactory()
    membership_grant(actor=None, user=user, organisation=OrganisationFactory(), role=Role.OFFICER)
    assert not OrganisationGroup.objects.filter(group__user=user).exists()
    assert user.groups.get().name == "Cán bộ Mặt trận"


def test_membership_starting_later_gives_rights_from_its_first_day():
    import datetime

    from django.utils import timezone

    from mattran.accounts.services import accounts_daily_run

    start = timezone.localdate() + datetime.timedelta(days=3)
    user = UserFactory()
    membership_grant(actor=None, user=user, organisation=OrganisationFactory(), role=Role.EDITOR, valid_from=start)
    user.refresh_from_db()
    assert not user.is_staff and not user.groups.exists()
    accounts_daily_run(day=start)
    user.refresh_from_db()
    assert user.is_staff and user.groups.count() == 2


def test_daily_pass_removes_someone_added_by_hand_to_an_organisation_group():
    from mattran.accounts.services import accounts_daily_run, organisation_groups_sync

    ward = OrganisationFactory()
    group = organisation_groups_sync(organisation=ward)[1]
    stranger = UserFactory()
    stranger.groups.add(group)
    accounts_daily_run()
    assert not stranger.groups.exists()


def test_revoking_one_of_two_memberships_keeps_the_other_rights():
    user = UserFactory()
    ward_a, ward_b = OrganisationFactory(), OrganisationFactory()
    first = membership_grant(actor=None, user=user, organisation=ward_a, role=Role.EDITOR)
    membership_grant(actor=None, user=user, organisation=ward_b, role=Role.EDITOR)
    membership_revoke(actor=None, membership=first)
    user.refresh_from_db()
    assert user.is_staff
    assert set(user.groups.values_list("organisation_rights__organisation", flat=True)) == {None, ward_b.pk}


def test_membership_update_refuses_fields_it_does_not_edit_and_records_changes():
    import datetime

    from django.core.exceptions import ValidationError

    from mattran.accounts.services import membership_update

    user = UserFactory()
    membership = membership_grant(actor=None, user=user, organisation=OrganisationFactory(), role=Role.EDITOR)
    with pytest.raises(ValidationError):
        membership_update(actor=None, membership=membership, user=UserFactory())
    membership_update(actor=None, membership=membership, valid_to=datetime.date(2020, 1, 1))
    user.refresh_from_db()
    assert not user.is_staff and not user.groups.exists()
    event = AuditEvent.objects.get(action="membership.update")
    assert "valid_to" in event.changes

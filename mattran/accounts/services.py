from django.contrib.auth.models import Group, Permission
from django.db import transaction

from mattran.core.services import audit_record
from mattran.organisations.models import Body, Organisation

from .models import Membership, Role, User

# Wagtail groups that give each role its admin permissions; created by migration 0002.
ROLE_GROUPS = {
    Role.ADMIN: "Quản trị",
    Role.EDITOR: "Biên tập viên",
    Role.OFFICER: "Cán bộ Mặt trận",
    Role.LIAISON: "Cán bộ đầu mối cơ quan",
}


def role_group_get(*, role: str) -> Group:
    """The role's Wagtail group (migration 0002 makes them; a flushed test database may not have them),
    always with the permission to enter the admin."""
    group, _ = Group.objects.get_or_create(name=ROLE_GROUPS[role])
    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    if access_admin is not None:
        group.permissions.add(access_admin)
    return group


@transaction.atomic
def user_create(
    *, actor, username: str, password: str | None, full_name: str = "", email: str = "", **fields
) -> User:
    user = User(username=username, full_name=full_name, email=email, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(actor=actor, action="user.create", target=user, changes={"username": username})
    return user


@transaction.atomic
def membership_grant(
    *, actor, user: User, organisation: Organisation, role: str, body: Body | None = None
) -> Membership:
    membership = Membership.objects.filter(user=user, organisation=organisation, role=role).first()
    created = membership is None
    if created:
        membership = Membership(user=user, organisation=organisation, role=role)
    membership.body, membership.valid_to = body, None
    membership.full_clean()
    membership.save()
    user.groups.add(role_group_get(role=role))
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    audit_record(
        actor=actor,
        action="membership.grant",
        target=membership,
        changes={"user": user, "organisation": organisation, "role": role, "body": body, "created": created},
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> None:
    user, role = membership.user, membership.role
    audit_record(
        actor=actor,
        action="membership.revoke",
        target=membership,
        changes={"user": user, "organisation": membership.organisation, "role": role},
    )
    membership.delete()
    if not user.memberships.filter(role=role).exists():
        user.groups.remove(*Group.objects.filter(name=ROLE_GROUPS[role]))

"""Every write to users and memberships, and the Wagtail rights derived from memberships.

Wagtail decides page, image and document rights from groups. Each (organisation, role) that edits the portal
has its own group (``OrganisationGroup``) holding ``GroupPagePermission`` on the organisation's portal page and
``GroupCollectionPermission`` on its collection; Wagtail inherits both down the page and collection trees, which
are nested like the organisation tree, so a city committee's staff reach their wards and a ward's staff reach
nothing else. ``user_rights_sync`` puts a user in exactly the groups of their *active* memberships; the
membership services and the daily task (``accounts_daily``) call it.
"""

import datetime

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from mattran.core.services import audit_record, model_changes
from mattran.organisations.models import Body, Organisation

from .models import Membership, OrganisationCollection, OrganisationGroup, Role, User

# Global Wagtail groups, one per role (migration 0002): they only let the role into the admin. Django model
# permissions are global (they cannot say "ward A but not ward B"), so the project's own admin views (petitions,
# register, API keys) check memberships instead, and these groups carry no page or collection rights.
ROLE_GROUPS = {
    Role.ADMIN: "Quản trị",
    Role.EDITOR: "Biên tập viên",
    Role.OFFICER: "Cán bộ Mặt trận",
    Role.LIAISON: "Cán bộ đầu mối cơ quan",
}
# Roles that edit the portal: their per-organisation group carries these Wagtail rights. Officers work in the
# petition queue and the register, liaisons only answer petitions; neither touches pages.
TREE_ROLES = (Role.ADMIN, Role.EDITOR)
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "delete_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "delete_document", "choose_document"),
}


def role_group_get(*, role: str) -> Group:
    """The role's Wagtail group (migration 0002 makes them; a flushed test database may not have them),
    always with the permission to enter the admin."""
    group, _ = Group.objects.get_or_create(name=ROLE_GROUPS[role])
    _grant_admin_access(group)
    return group


def _grant_admin_access(group: Group) -> None:
    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    if access_admin is not None:
        group.permissions.add(access_admin)


def _permissions(app_label: str, codenames) -> list[Permission]:
    return list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def _portal_pages(organisation: Organisation) -> list[Page]:
    """The organisation's portal pages, through the ``portals`` reverse relation of ``news.HomePage``
    (accounts is a foundation app and does not import news)."""
    portals = getattr(organisation, "portals", None)
    if portals is None:
        return []
    return list(Page.objects.filter(pk__in=portals.values("pk")))


def _organisation_collection(organisation: Organisation) -> Collection:
    """The organisation's collection, created under its parent's (or the root collection) and moved when the
    organisation moved in the tree."""
    parent = (
        _organisation_collection(organisation.parent)
        if organisation.parent_id
        else Collection.get_first_root_node()
    )
    link = OrganisationCollection.objects.filter(organisation=organisation).select_related("collection").first()
    name = organisation.name[:255]
    if link is None:
        collection = parent.add_child(instance=Collection(name=name))
        OrganisationCollection.objects.create(organisation=organisation, collection=collection)
        return collection
    collection = link.collection
    if collection.get_parent().pk != parent.pk:
        collection.move(parent, pos="sorted-child")
        collection = Collection.objects.get(pk=collection.pk)
    if collection.name != name:
        collection.name = name
        collection.save(update_fields=["name"])
    return collection


def _group_name(organisation: Organisation, role: str, group: Group | None) -> str:
    name = f"{Role(role).label} · {organisation.name}"[:150]
    if Group.objects.filter(name=name).exclude(pk=getattr(group, "pk", None)).exists():
        name = f"{Role(role).label} · {organisation.slug}"[:150]
    return name


def _set_rows(model, group: Group, field: str, wanted: set[tuple[int, int]]) -> bool:
    """Make ``group``'s rows of ``model`` (object ``field`` × permission) exactly ``wanted``."""
    rows = model.objects.filter(group=group)
    have = set(rows.values_list(f"{field}_id", "permission_id"))
    for object_id, permission_id in have - wanted:
        rows.filter(**{f"{field}_id": object_id, "permission_id": permission_id}).delete()
    model.objects.bulk_create(
        [model(group=group, permission_id=p, **{f"{field}_id": o}) for o, p in wanted - have]
    )
    return have != wanted


def _organisation_group(organisation: Organisation, role: str) -> tuple[OrganisationGroup, bool]:
    """The (organisation, role) group with its permissions set; True when anything changed."""
    link = OrganisationGroup.objects.filter(organisation=organisation, role=role).select_related("group").first()
    changed = link is None
    if link is None:
        group = Group.objects.create(name=_group_name(organisation, role, None))
        link = OrganisationGroup.objects.create(organisation=organisation, role=role, group=group)
    group = link.group
    name = _group_name(organisation, role, group)
    if group.name != name:
        group.name, changed = name, True
        group.save(update_fields=["name"])
    _grant_admin_access(group)
    page_permissions = _permissions("wagtailcore", PAGE_PERMISSIONS)
    pages = {(page.pk, p.pk) for page in _portal_pages(organisation) for p in page_permissions}
    changed |= _set_rows(GroupPagePermission, group, "page", pages)
    collection = _organisation_collection(organisation)
    collection_permissions = [
        p for app_label, codenames in COLLECTION_PERMISSIONS.items() for p in _permissions(app_label, codenames)
    ]
    changed |= _set_rows(
        GroupCollectionPermission, group, "collection", {(collection.pk, p.pk) for p in collection_permissions}
    )
    return link, changed


def organisation_collection_get(*, organisation: Organisation) -> Collection:
    """Where the organisation's images and documents go (created on first use)."""
    with transaction.atomic():
        return _organisation_collection(organisation)


@transaction.atomic
def organisation_groups_sync(*, organisation: Organisation, actor=None) -> list[Group]:
    """Create or update the organisation's per-role groups, their page and collection permissions, and their
    members (the users with an active membership of that role there). Idempotent."""
    groups, changed = [], False
    today = timezone.localdate()
    for role in TREE_ROLES:
        link, group_changed = _organisation_group(organisation, role)
        changed |= group_changed
        members = set(
            Membership.objects.active_on(today)
            .filter(organisation=organisation, role=role)
            .values_list("user_id", flat=True)
        )
        have = set(link.group.user_set.values_list("pk", flat=True))
        if members != have:
            changed = True
            link.group.user_set.remove(*(have - members))
            link.group.user_set.add(*(members - have))
        groups.append(link.group)
    if changed:
        audit_record(
            actor=actor, action="organisation.groups_sync", target=organisation,
            changes={"groups": [g.name for g in groups]},
        )
    return groups


@transaction.atomic
def portal_rights_sync(*, page: Page, actor=None) -> None:
    """After a portal page was created or edited: its organisation's groups get rights on it, and the groups
    of an organisation it no longer belongs to lose them at once (not at the next daily pass)."""
    organisations = set(Organisation.objects.filter(rights_groups__group__page_permissions__page=page).distinct())
    organisation = getattr(page.specific, "organisation", None)
    if organisation is not None:
        organisations.add(organisation)
    for organisation in organisations:
        organisation_groups_sync(organisation=organisation, actor=actor)


def _managed_groups() -> Q:
    return Q(organisation_rights__isnull=False) | Q(name__in=ROLE_GROUPS.values())


@transaction.atomic
def user_rights_sync(*, user: User, actor=None, day: datetime.date | None = None) -> bool:
    """Put ``user`` in exactly the role groups and per-organisation groups of their memberships active on
    ``day`` (today), and set ``is_staff`` to whether any remains (superusers keep it). True when changed."""
    active = list(Membership.objects.active_on(day or timezone.localdate()).filter(user=user).select_related(
        "organisation"
    ))
    wanted = {role_group_get(role=m.role) for m in active}
    wanted |= {_organisation_group(m.organisation, m.role)[0].group for m in active if m.role in TREE_ROLES}
    have = set(user.groups.filter(_managed_groups()))
    is_staff = bool(active) or user.is_superuser
    if have == wanted and user.is_staff == is_staff:
        return False
    user.groups.remove(*(have - wanted))
    user.groups.add(*(wanted - have))
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])
    audit_record(
        actor=actor,
        action="user.rights_sync",
        target=user,
        changes={
            "added": sorted(g.name for g in wanted - have),
            "removed": sorted(g.name for g in have - wanted),
            "is_staff": is_staff,
        },
    )
    return True


def accounts_daily_run(*, day: datetime.date | None = None) -> dict:
    """End the rights of memberships that ran out (and start those whose ``valid_from`` came): every user
    with a membership or in a managed group is brought in step. Each user is its own transaction."""
    for organisation in Organisation.objects.filter(rights_groups__isnull=False).distinct():
        organisation_groups_sync(organisation=organisation, actor="accounts_daily")  # members, renames, moves
    users = User.objects.filter(Q(memberships__isnull=False) | Q(groups__in=Group.objects.filter(_managed_groups())))
    changed = sum(user_rights_sync(user=user, actor="accounts_daily", day=day) for user in users.distinct())
    return {"users_changed": changed}


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
    *,
    actor,
    user: User,
    organisation: Organisation,
    role: str,
    body: Body | None = None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> Membership:
    """Give ``user`` ``role`` at ``organisation`` (re-activating an ended membership of the same role there)
    and the Wagtail rights that come with it."""
    membership = Membership.objects.filter(user=user, organisation=organisation, role=role).first()
    created = membership is None
    if created:
        membership = Membership(user=user, organisation=organisation, role=role)
    membership.body, membership.valid_to = body, valid_to
    if valid_from is not None or created:
        membership.valid_from = valid_from
    membership.full_clean()
    membership.save()
    user_rights_sync(user=user, actor=actor)
    audit_record(
        actor=actor,
        action="membership.grant",
        target=membership,
        changes={
            "user": user, "organisation": organisation, "role": role, "body": body, "created": created,
            "valid_from": membership.valid_from, "valid_to": membership.valid_to,
        },
    )
    return membership


MEMBERSHIP_EDITABLE_FIELDS = ["organisation", "role", "body", "valid_from", "valid_to"]


@transaction.atomic
def membership_update(*, actor, membership: Membership, **fields) -> Membership:
    """Change a membership's organisation, role, body or validity; the user's rights follow at once."""
    unknown = set(fields) - set(MEMBERSHIP_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Không thể sửa các trường: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    old = {name: getattr(membership, name) for name in MEMBERSHIP_EDITABLE_FIELDS}
    for name, value in fields.items():
        setattr(membership, name, value)
    membership.full_clean()
    membership.save()
    user_rights_sync(user=membership.user, actor=actor)
    changes = model_changes(membership, MEMBERSHIP_EDITABLE_FIELDS, old)
    audit_record(actor=actor, action="membership.update", target=membership, changes=changes)
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> None:
    """Delete the membership; the user leaves the groups it gave (and the admin, when none remains)."""
    user, role = membership.user, membership.role
    audit_record(
        actor=actor,
        action="membership.revoke",
        target=membership,
        changes={"user": user, "organisation": membership.organisation, "role": role},
    )
    membership.delete()
    user_rights_sync(user=user, actor=actor)

"""Page rights per organisation instead of global groups.

Deletes Wagtail's default "Editors" and "Moderators" groups (they hold add/change/publish on the root page, so
adding someone to them by mistake granted every portal), strips the page and collection permissions of the
shared role groups ("Biên tập viên" had them on the city portal, i.e. on every portal), and gives each
organisation with active admin/editor memberships its own groups with page permissions on its portal.
Collections are created by ``manage.py accounts_rights_sync`` (and the daily task), which need the real
collection tree API; until then those editors have page rights but no image/document rights.
"""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone

DEFAULT_WAGTAIL_GROUPS = ["Editors", "Moderators"]
ROLE_GROUPS = ["Quản trị", "Biên tập viên", "Cán bộ Mặt trận", "Cán bộ đầu mối cơ quan"]
TREE_ROLES = {"admin": "Quản trị", "editor": "Biên tập viên"}
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Membership = apps.get_model("accounts", "Membership")
    OrganisationGroup = apps.get_model("accounts", "OrganisationGroup")
    HomePage = apps.get_model("news", "HomePage")

    Group.objects.filter(name__in=DEFAULT_WAGTAIL_GROUPS).delete()
    GroupPagePermission.objects.filter(group__name__in=ROLE_GROUPS).delete()
    GroupCollectionPermission.objects.filter(group__name__in=ROLE_GROUPS).delete()

    page_permissions = list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS)
    )
    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    today = timezone.localdate()
    active = Membership.objects.filter(role__in=TREE_ROLES).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today), Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )
    for membership in active.select_related("organisation"):
        organisation, role = membership.organisation, membership.role
        link = OrganisationGroup.objects.filter(organisation=organisation, role=role).first()
        if link is None:
            name = f"{TREE_ROLES[role]} · {organisation.name}"[:150]
            if Group.objects.filter(name=name).exists():
                name = f"{TREE_ROLES[role]} · {organisation.slug}"[:150]
            link = OrganisationGroup.objects.create(
                organisation=organisation, role=role, group=Group.objects.create(name=name)
            )
            if access_admin is not None:
                link.group.permissions.add(access_admin)
            for portal in HomePage.objects.filter(organisation=organisation):
                for permission in page_permissions:
                    GroupPagePermission.objects.get_or_create(group=link.group, page_id=portal.pk, permission=permission)
        link.group.user_set.add(membership.user_id)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_organisation_groups_and_collections"),
        ("news", "0001_portal_pages_and_counters"),
        # after every Wagtail migration that creates the default groups or grants them permissions
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    # Not reversible in meaning (the global rights were the flaw); going back leaves the per-organisation groups.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

from django.core.management.base import BaseCommand

from mattran.accounts.services import accounts_daily_run, organisation_groups_sync
from mattran.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Tạo lại nhóm quyền, quyền trang và bộ sưu tập của mọi tổ chức có cổng thông tin hoặc phân công, "
        "rồi cập nhật quyền của mọi người dùng."
    )

    def handle(self, *args, **options):
        organisations = Organisation.objects.filter(
            pk__in=Organisation.objects.filter(memberships__isnull=False).values("pk")
        ) | Organisation.objects.filter(rights_groups__isnull=False)
        portals = getattr(Organisation, "portals", None)
        if portals is not None:
            organisations = organisations | Organisation.objects.filter(portals__isnull=False)
        count = 0
        for organisation in organisations.distinct().order_by("path"):
            organisation_groups_sync(organisation=organisation, actor="accounts_rights_sync")
            count += 1
        users = accounts_daily_run()["users_changed"]
        self.stdout.write(f"Tổ chức: {count}, người dùng được cập nhật quyền: {users}")

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from mattran.api.services import api_key_create
from mattran.organisations.models import Organisation


class Command(BaseCommand):
    help = "Cấp khóa API Open311 cho một ứng dụng và in khóa (chỉ hiện một lần)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="tên ứng dụng")
        parser.add_argument("--organisation", required=True, help="slug của tổ chức tiếp nhận")
        parser.add_argument("--per-hour", type=int, default=60, help="số kiến nghị tối đa mỗi giờ")

    def handle(self, *args, name, organisation, per_hour, **options):
        try:
            org = Organisation.objects.get(slug=organisation)
        except Organisation.DoesNotExist:
            raise CommandError(f"Không có tổ chức với slug “{organisation}”.") from None
        try:
            api_key, raw = api_key_create(
                name=name, organisation=org, posts_per_hour=per_hour, actor="manage.py api_key_create"
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stderr.write(f"Khóa API “{api_key.name}” cho {org.name} (chỉ hiện một lần):")
        self.stdout.write(raw)

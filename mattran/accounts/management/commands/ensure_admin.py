"""Create the administrator account once and print its login; later runs print the same login.

The password is generated on first run and kept in var/admin-login.txt (outside version control).
"""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from mattran.accounts.models import User


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị (nếu chưa có) và in thông tin đăng nhập."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    @transaction.atomic
    def handle(self, *args, username, **options):
        login_file = settings.VAR_DIR / "admin-login.txt"
        password = login_file.read_text().strip() if login_file.exists() else secrets.token_urlsafe(12)
        user = User.objects.filter(username=username).first()
        if user is None:
            User.objects.create_superuser(
                username=username,
                email="admin@mattran.localhost",
                password=password,
                full_name="Quản trị hệ thống",
            )
        elif not login_file.exists():
            user.set_password(password)
            user.save(update_fields=["password"])
        login_file.write_text(password + "\n")
        login_file.chmod(0o600)
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(
            self.style.SUCCESS(
                f"Đăng nhập quản trị / admin login: {base}/quan-tri/  tài khoản: {username}  mật khẩu: {password}"
            )
        )

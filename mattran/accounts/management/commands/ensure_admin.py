"""Create the administrator account once and print its login, with the demo staff accounts' logins.

The password is random. On a development set-up it is kept in var/admin-login.txt (mode 0600, outside version
control) so later runs print the same login; elsewhere (production settings) it is printed once, at creation,
and never written to disk: later runs only say that the account exists (``--reset-password`` sets a new one).
"""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from mattran.accounts.logins import (
    admin_password_read,
    admin_password_write,
    demo_logins_read,
    login_files_enabled,
)
from mattran.accounts.models import User


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị (nếu chưa có) và in thông tin đăng nhập."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--reset-password", action="store_true", help="Đặt mật khẩu ngẫu nhiên mới và in ra.")

    @transaction.atomic
    def handle(self, *args, username, reset_password=False, **options):
        stored = admin_password_read()
        user = User.objects.filter(username=username).first()
        password = None
        if user is None:
            password = stored or secrets.token_urlsafe(12)
            User.objects.create_superuser(
                username=username, email="admin@mattran.localhost", password=password, full_name="Quản trị hệ thống"
            )
        elif reset_password or (stored is None and login_files_enabled()):
            # a developer machine that lost its login file gets a new one; production only on request
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
        elif stored is not None and user.check_password(stored):
            password = stored
        if password is not None:
            admin_password_write(password)
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        shown = password or "(đã đặt khi tạo tài khoản; dùng --reset-password để đặt mật khẩu mới)"
        self.stdout.write(
            self.style.SUCCESS(
                f"Đăng nhập quản trị / admin login: {base}/quan-tri/  tài khoản: {username}  mật khẩu: {shown}"
            )
        )
        for demo_user, demo_password in demo_logins_read().items():
            self.stdout.write(f"  tài khoản mẫu / demo account: {demo_user}  mật khẩu: {demo_password}")

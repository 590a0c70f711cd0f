"""Demo only (DEBUG): give the demo accounts that must use a second factor (admin, officers) an authenticator secret and print it, so the demo admin and officers
can log in on a fresh machine. `--code USERNAME` prints the current 6-digit code instead of using a phone."""

from base64 import b32encode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from mattran.accounts.login.selectors import totp_device_get_confirmed, user_must_use_second_factor
from mattran.accounts.login.services import totp_device_issue
from mattran.accounts.models import User

# The demo accounts (ensure_admin's and accounts/demo.py's) all have an address at this made-up domain.
DEMO_EMAIL_DOMAIN = "@mattran.localhost"


def current_code(device) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


class Command(BaseCommand):
    help = "Chỉ cho bản chạy thử (DEBUG): tạo mã xác thực hai bước cho các tài khoản mẫu và in khóa bí mật."

    def add_arguments(self, parser):
        parser.add_argument("--code", metavar="USERNAME", help="in mã 6 chữ số hiện tại của tài khoản này")

    def handle(self, *args, code=None, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp chỉ chạy khi DEBUG=True (bản chạy thử), không bao giờ trên máy thật.")
        users = User.objects.filter(email__endswith=DEMO_EMAIL_DOMAIN, is_active=True).order_by("username")
        if code:
            user = users.filter(username=code).first()
            device = user and totp_device_get_confirmed(user=user)
            if device is None:
                raise CommandError(f"Không có tài khoản mẫu {code} với mã xác thực.")
            self.stdout.write(current_code(device))
            return
        self.stdout.write("Xác thực hai bước (bản chạy thử): thêm khóa vào ứng dụng xác thực, hoặc lấy mã bằng")
        self.stdout.write("  .venv/bin/python manage.py demo_totp --code TÊN_TÀI_KHOẢN")
        for user in users:
            if not user_must_use_second_factor(user=user):
                continue  # editors and liaisons may turn it on themselves; the demo shows them without
            device = totp_device_get_confirmed(user=user) or totp_device_issue(actor="demo_totp", user=user)
            secret = b32encode(device.bin_key).decode()
            self.stdout.write(f"  {user.username}: khóa {secret}  (mã lúc này: {current_code(device)})")

"""Demo staff accounts, one per role, to try the permission rules. They share the admin's printed password."""

from django.conf import settings
from django.db import transaction

from mattran.organisations.models import Body, Organisation

from .models import Role, User
from .services import membership_grant, user_create

DEMO_STAFF = [
    ("canbo.thanhpho", "Nguyễn Văn Thành", "tp-ho-chi-minh", Role.OFFICER, None),
    ("canbo.minhphung", "Trần Thị Minh", "phuong-minh-phung", Role.OFFICER, None),
    ("canbo.binhthoi", "Lê Văn Bình", "phuong-binh-thoi", Role.OFFICER, None),
    ("bientap.thanhpho", "Phạm Thu Hà", "tp-ho-chi-minh", Role.EDITOR, None),
    ("daumoi.ubnd.minhphung", "Võ Thanh Tùng", "phuong-minh-phung", Role.LIAISON, "ubnd-phuong-minh-phung"),
]


@transaction.atomic
def load_demo(*, stdout=None):
    login_file = settings.VAR_DIR / "admin-login.txt"
    password = login_file.read_text().strip() if login_file.exists() else None
    for username, full_name, org_slug, role, body_slug in DEMO_STAFF:
        user = User.objects.filter(username=username).first() or user_create(
            actor="load_demo",
            username=username,
            password=password,
            full_name=full_name,
            email=f"{username}@mattran.localhost",
        )
        membership_grant(
            actor="load_demo",
            user=user,
            organisation=Organisation.objects.get(slug=org_slug),
            role=role,
            body=Body.objects.get(slug=body_slug) if body_slug else None,
        )
    if stdout:
        stdout.write("  tài khoản mẫu: " + ", ".join(u for u, *_ in DEMO_STAFF) + " (mật khẩu như admin)")

"""Demo staff accounts, one per role, to try the permission rules. Each has its own random password, printed
when it is set (and, on a development set-up, kept in var/demo-logins.txt so ``ensure_admin`` prints it again)."""

import secrets

from django.db import transaction

from mattran.organisations.models import Body, Organisation

from .logins import demo_logins_read, demo_logins_write, login_files_enabled
from .models import Role, User
from .services import membership_grant, user_create

DEMO_STAFF = [
    ("canbo.thanhpho", "Nguyễn Văn Thành", "tp-ho-chi-minh", Role.OFFICER, None),
    ("canbo.minhphung", "Trần Thị Minh", "phuong-minh-phung", Role.OFFICER, None),
    ("canbo.binhthoi", "Lê Văn Bình", "phuong-binh-thoi", Role.OFFICER, None),
    ("bientap.thanhpho", "Phạm Thu Hà", "tp-ho-chi-minh", Role.EDITOR, None),
    ("bientap.binhthoi", "Đỗ Thị Thới", "phuong-binh-thoi", Role.EDITOR, None),
    ("daumoi.ubnd.minhphung", "Võ Thanh Tùng", "phuong-minh-phung", Role.LIAISON, "ubnd-phuong-minh-phung"),
]


@transaction.atomic
def load_demo(*, stdout=None) -> dict[str, str]:
    """Create the accounts and memberships; returns the passwords set by this run ({username: password})."""
    stored = demo_logins_read()
    new: dict[str, str] = {}
    for username, full_name, org_slug, role, body_slug in DEMO_STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            new[username] = secrets.token_urlsafe(12)
            user = user_create(
                actor="load_demo",
                username=username,
                password=new[username],
                full_name=full_name,
                email=f"{username}@mattran.localhost",
            )
        elif login_files_enabled() and not (username in stored and user.check_password(stored[username])):
            # an older loader gave every demo account the admin's password: a developer machine gets own ones
            new[username] = secrets.token_urlsafe(12)
            user.set_password(new[username])
            user.save(update_fields=["password"])
        membership_grant(
            actor="load_demo",
            user=user,
            organisation=Organisation.objects.get(slug=org_slug),
            role=role,
            body=Body.objects.get(slug=body_slug) if body_slug else None,
        )
    if new:
        demo_logins_write(stored | new)
    if stdout:
        stdout.write("  tài khoản mẫu: " + ", ".join(u for u, *_ in DEMO_STAFF))
        for username, password in new.items():
            stdout.write(f"    {username}  mật khẩu: {password}")
    return new

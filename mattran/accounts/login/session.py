"""The state of a login between its steps, kept in the session (not a login yet: nothing opens with it)."""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.urls import reverse
from django_otp import login as otp_login

PENDING_KEY = "_login_pending"
LOGIN_AT_KEY = "_staff_login_at"
SEEN_KEY = "_staff_seen"


def pending_begin(request, *, user, next_url: str) -> None:
    """The password was right; the login waits for the second factor."""
    request.session[PENDING_KEY] = {"user": user.pk, "backend": user.backend, "at": time.time(), "next": next_url}


def pending_user(request):
    """The user who is between the password and the code: the pending login (for ACCOUNTS_LOGIN_PENDING_SECONDS),
    or a logged-in session whose second factor is not verified yet. None otherwise."""
    if request.user.is_authenticated:
        return None if request.user.is_verified() else request.user
    data = request.session.get(PENDING_KEY)
    if not data or time.time() - data["at"] > settings.ACCOUNTS_LOGIN_PENDING_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=data["user"], is_active=True).first()
    if user is not None:
        user.backend = data["backend"]
    return user


def login_complete(request, *, user, device=None) -> str:
    """Log the user in (Django's login cycles the session key), mark the session verified by ``device``, and
    return where to go next."""
    pending = request.session.get(PENDING_KEY) or {}
    if not request.user.is_authenticated:
        auth_login(request, user, backend=getattr(user, "backend", None))
    if device is not None:
        otp_login(request, device)
    request.session.pop(PENDING_KEY, None)
    staff_session_begin(request)
    return pending.get("next") or reverse("wagtailadmin_home")


def staff_session_begin(request) -> None:
    now = time.time()
    request.session[LOGIN_AT_KEY] = now
    request.session[SEEN_KEY] = now
    request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)

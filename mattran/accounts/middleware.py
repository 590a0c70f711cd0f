"""Staff session rules. Only people with an account log in (staff, editors, liaisons); citizens' sessions (a page
password, say) carry no user and are left alone."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .login.selectors import user_needs_second_factor
from .login.session import LOGIN_AT_KEY, SEEN_KEY

# Seconds between two renewals of a staff session's expiry: renewing on every request would write the session
# row on every admin click.
RENEW_EVERY_SECONDS = 60

# The login steps and logout stay open to a session that still owes its second factor.
SECOND_FACTOR_EXEMPT_URL_NAMES = {
    "accounts_login",
    "accounts_login_code",
    "accounts_login_enrol",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "set_language",
}


def _has_session(request) -> bool:
    # Without a session cookie there is no login; not touching request.session keeps public pages cacheable.
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class StaffSessionMiddleware:
    """A logged-in session ends after STAFF_SESSION_IDLE_SECONDS without a request (each request renews it) and
    STAFF_SESSION_MAX_SECONDS after the login, whatever the activity."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_session(request) and request.user.is_authenticated:
            session, now = request.session, time.time()
            login_at = session.setdefault(LOGIN_AT_KEY, now)
            seen = session.get(SEEN_KEY, now)
            if now - seen > settings.STAFF_SESSION_IDLE_SECONDS or now - login_at > settings.STAFF_SESSION_MAX_SECONDS:
                logout(request)  # the admin's own login check then sends the user to the login page
                messages.info(request, _("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."))
            elif SEEN_KEY not in session or now - seen >= RENEW_EVERY_SECONDS:
                session[SEEN_KEY] = now
                session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """Defence in depth behind the two-step login: a logged-in session of a user who needs a second factor
    (by role, or because they turned it on) but has not given it opens nothing but the login steps."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _has_session(request) or not request.user.is_authenticated or request.user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.url_name in SECOND_FACTOR_EXEMPT_URL_NAMES:
            return None
        if not user_needs_second_factor(user=request.user):
            return None
        return redirect("accounts_login_code")

"""The two-step staff login at /quan-tri/login/ (password, then the authenticator code), the enrolment of an
authenticator, the account page to manage it, and the lockout page. Thin: selectors and services do the work."""

from base64 import b32encode

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import verify_token
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.account import LoginView

from . import selectors, services
from .forms import CodeForm
from .session import login_complete, pending_begin, pending_user, staff_session_begin


class PasswordStepView(LoginView):
    """Wagtail's login form; a right password logs in only users who need no second factor."""

    template_name = "accounts/login_password.html"

    def form_valid(self, form):
        user = form.get_user()
        if not selectors.user_needs_second_factor(user=user):
            response = super().form_valid(form)
            staff_session_begin(self.request)
            return response
        pending_begin(self.request, user=user, next_url=self.get_success_url())
        if selectors.totp_device_get_confirmed(user=user) is None:
            return redirect("accounts_login_enrol")
        return redirect("accounts_login_code")

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


def _locked_out(request, user):
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_allowed(request, credentials):
        return None
    return lockout_response(request, None, credentials)


def _code_failed(request, user):
    """A wrong code counts as a failed login for the lockout, like a wrong password."""
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)


@never_cache
@sensitive_post_parameters("token")
@require_http_methods(["GET", "POST"])
def code_view(request):
    user = pending_user(request)
    if user is None:
        return redirect("accounts_login")
    device = selectors.totp_device_get_confirmed(user=user)
    if device is None:
        return redirect("accounts_login_enrol")
    if (locked := _locked_out(request, user)) is not None:
        return locked
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid() and verify_token(user, device.persistent_id, form.cleaned_data["token"]):
            return redirect(login_complete(request, user=user, device=device))
        if not form.errors:
            form.add_error("token", services.WRONG_CODE)
        _code_failed(request, user)
    return render(
        request,
        "accounts/login_code.html",
        {"form": form, "login_user": user},
        status=400 if form.errors else 200,
    )


def _enrolment_context(device):
    return {
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff"),
        "secret": " ".join(_secret_groups(b32encode(device.bin_key).decode())),
        "issuer": settings.OTP_TOTP_ISSUER,
    }


def _secret_groups(secret: str):
    return [secret[i : i + 4] for i in range(0, len(secret), 4)]


@never_cache
@sensitive_post_parameters("token")
@require_http_methods(["GET", "POST"])
def enrol_view(request):
    """First login of a user who must use a second factor and has none: set up the app, confirm one code."""
    user = pending_user(request)
    if user is None:
        return redirect("accounts_login")
    if selectors.totp_device_get_confirmed(user=user) is not None:
        return redirect("accounts_login_code")  # never a second device from a password alone
    if (locked := _locked_out(request, user)) is not None:
        return locked
    device = selectors.totp_device_get_unconfirmed(user=user) or services.totp_device_start(actor=user, user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.totp_device_confirm(actor=user, device=device, token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error)
            _code_failed(request, user)
        else:
            return redirect(login_complete(request, user=user, device=device))
    context = {"form": form, "login_user": user, **_enrolment_context(device)}
    return render(request, "accounts/login_enrol.html", context, status=400 if form.errors else 200)


@never_cache
@require_admin_access
@sensitive_post_parameters("token")
@require_http_methods(["GET", "POST"])
def account_view(request):
    """The account's "Xác thực hai bước" page: turn it on, replace the device, or (when the role allows) off."""
    user = request.user
    action = request.POST.get("action", "")
    device = selectors.totp_device_get_confirmed(user=user)
    pending = selectors.totp_device_get_unconfirmed(user=user)
    form = CodeForm(request.POST if action == "confirm" else None)
    if action == "start":
        pending = services.totp_device_start(actor=user, user=user)
    elif action == "confirm" and pending is not None and form.is_valid():
        try:
            device = services.totp_device_confirm(actor=user, device=pending, token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error)
        else:
            login_complete(request, user=user, device=device)  # this session is now verified by the new device
            messages.success(request, _("Đã bật xác thực hai bước."))
            return redirect("accounts_two_factor")
    elif action == "remove":
        try:
            services.totp_device_remove(actor=user, user=user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Đã tắt xác thực hai bước."))
        return redirect("accounts_two_factor")
    context = {
        "device": device,
        "pending": pending if action in ("start", "confirm") else None,
        "required": selectors.user_must_use_second_factor(user=user),
        "form": form,
        "page_title": _("Xác thực hai bước"),
        "header_title": _("Xác thực hai bước"),
    }
    if context["pending"] is not None:
        context.update(_enrolment_context(pending))
    return render(request, "accounts/account_two_factor.html", context, status=400 if form.errors else 200)


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: too many failed logins for this account from this address."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60) if settings.AXES_COOLOFF_TIME else None
    return render(
        request,
        "accounts/login_lockout.html",
        {"cooloff_minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )

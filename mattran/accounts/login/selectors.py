"""Reads for the login: who must use a second factor, and their TOTP device."""

from django.conf import settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from mattran.accounts.models import Membership


def user_must_use_second_factor(*, user) -> bool:
    """Superusers and members with one of ACCOUNTS_SECOND_FACTOR_ROLES (officers, admins) today."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return (
        Membership.objects.active_on(timezone.localdate())
        .filter(user=user, role__in=settings.ACCOUNTS_SECOND_FACTOR_ROLES)
        .exists()
    )


def totp_device_get_confirmed(*, user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def totp_device_get_unconfirmed(*, user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("-pk").first()


def user_needs_second_factor(*, user) -> bool:
    """Whether a login must end with a code: required by the user's role, or turned on by the user."""
    return user_must_use_second_factor(user=user) or totp_device_get_confirmed(user=user) is not None

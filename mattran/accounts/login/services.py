"""Writes for the second factor: every change of a user's TOTP device is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from mattran.core.services import audit_record

from .selectors import user_must_use_second_factor

WRONG_CODE = _("Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã mới trong ứng dụng xác thực.")
CANNOT_TURN_OFF = _("Vai trò của bạn bắt buộc dùng xác thực hai bước; bạn chỉ có thể thay thiết bị.")


@transaction.atomic
def totp_device_start(*, actor, user) -> TOTPDevice:
    """A new, unconfirmed device with a fresh secret; it counts only once confirmed with a code. An older
    unconfirmed device (an abandoned enrolment) is replaced."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)
    audit_record(actor=actor, action="otp_device.start", target=user)
    return device


def totp_device_confirm(*, actor, device: TOTPDevice, token: str) -> TOTPDevice:
    """Confirm an enrolment with a code from the app; the confirmed device replaces any earlier one."""
    # Checked before the transaction: a wrong code's throttling count (django-otp) must be kept, not rolled back.
    if device.confirmed or not device.verify_token(token):
        raise ValidationError(WRONG_CODE, code="wrong_code")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=actor, action="otp_device.confirm", target=device.user)
    return device


@transaction.atomic
def totp_device_remove(*, actor, user) -> None:
    """Turn the second factor off; refused for users whose role requires it."""
    if user_must_use_second_factor(user=user):
        raise ValidationError(CANNOT_TURN_OFF, code="required")
    TOTPDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action="otp_device.remove", target=user)


@transaction.atomic
def totp_device_issue(*, actor, user) -> TOTPDevice:
    """A confirmed device made for the user by someone else (the demo, or an administrator replacing a lost
    phone), whose secret is then handed over; it replaces the user's devices."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)
    audit_record(actor=actor, action="otp_device.issue", target=user)
    return device

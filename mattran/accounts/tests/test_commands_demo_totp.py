import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_demo_totp_gives_demo_accounts_that_must_use_it_a_device_and_prints_its_secret(settings):
    settings.DEBUG = True
    demo = UserFactory(username="canbo.demo", email="canbo.demo@mattran.localhost", is_superuser=True)
    editor = UserFactory(username="bientap.demo", email="bientap.demo@mattran.localhost")
    real = UserFactory(email="someone@example.vn", is_superuser=True)
    out = io.StringIO()
    call_command("demo_totp", stdout=out)
    device = TOTPDevice.objects.get(user=demo, confirmed=True)
    assert "canbo.demo: khóa " in out.getvalue()
    assert not TOTPDevice.objects.filter(user__in=[real, editor]).exists()
    call_command("demo_totp", stdout=io.StringIO())  # again: the same device
    assert TOTPDevice.objects.get(user=demo).pk == device.pk
    code = io.StringIO()
    call_command("demo_totp", code="canbo.demo", stdout=code)
    assert code.getvalue().strip().isdigit() and len(code.getvalue().strip()) == 6


def test_demo_totp_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    UserFactory(email="admin@mattran.localhost")
    with pytest.raises(CommandError):
        call_command("demo_totp", stdout=io.StringIO())
    assert not TOTPDevice.objects.exists()

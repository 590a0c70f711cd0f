import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from mattran.core.checks import client_ip_header_check


def _ids():
    return {m.id for m in run_checks(include_deployment_checks=True, tags=["security"])}


def test_deploy_check_fails_behind_a_proxy_without_client_ip_header(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.CLIENT_IP_HEADER = ""
    assert "mattran.E001" in _ids()
    with pytest.raises(SystemCheckError, match="mattran.E001"):
        call_command("check", deploy=True, tags=["security"])


def test_deploy_check_fails_with_use_x_forwarded_host_and_no_client_ip_header(settings):
    settings.SECURE_PROXY_SSL_HEADER = None
    settings.USE_X_FORWARDED_HOST = True
    settings.CLIENT_IP_HEADER = ""
    assert [e.id for e in client_ip_header_check(None)] == ["mattran.E001"]


def test_deploy_check_passes_behind_a_proxy_with_x_real_ip(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert client_ip_header_check(None) == []


def test_deploy_check_passes_without_a_proxy_and_without_header(settings):
    settings.SECURE_PROXY_SSL_HEADER = None
    settings.USE_X_FORWARDED_HOST = False
    settings.CLIENT_IP_HEADER = ""
    assert client_ip_header_check(None) == []


def test_deploy_check_rejects_a_header_written_as_in_http(settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    assert [e.id for e in client_ip_header_check(None)] == ["mattran.E002"]


def test_production_settings_fail_check_deploy_without_client_ip_header():
    """The real prod settings module, in its own process: the README's setup without the header fails."""
    env = {
        k: v for k, v in os.environ.items()
        if k not in ("CLIENT_IP_HEADER", "PETITIONS_CLIENT_IP_HEADER", "API_CLIENT_IP_HEADER", "DATABASE_URL", "REDIS_URL")
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "mattran.example.vn",
    }
    base = Path(django_settings.BASE_DIR)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--tag", "security"],
        cwd=base, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0 and "mattran.E001" in result.stderr

"""Security headers on every response: CSP (strict public policy, relaxed admin policy), Permissions-Policy,
Referrer-Policy (review finding 20: no CSP / Permissions-Policy)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

MATTRAN = Path(settings.BASE_DIR) / "mattran"


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_get_a_strict_content_security_policy(client):
    for url in ("/", "/kien-nghi/gui/", "/tim-kiem/?q=giam+sat", "/van-ban/"):
        policy = _directives(client.get(url)["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"], url
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"] and policy["img-src"] == ["'self'", "data:"]


def test_admin_gets_its_own_policy_that_allows_wagtails_inline_scripts_but_still_forbids_framing_elsewhere(client):
    policy = _directives(client.get("/quan-tri/login/")["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"] and policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["form-action"] == ["'self'"]


def test_the_policy_built_once_is_the_one_django_csp_builds_and_follows_settings_and_view_overrides(
    client, settings, rf
):
    from csp.decorators import csp_update
    from csp.middleware import CSPMiddleware as Upstream
    from django.http import HttpResponse

    from mattran.core.middleware import CSPMiddleware

    def plain(request):
        return HttpResponse("ok")

    @csp_update({"img-src": ["https://example.org"]})
    def updated(request):
        return HttpResponse("ok")

    for view in (plain, updated, plain):
        ours = CSPMiddleware(view)(rf.get("/x"))
        theirs = Upstream(view)(rf.get("/x"))
        assert ours["Content-Security-Policy"] == theirs["Content-Security-Policy"]
    assert "https://example.org" in CSPMiddleware(updated)(rf.get("/x"))["Content-Security-Policy"]
    assert "https://example.org" not in CSPMiddleware(plain)(rf.get("/x"))["Content-Security-Policy"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert CSPMiddleware(plain)(rf.get("/x"))["Content-Security-Policy"] == "default-src 'none'"
    assert client.get("/")["Content-Security-Policy"] == "default-src 'none'"


def test_every_response_turns_off_camera_microphone_and_location_and_keeps_the_referrer_on_the_site(client):
    for url in ("/", "/healthz", "/quan-tri/login/", "/khong-co-trang-nay/"):
        response = client.get(url)
        assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
        assert "microphone=()" in response["Permissions-Policy"]
        assert response["Referrer-Policy"] == "same-origin" and response["X-Content-Type-Options"] == "nosniff"


INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I),  # inline script
    re.compile(r"\son[a-z]+\s*=", re.I),  # event-handler attribute
    re.compile(r"javascript:", re.I),
    re.compile(r"<style|\sstyle\s*=", re.I),  # blocked by style-src 'self'
]


def _public_templates():
    for path in MATTRAN.glob("**/templates/**/*.html"):
        text = path.read_text()
        if "/admin/" in str(path) or "wagtailadmin/" in text:  # the admin has its own policy
            continue
        yield path, text


def test_public_templates_hold_no_inline_script_handler_or_style():
    offenders = []
    for path, text in _public_templates():
        for rx in INLINE:
            if match := rx.search(text):
                offenders.append(f"{path.relative_to(MATTRAN)}: {match.group(0)}")
    assert offenders == []

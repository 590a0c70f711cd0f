"""System checks for deployment settings (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def client_ip_header_check(app_configs, **kwargs):
    """Behind a proxy every request comes from the proxy's address: without CLIENT_IP_HEADER all citizens share one
    rate-limit bucket, and one script can close the petition form for everyone (review 2026-12-02, finding 9)."""
    header = settings.CLIENT_IP_HEADER
    behind_proxy = bool(getattr(settings, "SECURE_PROXY_SSL_HEADER", None) or getattr(settings, "USE_X_FORWARDED_HOST", False))
    if behind_proxy and not header:
        return [
            Error(
                "CLIENT_IP_HEADER is empty but the site runs behind a proxy (SECURE_PROXY_SSL_HEADER or "
                "USE_X_FORWARDED_HOST is set): every rate limit would count all clients as the proxy's address.",
                hint="In nginx: proxy_set_header X-Real-IP $remote_addr; in the environment: CLIENT_IP_HEADER=HTTP_X_REAL_IP.",
                id="mattran.E001",
            )
        ]
    if header and not (header.startswith("HTTP_") or header == "REMOTE_ADDR"):
        return [
            Error(
                f"CLIENT_IP_HEADER={header!r} is not a request.META name, so it is never found.",
                hint="Use the META spelling of the header: X-Real-IP is HTTP_X_REAL_IP.",
                id="mattran.E002",
            )
        ]
    return []

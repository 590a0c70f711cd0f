"""Request helpers shared by every app."""

from django.conf import settings


def client_ip(request) -> str:
    """The address that rate limits, lockouts and counters key on.

    Behind our own nginx every request comes from the proxy, so the real client's address is read from the header
    the deployment names in CLIENT_IP_HEADER (e.g. "HTTP_X_REAL_IP", set by `proxy_set_header X-Real-IP
    $remote_addr`). Without that setting the header is ignored: a client could otherwise send any value and get a
    fresh allowance on every request."""
    header = settings.CLIENT_IP_HEADER
    value = request.META.get(header, "").split(",")[0].strip() if header else ""
    return value or request.META.get("REMOTE_ADDR", "") or "unknown"

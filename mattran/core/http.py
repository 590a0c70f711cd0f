"""Request helpers shared by every app."""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """The client's IP address, or None when the request carries no valid one.

    Behind our own nginx every request comes from the proxy, so the real client's address is read from the header
    the deployment names in CLIENT_IP_HEADER (e.g. "HTTP_X_REAL_IP", set by `proxy_set_header X-Real-IP
    $remote_addr`). Without that setting the header is ignored: a client could otherwise send any value and get a
    fresh allowance on every request. A value that is not an address is dropped: it would otherwise reach an
    `inet` column (django-axes' logs on PostgreSQL) and fail there."""
    header = settings.CLIENT_IP_HEADER
    candidates = (request.META.get(header, "").split(",")[0].strip() if header else "", request.META.get("REMOTE_ADDR", ""))
    for value in candidates:
        try:
            return str(ipaddress.ip_address(value))
        except ValueError:
            continue
    return None


def client_ip(request) -> str:
    """The key rate limits and counters use: the client's address, or "unknown" for a request without one."""
    return client_address(request) or "unknown"

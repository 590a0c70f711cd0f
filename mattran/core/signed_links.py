"""Signed, expiring tokens for links that let someone act without an account (an invited expert, a body's
liaison). The token carries a small dict, signed with SECRET_KEY and a per-purpose salt, and stamped with the time
it was made; the caller checks that what it names still holds (not revoked, still open)."""

import datetime

from django.core import signing


class SignedLinkError(Exception):
    """The token is malformed, signed for another purpose, or older than allowed."""

    def __init__(self, message: str, *, expired: bool = False):
        super().__init__(message)
        self.expired = expired


def signed_token_make(*, salt: str, data: dict) -> str:
    return signing.TimestampSigner(salt=salt).sign_object(data, compress=True)


def signed_token_read(token: str, *, salt: str, max_age: datetime.timedelta) -> dict:
    """The dict behind ``token``; raises SignedLinkError (``expired=True`` when only its age is wrong)."""
    try:
        data = signing.TimestampSigner(salt=salt).unsign_object(token or "", max_age=max_age)
    except signing.SignatureExpired as exc:
        raise SignedLinkError("expired", expired=True) from exc
    except (signing.BadSignature, ValueError) as exc:
        raise SignedLinkError("bad") from exc
    if not isinstance(data, dict):
        raise SignedLinkError("bad")
    return data

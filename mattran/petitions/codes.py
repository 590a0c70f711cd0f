"""The two names of a petition: the secret tracking code only the submitter knows, and the public reference
everyone may see; and the nonce of the body's signed links. Importable from ``models`` too."""

import re
import secrets

# Tracking codes: 10 symbols from an alphabet without look-alikes (no 0/O, 1/I/L): 31^10 ≈ 2^49.5.
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_PREFIX = "KN"
TRACKING_LENGTH = 10


def tracking_code_new() -> str:
    """ "KN-7QF4X-9PAM2": unguessable, and easy to read out over the phone in groups of five."""
    body = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
    return f"{TRACKING_PREFIX}-{body[:5]}-{body[5:]}"


def tracking_code_normalise(text: str) -> str:
    """Accept what people type or say: any case, spaces or dashes anywhere, with or without the "KN" prefix."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    if raw.startswith(TRACKING_PREFIX) and len(raw) == TRACKING_LENGTH + len(TRACKING_PREFIX):
        raw = raw[len(TRACKING_PREFIX) :]
    if len(raw) != TRACKING_LENGTH or any(ch not in TRACKING_ALPHABET for ch in raw):
        return ""
    return f"{TRACKING_PREFIX}-{raw[:5]}-{raw[5:]}"


# Public references: "KN-2026-004217", a sequence per year. They name a petition to everyone (lists, APIs, bodies,
# merged duplicates) and open nothing. Tracking codes never contain 0 or 1 and years 2000–2099 always contain a 0,
# so the two formats cannot be mistaken for one another.
REFERENCE_PREFIX = "KN"
_REFERENCE_RE = re.compile(r"^KN-?(\d{4})-?(\d{1,6})$")


def reference_format(year: int, number: int) -> str:
    return f"{REFERENCE_PREFIX}-{year:04d}-{number:06d}"


def reference_normalise(text: str) -> str:
    """ "kn 2026 4217", "KN-2026-004217" → "KN-2026-004217"; "" when it is not a reference."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum() or ch == "-")
    raw = raw if raw.startswith(REFERENCE_PREFIX) else REFERENCE_PREFIX + "-" + raw
    match = _REFERENCE_RE.match(raw.replace("--", "-"))
    if not match or int(match.group(2)) == 0:
        return ""
    return reference_format(int(match.group(1)), int(match.group(2)))


def liaison_nonce_new() -> str:
    return secrets.token_urlsafe(9)

"""Spam defence without third-party services: counters in Django's cache (Redis INCR when REDIS_URL is set)
and a self-hosted arithmetic question, signed so the server keeps no state."""

import hashlib
import secrets

from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext as _

CHALLENGE_SALT = "mattran.petitions.challenge"
CHALLENGE_MAX_AGE = 30 * 60
NUMBER_WORDS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]


def _key(kind: str, value: str) -> str:
    return "petitions:rl:" + kind + ":" + hashlib.sha256(value.encode()).hexdigest()[:32]


def counter_hit(kind: str, value: str, *, window_seconds: int) -> int:
    """Add one to the counter for (kind, value) in the current window and return the new count."""
    key = _key(kind, value)
    if cache.add(key, 1, timeout=window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return 1


def counter_get(kind: str, value: str) -> int:
    return int(cache.get(_key(kind, value)) or 0)


def contact_key(*, phone: str = "", email: str = "") -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())[-9:]
    return digits or email.strip().lower()


def challenge_new() -> tuple[str, str]:
    """A question ("Ba cộng bốn bằng mấy?") and a signed token holding its answer."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    question = _("%(a)s cộng %(b)s bằng mấy? (trả lời bằng số)") % {
        "a": NUMBER_WORDS[a].capitalize(),
        "b": NUMBER_WORDS[b],
    }
    token = signing.dumps({"s": a + b, "n": secrets.token_hex(4)}, salt=CHALLENGE_SALT)
    return question, token


def challenge_check(token: str, answer: str) -> bool:
    try:
        data = signing.loads(token or "", salt=CHALLENGE_SALT, max_age=CHALLENGE_MAX_AGE)
    except signing.BadSignature:
        return False
    if (answer or "").strip() != str(data.get("s")):
        return False
    # One use per question: a solved token cannot be replayed for more submissions.
    return cache.add("petitions:challenge:" + str(data.get("n")), 1, timeout=CHALLENGE_MAX_AGE)

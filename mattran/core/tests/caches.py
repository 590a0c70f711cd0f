"""Cache backends for fault injection in tests (``override_settings(CACHES=...)``): Redis down, loudly or quietly."""

from django.core.cache.backends.base import BaseCache


class BrokenCache(BaseCache):
    """Every operation raises, as django's RedisCache does when the server is unreachable."""

    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    add = get = set = touch = delete = incr = decr = has_key = clear = get_many = set_many = delete_many = _fail


class QuietCache(BaseCache):
    """Every operation fails without raising (a tolerant backend): nothing is stored, add() answers False."""

    def __init__(self, location, params):
        super().__init__(params)

    def add(self, key, value, timeout=None, version=None):
        return False

    def get(self, key, default=None, version=None):
        return default

    def set(self, key, value, timeout=None, version=None):
        return None

    def touch(self, key, timeout=None, version=None):
        return False

    def delete(self, key, version=None):
        return False

    def incr(self, key, delta=1, version=None):
        raise ValueError(f"Key '{key}' not found")

    def has_key(self, key, version=None):
        return False

    def clear(self):
        return None


def caches_setting(backend: str) -> dict:
    return {"default": {"BACKEND": "mattran.core.tests.caches." + backend}}

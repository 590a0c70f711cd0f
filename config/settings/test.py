"""Fast, safe settings for the test suite; the database still comes from DATABASE_URL when set."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = tempfile.mkdtemp(prefix="mattran-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="mattran-test-private-")
STORAGES["private"] = {**STORAGES["private"], "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}}  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test"}}
else:
    # Parallel test workers (pytest-xdist) each get their own Redis database: a test's cache.clear() flushes
    # the whole database and must not reset another worker's counters.
    import os
    import re

    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    _offset = int(re.sub(r"\D", "", _worker) or 0)
    _base, _, _db = REDIS_URL.rpartition("/")  # noqa: F405
    if _db.isdigit():
        REDIS_URL = f"{_base}/{max(int(_db) - _offset, 0)}"  # the news counters' own client reads this too
        CACHES["default"]["LOCATION"] = REDIS_URL  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = "mattran-test"  # noqa: F405
WHITENOISE_AUTOREFRESH = True

"""Settings shared by every environment.

Anything secret or deployment-specific comes from the environment; see README.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("MATTRAN_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    # project apps first so their templates and translations win
    "mattran.core",
    "mattran.organisations",
    "mattran.accounts",
    "mattran.news",
    "mattran.documents",
    "mattran.petitions",
    "mattran.search",
    "mattran.api",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "mattran.news.middleware.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "mattran" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "mattran.news.context_processors.portal",
            ],
        },
    },
]


# Database: SQLite (WAL, IMMEDIATE transactions) under var/ unless DATABASE_URL is set.
def _database_from_env():
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")))
        config.setdefault("TEST", {})
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "db.sqlite3")),
        "OPTIONS": {
            # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue on
            # busy_timeout instead of failing with "database is locked" on upgrade.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;PRAGMA busy_timeout=20000;"
            ),
        },
    }


DATABASES = {"default": _database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache, counters and rate limits: Redis when REDIS_URL is set, local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "mattran"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "mattran"}}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
# A stale form's 403 in the portal's layout and language, not Django's English-only page.
CSRF_FAILURE_VIEW = "mattran.core.views.csrf_failure"

# Internationalisation: Vietnamese first, English available.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "mattran" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "mattran" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Mặt trận"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xlsx", "odt"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Mặt trận <no-reply@mattran.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

LANGUAGE_COOKIE_NAME = "mattran_language"
_ = _  # gettext_lazy kept importable for settings-level labels

# --- i18n ---
# The admin's Vietnamese for Wagtail's and Django's own strings (upstream's vi catalogues are nearly empty).
# Listed first so it wins over the apps' catalogues; kept apart from mattran/locale so makemessages leaves it alone.
LOCALE_PATHS = [BASE_DIR / "mattran" / "locale_admin", *LOCALE_PATHS]

# --- documents ---
# Largest file accepted for a register entry (bytes); the front proxy's body limit must be at least this.
DOCUMENTS_MAX_FILE_SIZE = int(os.environ.get("DOCUMENTS_MAX_FILE_SIZE", str(20 * 1024 * 1024)))

# --- news ---
NEWS_PAGE_CACHE_SECONDS = int(os.environ.get("NEWS_PAGE_CACHE_SECONDS", "600"))  # 0 turns the page cache off
NEWS_COUNTER_FLUSH_SECONDS = int(os.environ.get("NEWS_COUNTER_FLUSH_SECONDS", "60"))  # Redis → database

# --- search ---
# Limits of the public search (data, not code): a longer query is cut, extra words are ignored.
SEARCH_QUERY_MAX_CHARS = int(os.environ.get("SEARCH_QUERY_MAX_CHARS", "200"))
SEARCH_MAX_TERMS = 12
SEARCH_RESULTS_PER_PAGE = 10
SEARCH_SNIPPET_WORDS = 32
SEARCH_BODY_MAX_CHARS = 200_000

# --- petitions ---
# Time limits, reminders and intake limits are data (PetitionSettings, DeadlineRule in the admin); these are
# deployment limits on uploads.
PETITIONS_MAX_ATTACHMENTS = int(os.environ.get("PETITIONS_MAX_ATTACHMENTS", "5"))
PETITIONS_ATTACHMENT_MAX_BYTES = int(os.environ.get("PETITIONS_ATTACHMENT_MAX_BYTES", str(5 * 1024 * 1024)))
# The request header holding the client's address when behind our own proxy (e.g. HTTP_X_REAL_IP); empty: REMOTE_ADDR.
# One setting for every app (mattran.core.http.client_ip); the older per-app names are still read.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", os.environ.get("PETITIONS_CLIENT_IP_HEADER", ""))
PETITIONS_CLIENT_IP_HEADER = CLIENT_IP_HEADER

# --- api ---
# Open311: the organisation (slug) GETs are limited to when a client sends no jurisdiction_id; empty = all.
# POSTs without jurisdiction_id go to the API key's own organisation.
OPEN311_DEFAULT_JURISDICTION = os.environ.get("OPEN311_DEFAULT_JURISDICTION", "")
OPEN311_CONTACT = os.environ.get("OPEN311_CONTACT", DEFAULT_FROM_EMAIL)
OPEN311_KEY_SERVICE = os.environ.get(
    "OPEN311_KEY_SERVICE", "Khóa API do Ban Thường trực Ủy ban MTTQ cấp trong trang quản trị (Cài đặt → Khóa API)."
)
OPEN311_READS_PER_MINUTE = int(os.environ.get("OPEN311_READS_PER_MINUTE", "120"))
API_V1_READS_PER_MINUTE = int(os.environ.get("API_V1_READS_PER_MINUTE", "120"))
# Which request header holds the client's address behind our own proxy (e.g. HTTP_X_REAL_IP); empty: REMOTE_ADDR.
API_CLIENT_IP_HEADER = os.environ.get("API_CLIENT_IP_HEADER", CLIENT_IP_HEADER)
# django-ninja as an app only so its API docs page serves Swagger UI from our static files, not a CDN.
INSTALLED_APPS += ["ninja"]

"""Settings shared by every environment.

Anything secret or deployment-specific comes from the environment; see README.
"""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .paths import BASE_DIR, VAR_DIR

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
    "mattran.supervision",
    "mattran.criticism",
    "mattran.reports",
    "mattran.dialogues",
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
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Header-setting middleware stays above the page cache: a cache hit returns from PageCacheMiddleware, so only
    # what is listed before it touches that response (see "security headers" below).
    "mattran.core.middleware.PermissionsPolicyMiddleware",
    "mattran.core.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # /healthz and the counting beacon are answered here, inside the header middleware, before the rest (EARLY_VIEWS).
    "mattran.core.middleware.EarlyViewMiddleware",
    # Anonymous (no session cookie) page-cache hits are answered here, before sessions, CSRF and auth.
    "mattran.news.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
if os.environ.get("DATABASE_REPLICA_URL"):  # reports and search read from the replica (DATABASES below)
    MIDDLEWARE.insert(0, "mattran.core.db_router.ReplicaReadsMiddleware")

# Stateless hot endpoints answered by mattran.core.middleware.EarlyViewMiddleware before sessions, locale, CSRF,
# auth, messages and the page cache (their URLs stay in the URLconf too, for reverse() and tests).
EARLY_VIEWS = {
    "/healthz": "mattran.core.views.health",
    "/dem/": "mattran.news.views.count",
    "/dem/pixel.gif": "mattran.news.views.pixel",
}

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


# Database: SQLite (WAL, IMMEDIATE transactions) under var/ unless DATABASE_URL is set; a read replica with
# DATABASE_REPLICA_URL (config/settings/databases.py).
from .databases import DATABASE_ROUTERS, DATABASES  # noqa: E402, F401

DATABASE_REPLICA_PATHS = ["/quan-tri/bao-cao/", "/quan-tri/bao-cao/xlsx/*", "/tim-kiem/"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache, counters and rate limits: Redis when REDIS_URL is set, local memory otherwise.
# A Redis that is down or hangs degrades to "cache miss, no rate limit, counters in the database" within
# REDIS_SOCKET_TIMEOUT seconds (mattran/core/cache.py, docs/security/faults.md), never to a 500.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_SOCKET_TIMEOUT = float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.25"))  # connect and each reply
REDIS_RETRY_SECONDS = float(os.environ.get("REDIS_RETRY_SECONDS", "1"))  # after a failure, skip Redis this long
REDIS_WARN_SECONDS = float(os.environ.get("REDIS_WARN_SECONDS", "30"))  # at most one "Redis down" warning per …
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "mattran.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "mattran"),
            "OPTIONS": {
                "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
                "socket_timeout": REDIS_SOCKET_TIMEOUT,
                "health_check_interval": 30,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "mattran"}}
# Bounds on the counting beacon /dem/ (news.views; kept beside the cache whose keys enforce them).
NEWS_COUNTER_VIEW_WINDOW_SECONDS = int(os.environ.get("NEWS_COUNTER_VIEW_WINDOW_SECONDS", "1800"))  # 1 view/addr/page
NEWS_COUNTER_CLIENT_PER_MINUTE = int(os.environ.get("NEWS_COUNTER_CLIENT_PER_MINUTE", "60"))  # counting beacons/addr

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
# Never served by the web server: petition attachments, answer documents and văn bản register files
# (mattran.core.files). Must lie outside MEDIA_ROOT and STATIC_ROOT (a system check says so).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "private": {
        "BACKEND": "mattran.core.files.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
    },
}
# Behind nginx: the internal location (e.g. "/_private/") that maps to PRIVATE_MEDIA_ROOT; private files are then
# sent by nginx with X-Accel-Redirect once Django has checked permission. Empty: Django streams them itself.
PRIVATE_FILES_ACCEL_REDIRECT = os.environ.get("PRIVATE_FILES_ACCEL_REDIRECT", "")

WAGTAIL_SITE_NAME = "Mặt trận"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's login form with a translated password label (Wagtail leaves it to Django's field name, "Password").
WAGTAILADMIN_USER_LOGIN_FORM = "mattran.accounts.forms.LoginForm"
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
# Only the newest N matches are ranked and counted (mattran/search/selectors.py): the cost stays flat as the index grows.
SEARCH_RANK_CANDIDATES = int(os.environ.get("SEARCH_RANK_CANDIDATES", "500"))
SEARCH_BODY_MAX_CHARS = 200_000

# --- petitions ---
# Time limits, reminders and intake limits are data (PetitionSettings, DeadlineRule in the admin); these are
# deployment limits on uploads.
PETITIONS_MAX_ATTACHMENTS = int(os.environ.get("PETITIONS_MAX_ATTACHMENTS", "5"))
PETITIONS_ATTACHMENT_MAX_BYTES = int(os.environ.get("PETITIONS_ATTACHMENT_MAX_BYTES", str(5 * 1024 * 1024)))
# Photos with more pixels are refused before they are decoded (a small PNG can unpack to hundreds of MB).
PETITIONS_IMAGE_MAX_PIXELS = int(os.environ.get("PETITIONS_IMAGE_MAX_PIXELS", str(40_000_000)))
# Largest answer document (a PDF) a body may upload, by link or through an officer.
PETITIONS_ANSWER_MAX_BYTES = int(os.environ.get("PETITIONS_ANSWER_MAX_BYTES", str(10 * 1024 * 1024)))
# Public-form limits beside PetitionSettings' (which the admin edits): tracking lookups a minute per address,
# wrong anti-bot answers an hour per address, and the fewest seconds between showing the question and the answer.
PETITIONS_TRACK_LOOKUPS_PER_MINUTE = int(os.environ.get("PETITIONS_TRACK_LOOKUPS_PER_MINUTE", "60"))
PETITIONS_CHALLENGE_FAILURES_PER_HOUR = int(os.environ.get("PETITIONS_CHALLENGE_FAILURES_PER_HOUR", "10"))
PETITIONS_CHALLENGE_MIN_SECONDS = int(os.environ.get("PETITIONS_CHALLENGE_MIN_SECONDS", "3"))
# PostgreSQL's work_mem for the officers' queue's facet counts only (petitions.queue; "" keeps the server's).
PETITIONS_FACET_WORK_MEM = os.environ.get("PETITIONS_FACET_WORK_MEM", "32MB")
# Social criticism: public comments an hour per address; days a signed expert or drafting-body link stays valid.
CRITICISM_COMMENTS_PER_IP_PER_HOUR = int(os.environ.get("CRITICISM_COMMENTS_PER_IP_PER_HOUR", "10"))
CRITICISM_LINK_DAYS = int(os.environ.get("CRITICISM_LINK_DAYS", "60"))

# --- client address ---
# The request.META name of the header holding the client's address behind our own proxy (HTTP_X_REAL_IP with
# nginx's `proxy_set_header X-Real-IP $remote_addr;`); empty: REMOTE_ADDR. Every rate limit, lockout and counter
# keys on it (mattran.core.http.client_ip); `check --deploy` fails when a proxy is configured and it is empty.
# The older per-app variable names are still read.
CLIENT_IP_HEADER = os.environ.get(
    "CLIENT_IP_HEADER", os.environ.get("PETITIONS_CLIENT_IP_HEADER", os.environ.get("API_CLIENT_IP_HEADER", ""))
)

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
# django-ninja as an app only so its API docs page serves Swagger UI from our static files, not a CDN.
INSTALLED_APPS += ["ninja"]

# --- login: throttling, second factor, staff sessions (docs/security/login.md) ---
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp"]
# After the session, auth and messages middleware. OTPMiddleware gives request.user.is_verified(), which the two
# checks after it need. Axes turns a lockout into its response and comes last.
_after_messages = MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1
MIDDLEWARE[_after_messages:_after_messages] = [
    "django_otp.middleware.OTPMiddleware",
    "mattran.accounts.middleware.StaffSessionMiddleware",
    "mattran.accounts.middleware.SecondFactorRequiredMiddleware",
]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
# AxesBackend first: it refuses a locked-out (username, address) before the password is even checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = int(os.environ.get("AXES_COOLOFF_MINUTES", "30")) / 60  # hours, as axes reads a float
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # one account from one address; others keep working
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "mattran.core.http.client_address"  # None, never a non-address, for its inet columns
AXES_LOCKOUT_CALLABLE = "mattran.accounts.login.views.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# The second factor: TOTP (any authenticator app). Superusers and members with these roles must use it;
# everyone else may turn it on from their account page.
ACCOUNTS_SECOND_FACTOR_ROLES = ["admin", "officer"]
ACCOUNTS_LOGIN_PENDING_SECONDS = 300  # time between the password step and the code
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Mặt trận")
# Staff sessions: expire after this long without a request (renewed by each request), and at most this long after
# the login whatever the activity. Sessions without a login (citizens) keep SESSION_COOKIE_AGE.
STAFF_SESSION_IDLE_SECONDS = int(os.environ.get("STAFF_SESSION_IDLE_SECONDS", str(30 * 60)))
STAFF_SESSION_MAX_SECONDS = int(os.environ.get("STAFF_SESSION_MAX_SECONDS", str(10 * 60 * 60)))
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(24 * 60 * 60)))

# --- security headers (CSP, Permissions-Policy, Referrer-Policy, framing) ---
# Set by middleware listed before the page cache, so cached and rendered pages carry the same headers.
# Public pages: no inline script or style, nothing from other origins (scripts live in mattran/static/js/ and
# the apps' static/ folders; JSON-LD <script type="application/ld+json"> is a data block, which CSP does not run
# or block). See docs/security/privacy.md.
from csp.constants import NONE, SELF, UNSAFE_INLINE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# The Wagtail admin (mattran.core.middleware.CSPMiddleware): Wagtail's templates use inline scripts and styles,
# the page editor previews pages in a same-origin iframe, and image/embed choosers show pictures from other sites.
ADMIN_CSP_URL_PREFIXES = ("/quan-tri/", "/admin/")
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", "https:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, "https:"],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# Powerful browser features no page of ours uses (the petition form asks for an address, not the location).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone", "payment", "usb",
        "browsing-topics",
    )
}
# Django's defaults, stated so every environment (dev and test included) sends them.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The admin loads nothing from other sites: no staff e-mail hashes to gravatar.com, and no fetch of
# releases.wagtail.org from each officer's browser (upgrades are the operators' job, not the officers').
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

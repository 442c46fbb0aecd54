"""sihub settings: one module, read from environment variables.

Every value has an embedded default that runs on a laptop (SQLite, database
search, database task queue, console e-mail). ``SIHUB_ENV=production`` turns
on the hardened profile and refuses to start without a strong SECRET_KEY and
explicit ALLOWED_HOSTS. See README.md for the full list of variables.
"""

from __future__ import annotations

from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from sihub.env import (
    database,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_networks,
    env_str,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent

SIHUB_ENV = env_choice("SIHUB_ENV", ("development", "production", "test"), "development")
PRODUCTION = SIHUB_ENV == "production"

SECRET_KEY = secret_key(production=PRODUCTION)
DEBUG = env_bool("DEBUG", default=SIHUB_ENV == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when SIHUB_ENV=production")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when SIHUB_ENV=production")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # sihub, bottom layer first: other apps depend on core and sdg only.
    "sihub.core",
    "sihub.sdg",
    "sihub.actors",
    "sihub.knowledge",
    "sihub.cases",
    "sihub.monitoring",
    "sihub.impact",
    "sihub.coalitions",
    "sihub.events",
    "sihub.surveys",
    "sihub.search",
    "sihub.api",
    # Wagtail
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "ninja",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # Security
    "axes",
    "csp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sihub.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sihub.core.middleware.ContentSecurityPolicyMiddleware",
    # Inside the security headers (they apply to cached responses too).
    "sihub.core.pagecache.AnonymousPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Axes must come last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sihub.urls"
WSGI_APPLICATION = "sihub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sihub" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sihub.core.context_processors.site_navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
DATABASES = {"default": database(env_str("DATABASE_URL"), base_dir=BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"  # members; staff use /admin/login/
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
if SIHUB_ENV == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Login throttling: after AXES_FAILURE_LIMIT failures for one e-mail address
# from one IP address, that pair is locked out for AXES_COOLOFF_TIME hours.
AXES_FAILURE_LIMIT = env_int("SIHUB_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("SIHUB_LOGIN_THROTTLING", True)
AXES_IPWARE_PROXY_COUNT = env_int("SIHUB_PROXY_COUNT", 0, minimum=0)
AXES_VERBOSE = False
# Log-in forms post the e-mail address as "username"; lower-case it so that
# changing letter case does not reset the failure count.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "sihub.core.auth.axes_username"

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("SIHUB_STATIC_ROOT", str(BASE_DIR / "var" / "static")))
try:  # WhiteNoise warns on every start when the folder is missing.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
except OSError:
    pass
STATICFILES_DIRS = [BASE_DIR / "sihub" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("SIHUB_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Upload limits, checked before anything parses the upload.
SIHUB_MAX_UPLOAD_MB = env_int("SIHUB_MAX_UPLOAD_MB", 20, minimum=1, maximum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_HANDLERS = [
    "sihub.core.uploads.LimitedUploadHandler",  # stops counting data past the limit
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o640
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "csv", "txt"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "sihub.core.forms.LimitedDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "sihub.core.forms.CleanImageForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "sihub"
# No avatars fetched from gravatar.com: the CSP would block them, and it would tell
# a third party who uses the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = env_str("SIHUB_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# --- Search -----------------------------------------------------------------
_SEARCH_BACKEND = env_choice(
    "SIHUB_SEARCH_BACKEND",
    ("database", "opensearch2", "opensearch3", "elasticsearch8", "elasticsearch9"),
    "database",
)
if _SEARCH_BACKEND == "database":
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
else:
    _urls = env_list("SIHUB_SEARCH_URLS", [])
    if not _urls:
        raise ImproperlyConfigured(f"SIHUB_SEARCH_URLS is required for {_SEARCH_BACKEND}")
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{_SEARCH_BACKEND}",
            "URLS": _urls,
            "INDEX_PREFIX": env_str("SIHUB_SEARCH_INDEX_PREFIX", "sihub_"),
            "TIMEOUT": 10,
        }
    }

# --- Cache ------------------------------------------------------------------
# Per-process memory by default; SIHUB_CACHE_URL=redis://host:6379/0 shares one
# cache between processes and hosts (publishing then clears it everywhere).
_CACHE_URL = env_str("SIHUB_CACHE_URL")
if _CACHE_URL:
    if not _CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("SIHUB_CACHE_URL must be a redis:// URL")
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": _CACHE_URL, "KEY_PREFIX": "sihub"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "LOCATION": "sihub", "OPTIONS": {"MAX_ENTRIES": 5000}}}
# Anonymous responses are cached this long (0 turns the page cache off).
SIHUB_PAGE_CACHE_SECONDS = env_int(
    "SIHUB_PAGE_CACHE_SECONDS", 0 if SIHUB_ENV == "test" else 120, minimum=0
)

# --- Background work --------------------------------------------------------
# The test suite runs tasks inline by default; tests of the queue itself use
# the database backend and the real worker (see core/tests/test_tasks.py).
_TASKS_BACKEND = env_choice(
    "SIHUB_TASKS_BACKEND",
    ("database", "immediate"),
    "immediate" if SIHUB_ENV == "test" else "database",
)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if _TASKS_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# --- E-mail -----------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1, maximum=65535)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "sihub <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ---------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview opts in to SAMEORIGIN itself.
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("SIHUB_BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Maps -------------------------------------------------------------------
# Maps draw the committed county and municipality boundaries and work offline.
# A background tile layer is optional: e.g.
# SIHUB_MAP_TILE_URL=https://tile.openstreetmap.org/{z}/{x}/{y}.png plus its
# attribution. Its origin is added to the CSP's img-src.
SIHUB_MAP_TILE_URL = env_str("SIHUB_MAP_TILE_URL")
SIHUB_MAP_TILE_ATTRIBUTION = env_str("SIHUB_MAP_TILE_ATTRIBUTION")
_TILE_ORIGIN = ""
if SIHUB_MAP_TILE_URL:
    from urllib.parse import urlsplit

    _tiles = urlsplit(SIHUB_MAP_TILE_URL)
    if _tiles.scheme != "https" or not _tiles.netloc or "{z}" not in SIHUB_MAP_TILE_URL:
        raise ImproperlyConfigured(
            "SIHUB_MAP_TILE_URL must be an https URL template with {z}, {x} and {y}")
    if not SIHUB_MAP_TILE_ATTRIBUTION:
        raise ImproperlyConfigured("SIHUB_MAP_TILE_ATTRIBUTION is required with SIHUB_MAP_TILE_URL")
    _TILE_ORIGIN = f"https://{_tiles.netloc.replace('{s}', '*')}"

# Content Security Policy: no inline script, nothing from other origins (all
# assets are vendored under static/). The admin gets a looser policy in
# sihub.core.middleware because Wagtail's admin uses inline styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([_TILE_ORIGIN] if _TILE_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Logging ----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("SIHUB_LOG_LEVEL", "INFO").upper()},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- sihub ------------------------------------------------------------------
SIHUB_API_PAGE_SIZE = 50
# Feed monitoring. Feed URLs are typed by staff and treated as hostile: the
# fetcher refuses loopback, private and other internal addresses
# (sihub/monitoring/safe_fetch.py). Turn this on for tests and intranet feeds;
# SIHUB_FEEDS_ALLOWED_NETWORKS (e.g. 10.1.2.0/24) opens a few networks only.
SIHUB_FEEDS_ALLOW_PRIVATE_NETWORKS = env_bool("SIHUB_FEEDS_ALLOW_PRIVATE_NETWORKS", False)
SIHUB_FEEDS_ALLOWED_NETWORKS = env_networks("SIHUB_FEEDS_ALLOWED_NETWORKS", [])
# Minutes between two fetches of every active feed source (run_scheduler enqueues them).
SIHUB_FEEDS_FETCH_INTERVAL = env_int("SIHUB_FEEDS_FETCH_INTERVAL", 30, minimum=1,
                                     maximum=7 * 24 * 60)
# Who has been erased, kept outside the database (and outside backups) so an
# older backup, once restored, can be cleaned again (privacy.reapply_erasures).
SIHUB_ERASURE_LEDGER = Path(
    env_str("SIHUB_ERASURE_LEDGER", str(BASE_DIR / "var" / "erasure-ledger.jsonl"))
)
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Events: personal data of participants (names, e-mail, needs, consents,
# matchmaking answers) is anonymised this many days after an event ends;
# sector and attendance stay for statistics (sihub/events/retention.py).
SIHUB_EVENTS_RETENTION_DAYS = env_int("SIHUB_EVENTS_RETENTION_DAYS", 180, minimum=1)
# Sign-ups accepted from one IP address per hour (bots; a venue's shared
# connection may need more).
SIHUB_EVENTS_REGISTRATIONS_PER_IP_HOUR = env_int("SIHUB_EVENTS_REGISTRATIONS_PER_IP_HOUR", 30,
                                                 minimum=1)

# Surveys (sihub/surveys): groups smaller than this are hidden ("fewer than N")
# in public aggregates (report pages, the API) so nobody can be singled out.
SIHUB_SURVEYS_MIN_GROUP = env_int("SIHUB_SURVEYS_MIN_GROUP", 5, minimum=1)
# Responses started from one IP address per hour on a public link (bots).
SIHUB_SURVEYS_RESPONSES_PER_IP_HOUR = env_int("SIHUB_SURVEYS_RESPONSES_PER_IP_HOUR", 20,
                                              minimum=1)
# Unfinished responses are deleted, and invitation addresses and client digests
# blanked, this many days after a round closes (sihub/surveys/retention.py).
SIHUB_SURVEYS_RETENTION_DAYS = env_int("SIHUB_SURVEYS_RETENTION_DAYS", 90, minimum=1)


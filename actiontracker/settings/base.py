"""Settings read from the environment: one module for development and production.

``DEBUG=0`` selects production behaviour; it then requires ``SECRET_KEY`` and
``ALLOWED_HOSTS``. ``DATABASE_URL`` selects PostgreSQL; unset, an embedded SQLite
file in the project is used.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


DEBUG = env_bool("DEBUG", True)
# Kept apart from DEBUG, which the test runner switches off.
PRODUCTION = not DEBUG

_DEV_SECRET_KEY = "django-insecure-development-only-key-not-for-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG=0 (production).")
    SECRET_KEY = _DEV_SECRET_KEY
elif not DEBUG and (
    SECRET_KEY == _DEV_SECRET_KEY
    or SECRET_KEY.startswith("django-insecure")
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak for production: use at least 50 random characters."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG=0 (production).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "django_tables2",
    "simple_history",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "actiontracker.apps.ActiontrackerConfig",
    "meetings",
    "actions",
    "correspondence",
    "papers",
    "publicrecord",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Cache-Control: private, no-store on every response to a signed-in user.
    "actiontracker.middleware.PrivateCacheMiddleware",
    # Development's 404s get the service's own page too (needs the user, for navigation).
    "actiontracker.errors.ServiceNotFoundMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns a database outage during a request into a clean 503 page.
    "actiontracker.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes requires: it answers locked-out sign-ins with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "actiontracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "actiontracker.wsgi.application"
ASGI_APPLICATION = "actiontracker.asgi.application"

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        # Health checks make each worker drop a connection that died with a database restart
        # and open a new one, so the app recovers by itself without restarting workers.
        # ATOMIC_REQUESTS: a request's writes commit together or not at all, so a write
        # interrupted by an outage leaves nothing half-saved.
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
        | {"ATOMIC_REQUESTS": True}
    }
else:
    DATABASES = {
        "default": {
            # Django's SQLite backend, keeping the planner's statistics current.
            "ENGINE": "actiontracker.sqlite",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                # WAL lets readers and one writer work at once; IMMEDIATE avoids
                # "database is locked" when a read transaction turns into a write.
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            "ATOMIC_REQUESTS": True,
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes first: it refuses sign-ins from a locked-out username and address before
# the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, a user's permissions kept in the cache between requests.
    "actiontracker.permissions.CachedModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
# Keyed on username and address together: one attacker cannot lock every officer out
# from a single address by guessing, and a shared office address does not lock a whole team.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
# Behind a proxy the client address comes from X-Forwarded-For (set AXES_IPWARE_PROXY_COUNT).
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", 0)) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media")))

WHITENOISE_USE_FINDERS = DEBUG

STORAGES = {
    # Uploaded letters: the file system under MEDIA_ROOT unless FILE_STORAGE names another
    # backend (shared storage when there is more than one server, e.g. django-storages').
    "default": {
        "BACKEND": os.environ.get("FILE_STORAGE", "django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "actiontracker_cache",
    }
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

# Largest letter PDF an officer may upload.
CORRESPONDENCE_MAX_UPLOAD_BYTES = int(
    os.environ.get("CORRESPONDENCE_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
)

SESSION_COOKIE_AGE = 8 * 60 * 60
# Officers often work on shared office machines: closing the browser ends the session, and
# the eight-hour age still ends one left open overnight.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy, enforced in development too so a forbidden inline script or
# style shows up while it is being written: scripts and styles only from our own files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Papers whose PDF would keep the reader waiting more than about a second are made by the
# background worker instead: the size counts the paper's action rows (about 20 ms each),
# and ten more for each appendix letter of an agenda pack.
PDF_BACKGROUND_ROWS = int(os.environ.get("PDF_BACKGROUND_ROWS", 60))

# What turns every paper and printable page (HTML) into PDF bytes: the dotted path of a
# callable `html -> bytes`, read on each render, as EMAIL_BACKEND names the mail backend.
# WeasyPrint by default; another engine (a rendering service, say) plugs in here without
# touching the papers, and the tests name recording stand-ins (tests/pdf_renderers.py) as
# they use the locmem mail backend.
PDF_RENDERER = "actiontracker.pdf.weasyprint_pdf"


def email_backend(environ, debug: bool) -> str:
    """GOV.UK Notify when NOTIFY_API_KEY is set; else SMTP when EMAIL_HOST is; else, in
    development, files under sent-mail/ so mail `make run` sends stays readable."""
    if environ.get("NOTIFY_API_KEY"):
        return "actiontracker.mail.NotifyEmailBackend"
    if environ.get("EMAIL_HOST") or not debug:
        return "actiontracker.mail.SmtpEmailBackend"  # Django's, keeping refused recipients
    return "django.core.mail.backends.filebased.EmailBackend"


# Mail (the chases of `manage.py send_chases`), configured with Django's own names.
EMAIL_BACKEND = email_backend(os.environ, DEBUG)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 30))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "secretariat@actiontracker.invalid")
EMAIL_FILE_PATH = BASE_DIR / "sent-mail"
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
# The Notify e-mail template with ((subject)) and ((body)) placeholders.
NOTIFY_TEMPLATE_ID = os.environ.get("NOTIFY_TEMPLATE_ID", "")
# Where links in e-mails point: the service's address as its readers reach it.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
# How long a link to the response portal in a chase stays good.
RESPOND_LINK_MAX_AGE = timedelta(days=int(os.environ.get("RESPOND_LINK_DAYS", 60)))
# Requests to the response portal within RESPOND_RATE_WINDOW seconds: per link and per
# address; more are refused with 429 until the window ends.
RESPOND_RATE_PER_LINK = int(os.environ.get("RESPOND_RATE_PER_LINK", 60))
RESPOND_RATE_PER_ADDRESS = int(os.environ.get("RESPOND_RATE_PER_ADDRESS", 200))
RESPOND_RATE_WINDOW = int(os.environ.get("RESPOND_RATE_WINDOW", 600))

# Background work (PDF rendering of large papers) runs in `manage.py db_worker`.
# (django-tasks 0.12 moved its database backend into the django-tasks-db package.)
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # A load balancer probes the health check over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A response portal link's token never reaches a log (actiontracker/logs.py): filtered
    # where Django logs a request's path, and at the console for anything else.
    "filters": {"portal_tokens": {"()": "actiontracker.logs.RedactPortalTokens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["portal_tokens"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # WeasyPrint reports every CSS rule it skips; only real errors are worth a log line.
    "loggers": {
        "django.request": {"filters": ["portal_tokens"]},
        "django.server": {"filters": ["portal_tokens"]},
        "actiontracker.middleware": {"filters": ["portal_tokens"]},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

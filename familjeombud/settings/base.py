"""Settings shared by every environment; each value that differs per machine comes from the
environment so that app servers stay stateless and interchangeable behind a load balancer."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY_MISSING = (  # nosec B105: the message shown when the key is missing
    "SECRET_KEY saknas: sätt miljövariabeln SECRET_KEY när DEBUG är av "
    "(portalen startar inte med en inbyggd nyckel i produktion)."
)


def require_secret_key() -> str:
    """Production must never run on a key that is in the source code."""
    key = env.str("SECRET_KEY", default="")
    if not key:
        raise ImproperlyConfigured(SECRET_KEY_MISSING)
    return key


ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "organisation",
    "familjeombud",
    "mandates",
    "checklists",
    "samverkan",
    "training",
    # Issue 17: the task queue in the portal's own database, and the scheduled jobs and
    # reminders that compose the other apps (nothing imports automation but the project).
    "django_tasks",
    "django_tasks_db",
    "automation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and authentication: their database reads also give the 503 page.
    "familjeombud.middleware.DatabaseUnavailableMiddleware",
    # A worker's copy of a public page, headers and all, before the rest would remake it.
    "mandates.middleware.PublicPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "familjeombud.urls"

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
                "familjeombud.menu.main_menu",
            ],
        },
    }
]

WSGI_APPLICATION = "familjeombud.wsgi.application"


def prepared_statements(database: dict) -> dict:
    """On PostgreSQL, the queries that core.compiled builds once per process are also planned
    once per connection: planning the case page's query took longer than running it. Only
    those queries are prepared (Django's own cursors bind on the client and never prepare);
    DATABASE_PREPARED_STATEMENTS=off for a connection pooler in transaction mode that cannot
    keep a prepared statement (PgBouncer before 1.21)."""
    if database["ENGINE"].endswith("postgresql") and env.bool(
        "DATABASE_PREPARED_STATEMENTS", default=True
    ):
        database.setdefault("OPTIONS", {})["prepare_threshold"] = 5
    return database


DATABASES = {
    "default": prepared_statements(
        env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A kept connection is tested before each request uses it, so a database that was restarted
# or came back after an outage is reconnected to at once instead of failing one request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# dumpdata/loaddata as JSON that keeps microseconds (Django's own JSON cuts them).
SERIALIZATION_MODULES = {"json": "familjeombud.serializers"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every worker and app server, so an edit in admin is seen everywhere at
# once. Django's database cache needs no extra service; Redis can be configured with CACHE_URL.
CACHES = {
    "default": env.cache_url("CACHE_URL", default="dbcache://django_cache"),
}
CACHE_SERVICES = ("RedisCache", "PyMemcacheCache", "PyLibMCCache")


def session_engine_for(caches: dict) -> str:
    """With a cache service that every app server shares (Redis), a signed-in request finds
    its session in the cache and reads the session row only on a miss. With the database
    cache that would only move the read to another table, so sessions stay in the database.
    Both are Django's engines with the session row read through a compiled query."""
    if caches["default"]["BACKEND"].endswith(CACHE_SERVICES):
        return "accounts.sessions.cached_db"
    return "accounts.sessions.db"


SESSION_ENGINE = session_engine_for(CACHES)

# Callables adding documents of other apps to the support package's search (mandates.search_index):
# the project composes them, so mandates imports no other app.
SEARCH_DOCUMENT_PROVIDERS: list[str] = ["familjeombud.pages.routine.search_documents"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# The library's floor for any admin that is not core.admin_import_export's (which also asks
# for the change permission on import): without these every staff user may import and export.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# A slow or silent mail server holds up a queue worker, never a page; still, not for ever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# The portal's own address, for links in e-mail and for PDFs made by a worker (no request).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="familjeombud@kronoberg.se")
# Where 'Meddela brist' reports from the accessibility statement are mailed; empty = admin only.
ACCESSIBILITY_REPORT_EMAIL = env.str("ACCESSIBILITY_REPORT_EMAIL", default="")

# Closed samverkan cases are deleted this many days after closing (manage.py purge_cases); the
# journal and Link remain the records. The personal-data notice reads the same value.
CASE_RETENTION_DAYS = env.int("CASE_RETENTION_DAYS", default=90)

# Background work (issue 17): django-tasks' database backend keeps the queue in the portal's own
# database (SQLite for `make run`, PostgreSQL in production), so no broker is needed; workers
# take tasks with SELECT ... FOR UPDATE SKIP LOCKED, so several may run on several machines.
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
# A scheduled job that fails is tried again after JOB_RETRY_SECONDS, at most JOB_MAX_ATTEMPTS times.
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=3)
JOB_RETRY_SECONDS = env.int("JOB_RETRY_SECONDS", default=15 * 60)
# A run still "running" this long after it started belonged to a worker that was killed mid-job
# (the longest job takes minutes); the scheduler queues it again, as one more attempt.
JOB_RUNNING_TIMEOUT_SECONDS = env.int("JOB_RUNNING_TIMEOUT_SECONDS", default=60 * 60)
# Reminders: how far ahead each kind looks, and from which day (MM-DD) a unit that has not
# started this year's readiness checklist is reminded.
REMINDER_MEETING_DAYS = env.int("REMINDER_MEETING_DAYS", default=3)
REMINDER_DUE_DAYS = env.int("REMINDER_DUE_DAYS", default=7)
REMINDER_NETWORK_MEETING_DAYS = env.int("REMINDER_NETWORK_MEETING_DAYS", default=14)
REMINDER_READINESS_FROM = env.str("REMINDER_READINESS_FROM", default="03-01")
# An open samverkan case without activity (samverkan: CaseQuerySet.with_last_activity) for this
# many days is listed to its clinician and colleagues for closing, and reminded of weekly.
SAMVERKAN_STALE_AFTER_DAYS = env.int("SAMVERKAN_STALE_AFTER_DAYS", default=365)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every record passes the root handler's filter: no personnummer reaches a log line.
    "filters": {
        "mask_personnummer": {"()": "familjeombud.logging.MaskPersonnummerFilter"},
        "client_error_as_warning": {"()": "familjeombud.logging.ClientErrorAsWarningFilter"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_personnummer"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # PDF rendering narrates every step at INFO; only its warnings are worth a log line.
    "loggers": {
        # Django's own default handler would print each django.* record a second time in DEBUG.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Django logs these 400s at ERROR with a traceback (issue 20): one warning line each.
        **{
            f"django.security.{name}": {"filters": ["client_error_as_warning"]}
            for name in (
                "TooManyFieldsSent",
                "TooManyFilesSent",
                "RequestDataTooBig",
                "DisallowedHost",
            )
        },
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Hardening (issue 7): login throttling, Content-Security-Policy, security headers. ---
INSTALLED_APPS += ["axes", "csp"]
MIDDLEWARE += [
    "csp.middleware.CSPMiddleware",
    "familjeombud.middleware.PermissionsPolicyMiddleware",
    # Last, as django-axes requires: it turns a lockout flagged during login into a response.
    "axes.middleware.AxesMiddleware",
]
# Axes checks every login (the portal's and the admin's) before the model backend runs.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Log review (issue 10): lockouts must outlive the reset above; a user's views or exports of
# cases in one day above this number are flagged for review.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AUDIT_DAILY_VIEW_THRESHOLD = env.int("AUDIT_DAILY_VIEW_THRESHOLD", default=50)
# Checklist saves per user and minute (issue 20): a person ticking items by hand stays far
# below; a script inflating an item's history is stopped with a Swedish 429.
CHECKLIST_SAVES_PER_MINUTE = env.int("CHECKLIST_SAVES_PER_MINUTE", default=30)
# Posts to samverkan's forms (every step, new cases) per user and minute; a clinician working
# through a case makes a few.
SAMVERKAN_WRITES_PER_MINUTE = env.int("SAMVERKAN_WRITES_PER_MINUTE", default=30)
# A locked-out login gets a Swedish page (how long, whom to ask) with status 429.
AXES_LOCKOUT_CALLABLE = "familjeombud.lockout.lockout_response"

# No inline script or style anywhere: JS and CSS come from our own static files only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)

# --- Sign-in through the region's identity provider (issue 16); see docs/inloggning.md. ---
# No OIDC_ISSUER = no provider: password sign-in only, as under `make run` and in the tests.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "accounts"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "accounts.middleware.SessionMaxAgeMiddleware",
)
# After CSP's middleware, so it answers first: signing out POSTs to the portal, which
# redirects to the provider, and form-action must allow that redirect.
MIDDLEWARE.insert(
    MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1,
    "accounts.middleware.ProviderFormActionMiddleware",
)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.passwords.PasswordBackend",
    "accounts.oidc.PortalOIDCBackend",
]
OIDC_ISSUER = env.str("OIDC_ISSUER", default="")
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_RP_SCOPES = env.str("OIDC_SCOPES", default="openid profile email")
OIDC_RP_SIGN_ALGO = env.str("OIDC_SIGN_ALGO", default="RS256")
# The stable identifier: HSA-id (Inera's IdP calls it employeeHsaId); with Entra ID, oid.
OIDC_IDENTIFIER_CLAIM = env.str("OIDC_IDENTIFIER_CLAIM", default="employeeHsaId")
OIDC_GIVEN_NAME_CLAIM = env.str("OIDC_GIVEN_NAME_CLAIM", default="given_name")
OIDC_FAMILY_NAME_CLAIM = env.str("OIDC_FAMILY_NAME_CLAIM", default="family_name")
OIDC_EMAIL_CLAIM = env.str("OIDC_EMAIL_CLAIM", default="email")
# Roles from a claim (empty = kept in admin): OIDC_ROLE_MAP="claimvalue=Kliniker,other=Strateg".
OIDC_ROLES_CLAIM = env.str("OIDC_ROLES_CLAIM", default="")
OIDC_ROLE_MAP = env.dict("OIDC_ROLE_MAP", default={})
# Unit memberships from a claim (empty = kept in admin); values mapped in admin (UnitClaim).
OIDC_UNITS_CLAIM = env.str("OIDC_UNITS_CLAIM", default="")
# The authentication contexts that mean strong authentication; others are refused.
OIDC_ACR_VALUES = env.list(
    "OIDC_ACR_VALUES",
    default=["http://id.elegnamnden.se/loa/1.0/loa3", "http://id.elegnamnden.se/loa/1.0/loa4"],
)
OIDC_CREATE_USER = env.bool("OIDC_CREATE_USERS", default=True)
OIDC_PROMPT = env.str("OIDC_PROMPT", default="")
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
OIDC_CLOCK_SKEW = env.int("OIDC_CLOCK_SKEW", default=60)
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
# The most a session lasts from its sign-in, however active (seconds).
SESSION_MAX_AGE = env.int("SESSION_MAX_AGE", default=SESSION_COOKIE_AGE)
# Whom a signed-in user without a role should ask; empty = the built-in Swedish text.
ACCESS_REQUEST_CONTACT = env.str("ACCESS_REQUEST_CONTACT", default="")
# Production turns this on when a provider is configured (settings/production.py).
PASSWORD_SIGN_IN_EMERGENCY_ONLY = False

"""The test suite: fast hashing, mail kept in memory, a database chosen by DATABASE_URL."""

import os

from .base import *  # noqa: F403
from .base import env, prepared_statements, session_engine_for

DEBUG = False
SECRET_KEY = "test-only-key"  # nosec B105: the test settings only
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In memory unless a test (or the worker process it starts) points at its loopback SMTP server.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
SITE_URL = "http://testserver"
DATABASES = {"default": prepared_statements(env.db("DATABASE_URL", default="sqlite://:memory:"))}
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # The pytest-xdist workers share one Redis server: each gets a database of its own, so one
    # worker's cache.clear() (FLUSHDB) never empties another's. Database 0 is left unused.
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    CACHES["default"].setdefault("OPTIONS", {})["db"] = int(_worker or 0) + 1
SESSION_ENGINE = session_engine_for(CACHES)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

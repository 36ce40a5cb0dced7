"""Production: every secret and host from the environment, HTTPS enforced."""

from .base import *  # noqa: F403
from .base import DEBUG, env, require_secret_key

SECRET_KEY = env.str("SECRET_KEY", default="") if DEBUG else require_secret_key()

# Behind a TLS-terminating proxy or load balancer the original scheme arrives in a header.
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)

OIDC_NOT_COMPLETE = (
    "OIDC_ISSUER är satt men OIDC_CLIENT_ID eller OIDC_CLIENT_SECRET saknas: sätt alla tre, "
    "eller ingen för inloggning med lösenord."
)
if OIDC_ISSUER:  # noqa: F405
    if not (OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET):  # noqa: F405
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(OIDC_NOT_COMPLETE)
    # Staff sign in through the region; passwords only for the marked emergency accounts.
    PASSWORD_SIGN_IN_EMERGENCY_ONLY = True

"""Development on one machine (`make run`): DEBUG on, SQLite, mail to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# Only for the developer's own machine; production refuses to start without its own key.
SECRET_KEY = env.str("SECRET_KEY", default="local-development-key-not-for-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

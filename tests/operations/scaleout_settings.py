"""The production settings as an app server of the scale-out test runs them: static files
collected into the test's own folder, everything else from the environment."""

from familjeombud.settings.production import *  # noqa: F403
from familjeombud.settings.production import env

STATIC_ROOT = env.path("SCALEOUT_STATIC_ROOT")

"""Redis as the shared cache, as `CACHE_URL=redis://…` configures it for several app servers:
the cache really is the Redis server, and sessions are read from it, not from their table."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from familjeombud.settings.base import session_engine_for

REDIS = "django.core.cache.backends.redis.RedisCache"
with_redis = pytest.mark.skipif(
    settings.CACHES["default"]["BACKEND"] != REDIS,
    reason="needs Redis as the cache (make test runs this file under .ci/with-redis)",
)


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("redis:///run/redis.sock?db=1", "cached_db"),
        ("redis://cache.example.se:6379/1", "cached_db"),
        ("dbcache://django_cache", "db"),
        ("locmemcache://", "db"),
    ],
)
def test_sessions_are_cached_only_when_the_cache_is_a_service_shared_by_every_app_server(
    url, engine
):
    import environ

    caches = {"default": environ.Env.cache_url_config(url)}
    assert session_engine_for(caches) == f"accounts.sessions.{engine}"


@with_redis
def test_the_cache_is_the_redis_server_of_the_test_run():
    import redis

    cache.set("probe", "värde", 30)
    client = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"],
                                  db=settings.CACHES["default"]["OPTIONS"]["db"])  # fmt: skip
    assert any(key.endswith(b":probe") for key in client.keys("*"))
    assert cache.get("probe") == "värde"
    assert settings.SESSION_ENGINE == "accounts.sessions.cached_db"


@with_redis
def test_a_signed_in_request_reads_its_session_from_redis_not_from_the_session_table(
    client, django_user_model
):
    user = django_user_model.objects.create_user("kollega", password="lösen-för-test")
    client.force_login(user)
    client.get(reverse("home"))  # the first request may fill the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    assert not [q["sql"] for q in queries if "django_session" in q["sql"]]

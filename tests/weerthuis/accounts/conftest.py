import uuid

import pytest


@pytest.fixture(params=["database", pytest.param("redis", marks=pytest.mark.redis)])
def session_store(request, settings):
    """Sessions in the database (no REDIS_URL), or in the database and read from Redis (REDIS_URL set): an ended
    session must be gone from both."""
    if request.param == "redis":
        from tests.conftest import redis_cache

        settings.CACHES = {**settings.CACHES, "default": redis_cache(request.getfixturevalue("redis_url"))}
        settings.CACHES["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    else:
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    return request.param

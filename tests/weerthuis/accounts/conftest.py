"""The cast of the organisation administrator's tests (an administrator and a member of corporation A, the same of
corporation B, another organisation in the same region) and the session stores an ended session must leave."""

import uuid

import pytest

from regions.models import Membership

Role = Membership.Role


@pytest.fixture
def admin_a(member):
    return member(Role.ORG_ADMIN, "corporation", username="beheerder-a", first_name="Anna", last_name="Admin")


@pytest.fixture
def staff_a(member):
    return member(Role.CORPORATION_STAFF, "corporation", username="medewerker-a")


@pytest.fixture
def admin_b(member):
    return member(Role.ORG_ADMIN, "other_corporation", username="beheerder-b")


@pytest.fixture
def staff_b(member):
    return member(Role.CORPORATION_STAFF, "other_corporation", username="medewerker-b")


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

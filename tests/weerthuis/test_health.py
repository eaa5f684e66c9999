"""/gezondheid/: 200 when every configured dependency answers, 503 naming the one that does not, never 500 and
never a long wait; without Redis configured (zero setup) it says so and is healthy."""

import threading
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from tests.conftest import redis_cache

pytestmark = pytest.mark.django_db


def broker(settings, url: str) -> None:
    settings.CELERY_BROKER_URL = url
    settings.CELERY_TASK_ALWAYS_EAGER = False


def test_without_redis_configured_the_site_is_healthy_and_says_so(client, settings):
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.CELERY_BROKER_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok", "cache": "not configured", "broker": "eager", "worker_heartbeat": None,
    }  # fmt: skip


@pytest.mark.redis
def test_with_redis_up_every_dependency_is_ok(client, settings, redis_url):
    settings.CACHES = {**settings.CACHES, "default": redis_cache(redis_url)}
    broker(settings, redis_url)
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert {k: response.json()[k] for k in ("database", "cache", "broker")} == {
        "database": "ok", "cache": "ok", "broker": "ok",
    }  # fmt: skip


def test_with_redis_down_it_answers_503_naming_the_cache_and_the_broker(client, settings, redis_down):
    broker(settings, "redis://127.0.0.1:1/1")
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "error", "broker": "error", "worker_heartbeat": None}


@pytest.mark.parametrize("query", [{}, {"alleen": "database"}])
def test_with_the_database_down_it_answers_503_naming_it(client, query):
    client.raise_request_exception = False
    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("connection refused")):
        response = client.get(reverse("health"), query)
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_the_container_check_asks_about_the_database_only(client, redis_down):
    response = client.get(reverse("health"), {"alleen": "database"})
    assert response.status_code == 200
    assert response.json()["database"] == "ok" and "cache" not in response.json()


def test_a_frozen_redis_gets_503_within_the_timeout_not_a_hanging_request(client, settings, frozen_redis_url):
    settings.CACHES = {**settings.CACHES, "default": redis_cache(frozen_redis_url)}
    broker(settings, frozen_redis_url)
    answers = []
    request = threading.Thread(target=lambda: answers.append(client.get(reverse("health"))), daemon=True)
    request.start()
    request.join(timeout=30)  # generous: the configured 0.5 s timeouts end it; this only keeps a hang from lasting
    assert answers, "the health check still waited on the frozen Redis"
    assert answers[0].status_code == 503
    assert answers[0].json()["cache"] == "error" and answers[0].json()["broker"] == "error"

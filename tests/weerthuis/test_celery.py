"""Celery: eager in-process without a broker, and a real worker on the real Redis broker."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from weerthuis.celery import app as celery_app
from weerthuis.tasks import HEARTBEAT_CACHE_KEY, heartbeat


@pytest.mark.django_db
def test_without_a_broker_tasks_run_in_process_and_the_health_page_shows_the_heartbeat(client):
    cache.delete(HEARTBEAT_CACHE_KEY)
    answer = client.get(reverse("health")).json()
    assert (answer["database"], answer["broker"], answer["worker_heartbeat"]) == ("ok", "eager", None)
    beat = heartbeat.delay().get(timeout=5)
    assert beat["database"] == "ok"
    assert client.get(reverse("health")).json()["worker_heartbeat"] == beat["at"]


def test_every_scheduled_task_exists():
    celery_app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in celery_app.tasks, f"beat entry {name} names an unknown task"


def test_time_limits_fit_inside_the_brokers_redelivery_window():
    assert settings.CELERY_TASK_ACKS_LATE
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > settings.CELERY_TASK_TIME_LIMIT


def test_a_dead_broker_costs_a_sender_about_a_second_and_a_worker_waits_for_it_forever():
    """Read from the Celery app, so a misspelt setting (silently ignored) fails here too."""
    conf = celery_app.conf
    assert conf.broker_connection_max_retries is None
    assert conf.broker_connection_timeout <= 1
    assert conf.task_publish_retry_policy["max_retries"] <= 1
    assert conf.result_backend_transport_options["retry_policy"]["max_retries"] == 0
    assert conf.redis_socket_timeout <= 1 and conf.redis_socket_connect_timeout <= 1
    options = conf.broker_transport_options
    assert options["socket_timeout"] <= 1 and options["socket_connect_timeout"] <= 1
    assert options["health_check_interval"] > 0


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_worker_on_the_redis_broker_runs_a_task_and_reaches_the_database(worker, client):
    # With REDIS_URL set, the cache lives in Redis too: shared by this process and the worker.
    assert "RedisCache" in settings.CACHES["default"]["BACKEND"]
    cache.delete(HEARTBEAT_CACHE_KEY)
    beat = heartbeat.apply_async(queue=worker).get(timeout=90)
    assert beat["database"] == "ok"
    # The effect, seen from this process through Redis: the health page shows the worker's heartbeat.
    assert client.get(reverse("health")).json()["worker_heartbeat"] == beat["at"]

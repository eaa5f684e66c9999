"""Celery: eager in-process without a broker, and a real worker on the real Redis broker."""

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from weerthuis.celery import app as celery_app
from weerthuis.tasks import HEARTBEAT_CACHE_KEY, heartbeat

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_without_a_broker_tasks_run_in_process_and_the_health_page_shows_the_heartbeat(client):
    cache.delete(HEARTBEAT_CACHE_KEY)
    assert client.get(reverse("health")).json() == {"database": "ok", "worker_heartbeat": None}
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


def database_url_for(settings_dict: dict) -> str:
    """A DATABASE_URL for the test database, also when its host is a Unix-socket directory (embedded server)."""
    host = quote(settings_dict["HOST"] or "", safe="")
    return (
        f"postgres://{settings_dict['USER']}:{quote(settings_dict['PASSWORD'] or '', safe='')}@{host}:"
        f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
    )


@pytest.fixture
def worker(redis_url):
    """A real `celery worker` process on the Redis broker and the test database, on a queue of its own."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DATABASE_URL": database_url_for(connection.settings_dict),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "weerthuis", "worker", "--pool=solo", "--queues", queue,
         "--hostname", f"{queue}@%h", "--without-mingle", "--without-gossip", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    previous = celery_app.conf.task_always_eager, celery_app.conf.broker_url, celery_app.conf.result_backend
    celery_app.conf.update(task_always_eager=False, broker_url=redis_url, result_backend=redis_url)
    try:
        yield queue
    finally:
        celery_app.conf.update(task_always_eager=previous[0], broker_url=previous[1], result_backend=previous[2])
        process.terminate()
        output, _ = process.communicate(timeout=30)
        if output.strip():
            print("worker output:\n" + output)


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

"""Operational tasks that belong to no domain app."""

import socket

from celery import shared_task
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

HEARTBEAT_CACHE_KEY = "weerthuis:worker-heartbeat"


@shared_task(name="weerthuis.tasks.heartbeat")
def heartbeat() -> dict:
    """Record that a worker ran a task and reached the database; the health page shows the last one.

    Safe to run twice: it overwrites one cache entry.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        database_ok = cursor.fetchone() == (1,)
    beat = {
        "at": timezone.now().isoformat(),
        "worker": socket.gethostname(),
        "database": "ok" if database_ok else "error",
    }
    cache.set(HEARTBEAT_CACHE_KEY, beat, timeout=None)
    return beat

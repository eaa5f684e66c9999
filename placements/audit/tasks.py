"""Celery task of the retention: thin, takes an ISO date, safe to run twice."""

import time
from datetime import date

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from placements.audit.retention import apply_retention as apply

# Stop starting batches a minute before the soft time limit; the next night goes on where this run stopped.
MARGIN_SECONDS = 60


@shared_task(name="placements.tasks.apply_retention")
def apply_retention(today: str | None = None) -> dict[str, int | bool]:
    """Nightly at 03:45: reduce the clients and delete the access-log lines whose retention period has ended
    (placements.audit.retention) and return what the run removed."""
    as_of = date.fromisoformat(today) if today else timezone.localdate()
    deadline = time.monotonic() + settings.CELERY_TASK_SOFT_TIME_LIMIT - MARGIN_SECONDS
    run = apply(today=as_of, deadline=deadline)
    return {
        "run": run.pk,
        "cases_reduced": run.cases_reduced,
        "history_deleted": run.history_deleted,
        "access_log_deleted": run.access_log_deleted,
        "complete": run.complete,
    }

"""Celery tasks of the import: thin, idempotent, arguments are ids. A batch is its own request (a row): queued
after commit; if the broker does not take it, the batch fails with a Dutch message and the person uploads again.
`expire_stale_imports` (beat) closes batches whose worker never finished."""

import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from placements.imports.services import check_batch, expire_stale_batches, import_batch
from placements.models import ImportBatch

logger = logging.getLogger(__name__)


@shared_task(name="placements.tasks.check_import")
def check_import(batch_id: int) -> str:
    """Check an uploaded batch's rows (the preview). Safe to deliver twice."""
    return check_batch(batch_id=batch_id).status


@shared_task(name="placements.tasks.run_import")
def run_import(batch_id: int) -> str:
    """Import a confirmed batch in one transaction. Safe to deliver twice."""
    return import_batch(batch_id=batch_id).status


@shared_task(name="placements.tasks.expire_stale_imports")
def expire_stale_imports() -> list[int]:
    """Every few minutes: close the batches no worker will finish."""
    return expire_stale_batches()


def _send(task_name: str, batch_id: int) -> None:
    task = {"check": check_import, "import": run_import}[task_name]
    try:
        task.apply_async(args=[batch_id])
    except Exception:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            raise  # in-process: the task itself failed, and its batch says so
        logger.warning("import %s: not handed to the broker", batch_id, exc_info=True)
        with translation.override(settings.LANGUAGE_CODE):
            ImportBatch.objects.filter(pk=batch_id, status__in=ImportBatch.RUNNING).update(
                status=ImportBatch.Status.FAILED,
                finished_at=timezone.now(),
                error=_("De verwerking kon niet worden gestart. Er is niets ingelezen; probeer het over enkele minuten "
                        "opnieuw."),
            )  # fmt: skip


def hand_over(task_name: str, batch_id: int) -> None:
    """Queue the check or the import of a batch once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: _send(task_name, batch_id), robust=True)

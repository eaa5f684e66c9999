"""Celery tasks of the figures: thin, idempotent, arguments are ids and ISO dates. Task names keep the
`placements.tasks.` prefix they were deployed with (queued messages and the beat schedule name them)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from placements.figures.services import queue_run, run_figures


@shared_task(name="placements.tasks.recompute_figures")
def recompute_figures(run_id: int) -> str:
    """Carry out one queued figure run (a coordinator's request). Safe to deliver twice."""
    return run_figures(run_id=run_id).status


@shared_task(name="placements.tasks.nightly_figures")
def nightly_figures(today: str | None = None) -> str:
    """Nightly at 02:30 (Europe/Amsterdam): recompute every region's figures for this year and last year."""
    as_of = date.fromisoformat(today) if today else timezone.localdate()
    return run_figures(run_id=queue_run(region_id=None, as_of=as_of).pk).status

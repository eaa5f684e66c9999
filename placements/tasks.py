"""Celery tasks of placements: thin, idempotent, arguments are ISO dates."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from placements.reminders import send_stalled_proposal_reminders


@shared_task(name="placements.tasks.remind_stalled_proposals")
def remind_stalled_proposals(today: str | None = None) -> int:
    """Daily: remind corporations of proposals without a decision. Safe to run twice (nothing is sent twice)."""
    return send_stalled_proposal_reminders(today=date.fromisoformat(today) if today else timezone.localdate())


@shared_task(name="placements.tasks.recompute_figures")
def recompute_figures(run_id: int) -> str:
    """Carry out one queued figure run (a coordinator's request). Safe to deliver twice."""
    from placements.reports import run_figures

    return run_figures(run_id=run_id).status


@shared_task(name="placements.tasks.nightly_figures")
def nightly_figures(today: str | None = None) -> str:
    """Nightly at 02:30 (Europe/Amsterdam): recompute every region's figures for this year and last year."""
    from placements.reports import queue_run, run_figures

    as_of = date.fromisoformat(today) if today else timezone.localdate()
    return run_figures(run_id=queue_run(region_id=None, as_of=as_of).pk).status

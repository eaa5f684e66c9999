"""Celery tasks of matching: thin, idempotent, arguments are ISO dates. Task names keep the `placements.tasks.`
prefix they were deployed with (queued messages and the beat schedule name them)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from placements.matching.reminders import send_stalled_proposal_reminders


@shared_task(name="placements.tasks.remind_stalled_proposals")
def remind_stalled_proposals(today: str | None = None) -> int:
    """Daily: remind corporations of proposals without a decision. Safe to run twice (nothing is sent twice)."""
    return send_stalled_proposal_reminders(today=date.fromisoformat(today) if today else timezone.localdate())

"""Celery tasks of notifications: thin, idempotent, arguments are ids and ISO moments."""

from datetime import date, datetime

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from placements.notifications.delivery import send_digests, send_immediately, send_missed
from placements.notifications.overdue import notify_overdue


@shared_task(
    name="placements.tasks.send_notification_emails",
    autoretry_for=(OSError,),  # SMTP errors are OSErrors; the claim was given back, so a retry sends once
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=60,
    time_limit=120,
)
def send_notification_emails(ids: list[int]) -> int:
    """After commit of a step: e-mail its notifications to those who want them immediately. Safe to run twice."""
    return send_immediately(ids=ids)


@shared_task(name="placements.tasks.send_notification_digests", soft_time_limit=5 * 60, time_limit=15 * 60)
def send_notification_digests(until: str | None = None) -> int:
    """Daily (07:30): the overview for those who chose it, and the immediate e-mails of the last day that never
    went out. Safe to run twice (nothing is sent twice). Returns how many notifications were sent."""
    moment = datetime.fromisoformat(until) if until else timezone.now()
    return send_missed(until=moment) + send_digests(until=moment)


@shared_task(name="placements.tasks.notify_overdue", soft_time_limit=5 * 60, time_limit=15 * 60)
def notify_overdue_situations(today: str | None = None) -> int:
    """Daily (08:00): stalled proposals, unused homes, keys not handed over, clients waiting long. Safe to run
    twice: each situation reaches a person once. Returns how many notifications were new."""
    outcome = notify_overdue(today=date.fromisoformat(today) if today else timezone.localdate())
    if outcome.unsent_ids:  # the service committed; on_commit still waits for a caller's open transaction
        transaction.on_commit(lambda: send_notification_emails.delay(ids=outcome.unsent_ids), robust=True)
    return outcome.created

"""Celery tasks of matching. Task names keep the `placements.tasks.` prefix they were deployed with (queued
messages and the beat schedule name them)."""

from celery import shared_task

from placements.notifications.tasks import notify_overdue_situations


@shared_task(name="placements.tasks.remind_stalled_proposals")
def remind_stalled_proposals(today: str | None = None) -> int:
    """Deprecated name of `placements.tasks.notify_overdue`, kept one release so that a message queued or scheduled
    under it before the upgrade still runs: the stalled-proposal reminder is now a notification (issue 17)."""
    return notify_overdue_situations(today)

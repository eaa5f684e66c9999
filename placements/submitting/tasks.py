"""Celery task of the form tokens: thin and safe to run twice."""

from celery import shared_task

from placements.submitting.once import forget_old_submissions


@shared_task(name="placements.tasks.forget_old_submissions")
def forget_old_form_tokens() -> int:
    """Daily: forget the one-time tokens of forms sent more than 30 days ago."""
    return forget_old_submissions()

"""Nightly account hygiene (weerthuis.accounts.hygiene)."""

from celery import shared_task

from weerthuis.accounts.hygiene import close_unused_accounts


@shared_task(name="weerthuis.accounts.tasks.close_unused_accounts")
def close_unused_accounts_task() -> dict:
    """Warns and deactivates unused accounts, forgets old sign-in events. Safe to run twice."""
    run = close_unused_accounts()
    return {"warned": run.warned, "deactivated": run.deactivated, "events_deleted": run.events_deleted}

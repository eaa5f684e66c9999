"""Nightly account hygiene (weerthuis.accounts.hygiene), and sending allauth's e-mails outside the request."""

from celery import shared_task
from django.core.mail import EmailMultiAlternatives

from weerthuis.accounts.hygiene import close_unused_accounts


@shared_task(name="weerthuis.accounts.tasks.close_unused_accounts")
def close_unused_accounts_task() -> dict:
    """Warns and deactivates unused accounts, forgets old sign-in events. Safe to run twice."""
    run = close_unused_accounts()
    return {"warned": run.warned, "deactivated": run.deactivated, "events_deleted": run.events_deleted}


@shared_task(
    name="weerthuis.accounts.tasks.send_account_mail",
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=5,
)
def send_account_mail(*, subject: str, body: str, to: list[str], html: str = "") -> None:
    """Sends one rendered account e-mail (password reset, a change to the account). Sent twice at worst, when a
    worker dies after sending and before acknowledging: harmless for these messages."""
    message = EmailMultiAlternatives(subject, body, None, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()

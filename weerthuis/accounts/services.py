"""Changes to accounts: deactivating and reactivating. Each ends every session of the account, so that a session
of before can never come back to life."""

from django.db import transaction
from django.http import HttpRequest

from weerthuis.accounts.events import record
from weerthuis.accounts.models import SignInEvent
from weerthuis.accounts.sessions import end_sessions_of


def deactivate(*, user, by, request: HttpRequest | None = None, reason: str = "") -> None:
    """Deactivates `user` and ends all their sessions; recorded as a sign-in event."""
    with transaction.atomic():
        type(user).objects.filter(pk=user.pk).update(is_active=False)
        user.is_active = False
        end_sessions_of(user)
        record(SignInEvent.Kind.DEACTIVATED, user=user, by=by, detail=reason, request=request)


def reactivate(*, user, by, request: HttpRequest | None = None) -> None:
    """Reactivates `user`. Sessions are ended again: one that escaped the deactivation (made while it ran) must not
    open now. The person signs in afresh, second factor included."""
    with transaction.atomic():
        type(user).objects.filter(pk=user.pk).update(is_active=True)
        user.is_active = True
        end_sessions_of(user)
        record(SignInEvent.Kind.REACTIVATED, user=user, by=by, request=request)

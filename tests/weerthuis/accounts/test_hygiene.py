"""Accounts unused for 90 days are deactivated at night, after a warning e-mail a week before; a sign-in in
between keeps the account; old sign-in events are forgotten."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from weerthuis.accounts.hygiene import close_unused_accounts
from weerthuis.accounts.models import SignInEvent
from weerthuis.accounts.tasks import close_unused_accounts_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_seen(coordinator):
    def at(days_ago: float):
        coordinator.last_login = timezone.now() - timedelta(days=days_ago)
        coordinator.email = "rianne@zaanstad.example"
        coordinator.save()
        return coordinator

    return at


def test_an_unused_account_is_warned_once_then_deactivated_a_week_later(last_seen):
    user = last_seen(82.5)
    assert close_unused_accounts().warned == 0
    user = last_seen(83.5)
    assert close_unused_accounts().warned == 1
    assert close_unused_accounts().warned == 0  # once per period of disuse
    [message] = mail.outbox
    assert message.to == ["rianne@zaanstad.example"] and "gedeactiveerd" in message.subject
    assert "regisseur" in message.body and "/inloggen/" in message.body
    later = timezone.now() + timedelta(days=7)
    assert close_unused_accounts(now=later).deactivated == 1
    user.refresh_from_db()
    assert not user.is_active
    assert SignInEvent.objects.filter(user=user, kind=SignInEvent.Kind.DEACTIVATED).exists()


def test_signing_in_after_the_warning_keeps_the_account(last_seen):
    user = last_seen(84)
    close_unused_accounts(now=timezone.now() + timedelta(days=1))
    user.last_login = timezone.now()  # signed in the next morning
    user.save()
    assert close_unused_accounts(now=timezone.now() + timedelta(days=8)).deactivated == 0
    user.refresh_from_db()
    assert user.is_active


def test_a_late_warning_still_gives_a_week(last_seen):
    last_seen(200)  # the task did not run for months
    assert close_unused_accounts().deactivated == 0
    assert close_unused_accounts(now=timezone.now() + timedelta(days=6)).deactivated == 0
    assert close_unused_accounts(now=timezone.now() + timedelta(days=7, minutes=1)).deactivated == 1


def test_deactivation_ends_the_sessions_of_the_account(last_seen):
    user = last_seen(100)
    session = Client()
    session.force_login(user)
    session.get(reverse("home"))
    user.last_login = timezone.now() - timedelta(days=100)  # force_login stamped it
    user.save()
    close_unused_accounts()
    close_unused_accounts_task.apply(kwargs={})  # the task is the service; running it again changes nothing
    close_unused_accounts(now=timezone.now() + timedelta(days=8))
    assert session.get(reverse("home")).status_code == 302


def test_superusers_are_left_alone_and_old_events_forgotten(db, settings):
    admin = UserFactory(
        username="admin", is_superuser=True, is_staff=True, last_login=timezone.now() - timedelta(days=400)
    )
    old = SignInEvent.objects.create(kind=SignInEvent.Kind.LOGIN, user=admin)
    SignInEvent.objects.filter(pk=old.pk).update(
        at=timezone.now() - timedelta(days=settings.SIGN_IN_EVENT_RETENTION_DAYS + 1)
    )
    recent = SignInEvent.objects.create(kind=SignInEvent.Kind.LOGIN, user=admin)
    run = close_unused_accounts(now=timezone.now() + timedelta(days=30))
    assert (run.warned, run.deactivated, run.events_deleted) == (0, 0, 1)
    assert list(SignInEvent.objects.all()) == [recent]


def test_a_reactivated_account_gets_a_new_period_and_a_new_warning(last_seen):
    from weerthuis.accounts import services

    user = last_seen(100)
    close_unused_accounts()
    close_unused_accounts(now=timezone.now() + timedelta(days=8))
    user.refresh_from_db()
    assert not user.is_active
    services.reactivate(user=user, by=None)  # asked back, not signed in yet
    assert close_unused_accounts(now=timezone.now() + timedelta(days=30)).deactivated == 0
    user.refresh_from_db()
    assert user.is_active


def test_a_warning_the_mail_server_refused_is_tried_again_and_does_not_count(last_seen, monkeypatch):
    from weerthuis.accounts import hygiene

    user = last_seen(84)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(hygiene, "send_mail", refuse)
    assert close_unused_accounts().warned == 0
    assert not SignInEvent.objects.filter(user=user, kind=SignInEvent.Kind.INACTIVITY_WARNED).exists()
    monkeypatch.undo()
    assert close_unused_accounts().warned == 1
    assert len(mail.outbox) == 1

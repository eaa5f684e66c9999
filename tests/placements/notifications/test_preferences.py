"""Preferences per person and kind: immediately (the default), a daily digest, or no e-mail; the inbox always."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from placements.matching import services as matching
from placements.models import Notification, NotificationKind
from placements.notifications.services import set_preferences
from placements.notifications.tasks import send_notification_digests

pytestmark = pytest.mark.django_db
Kind = NotificationKind


@pytest.fixture
def propose(cast, dwelling, case, django_capture_on_commit_callbacks):
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return matching.propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=cast["coordinator"])

    return run


def mails_to(user) -> list:
    return [m for m in mail.outbox if m.to == [user.email]]


def test_off_sends_no_mail_but_keeps_the_inbox(cast, propose):
    set_preferences(user=cast["corporation_a"], deliveries={Kind.PROPOSED: "off"})
    propose()
    assert mails_to(cast["corporation_a"]) == []
    assert len(mails_to(cast["care_worker_c"])) == 1
    assert Notification.objects.filter(recipient=cast["corporation_a"]).count() == 1
    send_notification_digests((timezone.now() + timedelta(hours=1)).isoformat())
    assert mails_to(cast["corporation_a"]) == []


def test_digest_sends_nothing_at_once_and_everything_once_in_the_digest(cast, propose):
    set_preferences(user=cast["corporation_a"], deliveries={Kind.PROPOSED: "digest"})
    placement = propose()
    assert mails_to(cast["corporation_a"]) == []
    until = (timezone.now() + timedelta(hours=1)).isoformat()
    assert send_notification_digests(until) == 1
    assert send_notification_digests(until) == 0
    [digest] = mails_to(cast["corporation_a"])
    assert "dagelijks overzicht, 1 melding(en)" in digest.subject
    assert placement.case.reference in digest.body and f"/voordrachten/{placement.pk}/" in digest.body


def test_a_digest_holds_only_the_kinds_chosen_for_it(cast, propose):
    set_preferences(user=cast["care_worker_c"], deliveries={Kind.ACCEPTED: "digest"})
    propose()
    assert len(mails_to(cast["care_worker_c"])) == 1  # the proposal: immediately
    assert send_notification_digests((timezone.now() + timedelta(hours=1)).isoformat()) == 0


def test_the_preferences_page_saves_each_kind(client, cast):
    client.force_login(cast["manager"])
    response = client.post("/meldingen/voorkeuren/", {"kind-proposed": "digest", "kind-relapse": "off"})
    assert response.status_code == 302
    page = client.get("/meldingen/voorkeuren/").content.decode()
    assert '<option value="digest" selected>' in page and '<option value="off" selected>' in page

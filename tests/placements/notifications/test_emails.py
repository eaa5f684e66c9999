"""E-mail of notifications: at most one per notification and person, also when the task runs twice; the
reference and a link, never a note about the client."""

import pytest
from django.core import mail

from placements.matching import services as matching
from placements.models import Notification
from placements.notifications.tasks import send_notification_emails
from placements.records import services as records

pytestmark = pytest.mark.django_db


@pytest.fixture
def declined(cast, dwelling, case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        placement = matching.propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=cast["coordinator"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        matching.decline_placement(
            placement_id=placement.pk,
            by=cast["corporation_a"],
            reason="other",
            note="GEHEIME NOTITIE",
            declined_by="corporation",
        )
    return placement


def test_each_person_told_gets_one_mail_after_commit(cast, declined):
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        cast[name].email for name in ("care_worker_c", "coordinator", "coordinator_2")
    )
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_running_the_task_again_sends_nothing_twice(declined):
    ids = list(Notification.objects.values_list("pk", flat=True))
    sent = len(mail.outbox)
    assert send_notification_emails(ids=ids) == 0
    assert send_notification_emails.delay(ids=ids).get() == 0
    assert len(mail.outbox) == sent


def test_the_mail_names_the_reference_and_links_to_the_placement_without_the_note(settings, declined):
    message = mail.outbox[0]
    assert message.subject == "Weer Thuis: Voordracht afgewezen door de corporatie"
    assert "ZAA-2026-0001" in message.body
    assert f"{settings.SITE_URL}/voordrachten/{declined.pk}/" in message.body
    assert "GEHEIME NOTITIE" not in message.body + message.subject


def test_urgency_mails_carry_neither_the_reason_nor_the_decision_note(cast, case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        records.request_urgency(case_id=case.pk, reason="GEHEIME REDEN", by=cast["care_worker_c"])
    with django_capture_on_commit_callbacks(execute=True):
        records.decide_urgency(case_id=case.pk, grant=True, reason="GEHEIM BESLUIT", by=cast["coordinator"])
    bodies = "".join(m.subject + m.body for m in mail.outbox)
    assert len(mail.outbox) == 3  # two coordinators, then the care worker
    assert "GEHEIM" not in bodies
    assert "toegekend" in mail.outbox[-1].body


def test_no_mail_is_sent_while_the_step_rolls_back(cast, dwelling, case, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                matching.propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=cast["coordinator"])
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == [] and not Notification.objects.exists()


def test_the_morning_run_sends_what_the_broker_missed_once(cast, dwelling, case):
    from datetime import timedelta

    from django.utils import timezone

    from placements.notifications.tasks import send_notification_digests

    matching.propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=cast["coordinator"])  # no on_commit
    assert mail.outbox == []
    later = (timezone.now() + timedelta(hours=1)).isoformat()
    assert send_notification_digests(later) == 2
    assert send_notification_digests(later) == 0
    assert len(mail.outbox) == 2

"""Stalled proposals: one reminder a day at most to the corporation's contacts; running twice sends nothing twice."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from placements.matching.services import accept_placement, propose_placement
from placements.matching.tasks import remind_stalled_proposals

pytestmark = pytest.mark.django_db


@pytest.fixture
def stalled(users, party, dwelling, case, settings):
    settings.STALLED_PROPOSAL_DAYS = 10
    party.corporation.contact_email = "verhuur@corporatie-a.invalid"
    party.corporation.save()
    with time_machine.travel(timezone.now() - timedelta(days=11), tick=False):
        return propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])


def test_a_stalled_proposal_sends_one_mail_to_the_corporation(stalled, users):
    assert remind_stalled_proposals.delay().get() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {"verhuur@corporatie-a.invalid", users["corporation_a"].email}
    assert stalled.case.reference in message.body
    assert "1 voordracht(en) wachten" in message.subject


def test_running_twice_the_same_day_sends_nothing_twice(stalled):
    remind_stalled_proposals()
    remind_stalled_proposals()
    assert len(mail.outbox) == 1


def test_the_next_day_it_reminds_again(stalled):
    remind_stalled_proposals()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert remind_stalled_proposals(tomorrow) == 1
    assert len(mail.outbox) == 2


def test_a_recent_or_decided_proposal_is_not_reminded(
    users, party, dwelling, case, other_dwelling, other_case, settings
):
    settings.STALLED_PROPOSAL_DAYS = 10
    propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])  # today: too recent
    with time_machine.travel(timezone.now() - timedelta(days=20), tick=False):
        old = propose_placement(dwelling_id=other_dwelling.pk, case_id=other_case.pk, by=users["coordinator"])
    accept_placement(placement_id=old.pk, by=users["corporation_b"])  # decided
    assert remind_stalled_proposals() == 0
    assert mail.outbox == []

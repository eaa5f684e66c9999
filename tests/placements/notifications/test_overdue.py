"""Timed notifications: each overdue situation tells exactly the people who act next, once: not before its number
of days, not again when the task runs twice or on the next days, never another organisation or region."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from placements.matching import services as matching
from placements.matching.tasks import remind_stalled_proposals
from placements.models import Notification, NotificationKind
from placements.notifications.tasks import notify_overdue_situations
from tests.factories import DwellingFactory, OutflowCaseFactory

pytestmark = pytest.mark.django_db
Kind = NotificationKind
REGION = {"regisseur", "regisseur-2"}


@pytest.fixture(autouse=True)
def days(settings):
    settings.STALLED_PROPOSAL_DAYS = 10
    settings.UNUSED_HOME_DAYS = 30
    settings.KEYS_PENDING_DAYS = 14
    settings.WAITING_WITHOUT_PROPOSAL_DAYS = 90


def run(days_from_now: int = 0) -> int:
    return notify_overdue_situations((timezone.localdate() + timedelta(days=days_from_now)).isoformat())


def proposed(cast, dwelling, case, *, days_ago: int):
    with time_machine.travel(timezone.now() - timedelta(days=days_ago), tick=False):
        return matching.propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=cast["coordinator"])


def accepted(cast, placement, *, days_ago: int):
    with time_machine.travel(timezone.now() - timedelta(days=days_ago), tick=False):
        return matching.accept_placement(placement_id=placement.pk, by=cast["corporation_a"])


def test_a_stalled_proposal_tells_the_corporation_and_the_coordinators_once(cast, dwelling, case, told):
    proposed(cast, dwelling, case, days_ago=10)
    run()
    run()
    run(1)
    run(30)
    assert told(Kind.STALLED) == {"corporatie-a"} | REGION
    assert Notification.objects.filter(kind=Kind.STALLED).count() == 3


def test_a_proposal_is_not_stalled_before_its_days(cast, dwelling, case, told):
    proposed(cast, dwelling, case, days_ago=9)
    run()
    assert told(Kind.STALLED) == set()
    run(1)
    assert told(Kind.STALLED) == {"corporatie-a"} | REGION


def test_a_stalled_proposal_is_mailed_once_with_the_reference_only(
    cast, dwelling, case, django_capture_on_commit_callbacks
):
    placement = proposed(cast, dwelling, case, days_ago=11)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run()
    with django_capture_on_commit_callbacks(execute=True):
        run()
    to = {address for message in mail.outbox for address in message.to}
    assert to == {cast[name].email for name in ("corporation_a", "coordinator", "coordinator_2")}
    assert len(mail.outbox) == 3
    body = mail.outbox[0].body
    assert case.reference in body and f"/voordrachten/{placement.pk}/" in body


def test_the_old_reminder_task_name_runs_the_notifications(cast, dwelling, case, told):
    proposed(cast, dwelling, case, days_ago=12)
    remind_stalled_proposals()
    assert told(Kind.STALLED) == {"corporatie-a"} | REGION


def test_an_unused_home_tells_the_regions_coordinators_and_the_corporation(cast, party, neighbourhood, told):
    today = timezone.localdate()
    DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, reserved_on=today - timedelta(days=30))
    DwellingFactory(corporation=party.other_corporation, neighbourhood=neighbourhood, reserved_on=today)
    run()
    run()
    run(1)
    assert told(Kind.UNUSED_HOME) == {"corporatie-a"} | REGION
    assert Notification.objects.filter(kind=Kind.UNUSED_HOME).count() == 3


def test_a_home_with_a_running_proposal_is_not_unused(cast, party, neighbourhood, case, told):
    home = DwellingFactory(
        corporation=party.corporation,
        neighbourhood=neighbourhood,
        reserved_on=timezone.localdate() - timedelta(days=40),
    )
    matching.propose_placement(dwelling_id=home.pk, case_id=case.pk, by=cast["coordinator"])
    run()
    assert told(Kind.UNUSED_HOME) == set()


def test_keys_pending_tells_the_corporation_and_the_care_workers(cast, dwelling, case, other_dwelling, told):
    accepted(cast, proposed(cast, dwelling, case, days_ago=20), days_ago=14)
    run()
    run()
    run(5)
    assert told(Kind.KEYS_PENDING) == {"corporatie-a", "begeleider-c"}
    assert Notification.objects.filter(kind=Kind.KEYS_PENDING).count() == 2


def test_keys_pending_is_not_told_before_its_days_nor_after_the_handover(cast, dwelling, case, told):
    placement = accepted(cast, proposed(cast, dwelling, case, days_ago=20), days_ago=13)
    run()
    assert told(Kind.KEYS_PENDING) == set()
    matching.hand_over_keys(placement_id=placement.pk, by=cast["corporation_a"], moved_in_on=timezone.localdate())
    run(1)
    assert told(Kind.KEYS_PENDING) == set()


def test_keys_pending_waits_for_a_planned_handover_and_is_told_once_its_day_passed(cast, dwelling, case, told):
    placement = accepted(cast, proposed(cast, dwelling, case, days_ago=30), days_ago=20)
    matching.plan_key_handover(
        placement_id=placement.pk, by=cast["corporation_a"], on=timezone.localdate() + timedelta(days=3)
    )
    run()
    run(3)
    assert told(Kind.KEYS_PENDING) == set()
    run(4)
    assert told(Kind.KEYS_PENDING) == {"corporatie-a", "begeleider-c"}


def test_a_client_waiting_long_tells_the_care_workers_and_the_coordinators(cast, party, told):
    today = timezone.localdate()
    OutflowCaseFactory(care_provider=party.care_provider, region=party.region, ready_on=today - timedelta(days=90))
    OutflowCaseFactory(
        care_provider=party.other_care_provider, region=party.region, ready_on=today - timedelta(days=89)
    )
    run()
    run()
    run(-1)
    assert told(Kind.WAITING_LONG) == {"begeleider-c"} | REGION
    run(1)  # the second client's day has come: its own care workers, not the first's
    rows = Notification.objects.filter(kind=Kind.WAITING_LONG).values_list("recipient__username", "case__care_provider")
    assert {name for name, provider in rows if provider == party.other_care_provider.pk} == {"begeleider-d"} | REGION
    assert len(rows) == 6


def test_nobody_else_is_ever_told(cast, party, dwelling, case, neighbourhood, told):
    today = timezone.localdate()
    DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, reserved_on=today - timedelta(days=60))
    OutflowCaseFactory(care_provider=party.care_provider, region=party.region, ready_on=today - timedelta(days=120))
    accepted(cast, proposed(cast, dwelling, case, days_ago=30), days_ago=20)
    run()
    everyone = set(Notification.objects.values_list("recipient__username", flat=True))
    assert everyone == {"corporatie-a", "begeleider-c"} | REGION
    assert not everyone & {
        "corporatie-b", "begeleider-d", "regisseur-elders", "manager", "beheerder-c", "buitenstaander",
        "corporatie-a-weg",
    }  # fmt: skip


def test_the_query_count_does_not_grow_with_the_situations(cast, party, neighbourhood, django_assert_max_num_queries):
    today = timezone.localdate()
    for _ in range(8):
        DwellingFactory(
            corporation=party.corporation, neighbourhood=neighbourhood, reserved_on=today - timedelta(days=40)
        )
        OutflowCaseFactory(care_provider=party.care_provider, region=party.region, ready_on=today - timedelta(days=100))
    with django_assert_max_num_queries(12):
        run()

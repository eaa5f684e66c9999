"""Each step notifies exactly the people who act next, once: never the actor, nobody inactive, nobody of another
organisation or region, no manager, administrator or outsider."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from placements.matching import services as matching
from placements.models import Notification, NotificationKind, Placement
from placements.records import services as records

pytestmark = pytest.mark.django_db
Kind = NotificationKind

REGION = {"regisseur", "regisseur-2"}


@pytest.fixture
def proposal(cast, dwelling, case):
    return matching.propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=cast["coordinator"])


@pytest.fixture
def moved_in(cast, proposal):
    matching.accept_placement(placement_id=proposal.pk, by=cast["corporation_a"])
    return matching.hand_over_keys(placement_id=proposal.pk, by=cast["corporation_a"], moved_in_on=timezone.localdate())


def test_a_proposal_tells_the_homes_corporation_and_the_clients_care_workers(proposal, told):
    assert told(Kind.PROPOSED) == {"corporatie-a", "begeleider-c"}
    # One text for both: it says who decides instead of asking the care worker for a decision.
    assert set(Notification.objects.filter(kind=Kind.PROPOSED).values_list("text", flat=True)) == {
        f"Nieuwe voordracht: cliënt ZAA-2026-0001 voor Eigenstraat {proposal.dwelling.house_number}, Zaandam. "
        "De corporatie besluit erover."
    }


def test_acceptance_tells_the_care_workers_and_the_regions_coordinators(cast, proposal, told):
    matching.accept_placement(placement_id=proposal.pk, by=cast["corporation_a"])
    assert told(Kind.ACCEPTED) == {"begeleider-c", "regisseur", "regisseur-2"}


def test_a_corporations_decline_tells_care_workers_and_coordinators_with_the_fixed_reason(cast, proposal, told):
    matching.decline_placement(
        placement_id=proposal.pk,
        by=cast["corporation_a"],
        reason="other",
        note="Geheime notitie",
        declined_by="corporation",
    )
    assert told(Kind.DECLINED) == {"begeleider-c", "regisseur", "regisseur-2"}
    texts = set(Notification.objects.filter(kind=Kind.DECLINED).values_list("text", flat=True))
    assert texts == {
        f"De voordracht van cliënt ZAA-2026-0001 voor Eigenstraat {proposal.dwelling.house_number}, Zaandam is "
        "afgewezen door de corporatie. Reden: Anders."
    }


def test_a_client_decline_tells_the_corporation_and_the_coordinators_not_the_actor(cast, proposal, told):
    matching.decline_placement(
        placement_id=proposal.pk, by=cast["care_worker_c"], reason="unsuitable_home", declined_by="client"
    )
    assert told(Kind.CLIENT_DECLINED) == {"corporatie-a"} | {"regisseur", "regisseur-2"}


def test_a_cancel_tells_corporation_care_workers_and_the_other_coordinators(cast, proposal, told):
    matching.cancel_placement(placement_id=proposal.pk, by=cast["coordinator"], note="geheim")
    assert told(Kind.CANCELLED) == {"corporatie-a", "begeleider-c", "regisseur-2"}


def test_a_planned_key_date_tells_care_workers_and_coordinators_once_per_date(cast, proposal, told):
    matching.accept_placement(placement_id=proposal.pk, by=cast["corporation_a"])
    day = timezone.localdate() + timedelta(days=7)
    matching.plan_key_handover(placement_id=proposal.pk, by=cast["corporation_a"], on=day)
    matching.plan_key_handover(placement_id=proposal.pk, by=cast["corporation_a"], on=day)
    assert told(Kind.KEYS_PLANNED) == {"begeleider-c"} | REGION
    assert Notification.objects.filter(kind=Kind.KEYS_PLANNED).count() == 3
    text = Notification.objects.filter(kind=Kind.KEYS_PLANNED).values_list("text", flat=True).first()
    assert text == (
        f"Sleuteloverdracht gepland op {date_format(day, 'j F Y')}: cliënt ZAA-2026-0001, "
        f"Eigenstraat {proposal.dwelling.house_number}, Zaandam."
    )
    # Moving the date is news again; the corporation's colleagues hear of it when the coordinator moves it.
    matching.plan_key_handover(placement_id=proposal.pk, by=cast["coordinator"], on=day + timedelta(days=1))
    assert Notification.objects.filter(kind=Kind.KEYS_PLANNED).count() == 3 + 3
    assert told(Kind.KEYS_PLANNED) == {"begeleider-c", "corporatie-a"} | REGION


def test_the_key_handover_tells_care_workers_and_coordinators(moved_in, told):
    assert told(Kind.MOVED_IN) == {"begeleider-c"} | REGION


def test_aftercare_ended_and_a_later_relapse_tell_the_others_once_each(cast, moved_in, told):
    today = timezone.localdate()
    matching.end_placement(placement_id=moved_in.pk, by=cast["care_worker_c"], on=today, relapse=False)
    assert told(Kind.AFTERCARE_ENDED) == REGION
    matching.record_relapse(placement_id=moved_in.pk, by=cast["coordinator"], on=today)
    assert told(Kind.RELAPSE) == {"begeleider-c", "regisseur-2"}


def test_a_relapse_before_aftercare_ended_tells_the_coordinators(cast, moved_in, told):
    matching.end_placement(placement_id=moved_in.pk, by=cast["care_worker_c"], on=timezone.localdate(), relapse=True)
    assert told(Kind.RELAPSE) == REGION
    assert Placement.objects.get(pk=moved_in.pk).status == Placement.Status.RELAPSED


def test_urgency_request_tells_the_coordinators_and_the_decision_the_care_workers(cast, case, told):
    records.request_urgency(case_id=case.pk, reason="Geheime reden", by=cast["care_worker_c"])
    assert told(Kind.URGENCY_REQUESTED) == REGION
    records.decide_urgency(case_id=case.pk, grant=False, reason="Geheim besluit", by=cast["coordinator"])
    assert told(Kind.URGENCY_DECIDED) == {"begeleider-c"}


def test_a_second_request_after_a_refusal_is_a_new_event(cast, case, told):
    for _ in range(2):
        records.request_urgency(case_id=case.pk, reason="reden", by=cast["care_worker_c"])
        records.decide_urgency(case_id=case.pk, grant=False, reason="nee", by=cast["coordinator"])
    assert Notification.objects.filter(kind=Kind.URGENCY_REQUESTED, recipient=cast["coordinator"]).count() == 2


def test_notifying_the_same_event_twice_changes_nothing(cast, proposal):
    from placements.notifications.services import notify

    before = list(Notification.objects.values_list("pk", "recipient_id"))
    again = notify(kind=Kind.PROPOSED, placement=proposal, by=cast["coordinator"])
    assert sorted(again) == sorted(pk for pk, _ in before)  # the same rows, still to be e-mailed once
    assert list(Notification.objects.values_list("pk", "recipient_id")) == before


def test_a_member_whose_access_no_longer_covers_the_client_is_not_told(cast, party, proposal, told):
    party.care_provider.memberships.filter(user=cast["care_worker_c"]).delete()
    matching.accept_placement(placement_id=proposal.pk, by=cast["corporation_a"])
    assert "begeleider-c" not in told(Kind.ACCEPTED)

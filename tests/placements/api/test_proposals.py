"""A corporation decides proposals on its homes through the API with the pages' services: accept, decline with a
reason from the fixed list, the planned key day, the key handover; each read and decision is in the access log."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.matching import services as matching
from placements.models import AccessLogEntry, Dwelling, Notification, NotificationKind, Placement


@pytest.fixture
def proposal(dwelling, case, coordinator):
    return matching.propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=coordinator)


def decide(api, proposal, **data):
    return api("corporation").post(reverse("api:proposal-decision", args=[proposal.pk]), data, format="json")


def test_the_corporation_reads_the_pseudonym_and_never_a_note(api, proposal):
    row = api("corporation").get(reverse("api:proposal-detail", args=[proposal.pk])).json()
    assert row["client_reference"] == "ZAA-2026-0001"
    assert "decision_note" not in row and "override_reason" not in row


def test_reading_proposals_writes_the_access_log(api, proposal):
    client = api("corporation")
    client.get(reverse("api:proposal-list"))
    client.get(reverse("api:proposal-detail", args=[proposal.pk]))
    lines = list(AccessLogEntry.objects.order_by("at").values_list("action", "case_references"))
    assert lines == [("search", ["ZAA-2026-0001"]), ("view", ["ZAA-2026-0001"])]


def test_a_decline_needs_a_reason_from_the_list(api, proposal):
    response = decide(api, proposal, decision="decline", reason="too_far")
    assert response.status_code == 400 and "reason" in response.json()["errors"]
    response = decide(api, proposal, decision="decline", reason="other")
    assert response.status_code == 400 and response.json()["errors"]["note"] == ["Licht de reden 'anders' toe."]
    proposal.refresh_from_db()
    assert proposal.status == Placement.Status.PROPOSED


def test_a_decline_frees_the_home(api, proposal):
    response = decide(api, proposal, decision="decline", reason="nuisance_risk")
    assert response.status_code == 200 and response.json()["decline_reason"] == "nuisance_risk"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.dwelling.status) == (Placement.Status.DECLINED, Dwelling.Status.RESERVED)
    assert AccessLogEntry.objects.filter(action="update").count() == 1


def test_accept_then_keys_lets_the_home(api, proposal):
    assert decide(api, proposal, decision="accept").status_code == 200
    today = timezone.localdate().isoformat()
    response = decide(api, proposal, decision="keys", moved_in_on=today)
    assert response.status_code == 200 and response.json()["moved_in_on"] == today
    proposal.refresh_from_db()
    assert proposal.dwelling.status == Dwelling.Status.LET


def test_the_corporation_plans_the_key_day_and_the_care_worker_is_told(api, proposal):
    far = decide(api, proposal, decision="plan_keys", keys_planned_on="2999-01-01")  # a field error, not a conflict
    assert far.status_code == 400 and "keys_planned_on" in far.json()["errors"]
    assert (
        decide(api, proposal, decision="plan_keys", keys_planned_on=timezone.localdate().isoformat()).status_code == 409
    )
    decide(api, proposal, decision="accept")
    response = decide(api, proposal, decision="plan_keys")
    assert response.status_code == 400 and "keys_planned_on" in response.json()["errors"]
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = decide(api, proposal, decision="plan_keys", keys_planned_on=day)
    assert response.status_code == 200 and response.json()["keys_planned_on"] == day
    assert Notification.objects.filter(kind=NotificationKind.KEYS_PLANNED).exists()
    proposal.refresh_from_db()
    assert (proposal.status, str(proposal.keys_planned_on)) == (Placement.Status.ACCEPTED, day)


def test_a_step_the_status_does_not_allow_is_a_conflict(api, proposal):
    decide(api, proposal, decision="decline", reason="nuisance_risk")
    response = decide(api, proposal, decision="accept")
    assert response.status_code == 409 and response["Content-Type"] == "application/problem+json"


def test_keys_in_the_future_are_refused_with_the_services_message(api, proposal):
    decide(api, proposal, decision="accept")
    response = decide(api, proposal, decision="keys", moved_in_on="2999-01-01")
    assert response.status_code == 409
    assert response.json()["detail"] == "De sleuteloverdracht kan niet in de toekomst liggen."

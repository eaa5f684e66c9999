"""Urgency is requested by the client's care worker and granted or refused by a coordinator of the client's region,
each with a reason; the client form cannot set it."""

import pytest
from django.urls import reverse

from placements.models import OutflowCase
from placements.records import services
from regions.need_to_know import CLIENT_NOTES
from tests.helpers import VISITORS, case_post, submitted

pytestmark = pytest.mark.django_db
Urgency = OutflowCase.Urgency


@pytest.mark.parametrize("urgency", ["granted", "refused", "requested"])
def test_care_worker_cannot_set_urgency_through_the_client_form(client, users, case, urgency):
    client.force_login(users["care_worker_c"])
    response = client.post(reverse("placements:case_update", args=[case.pk]), {**case_post(case), "urgency": urgency})

    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.household_size, case.urgency) == (2, Urgency.NONE)
    assert "urgency" not in client.get(reverse("placements:case_update", args=[case.pk])).context["form"].fields


def urgency(client, case, action, reason="Dakloos met kinderen"):
    return client.post(
        reverse("placements:case_urgency", args=[case.pk]), submitted({"action": action, "reason": reason})
    )


@pytest.mark.parametrize(("action", "result"), [("grant", Urgency.GRANTED), ("refuse", Urgency.REFUSED)])
def test_care_worker_requests_and_coordinator_decides(client, users, case, action, result):
    client.force_login(users["care_worker_c"])
    assert urgency(client, case, "request").status_code == 302
    case.refresh_from_db()
    assert (case.urgency, case.urgency_reason) == (Urgency.REQUESTED, "Dakloos met kinderen")

    client.force_login(users["coordinator"])
    assert urgency(client, case, action, "Besluit van de gemeente").status_code == 302

    case.refresh_from_db()
    assert (case.urgency, case.urgency_decision_note, case.urgency_decided_by) == (
        result, "Besluit van de gemeente", users["coordinator"]
    )  # fmt: skip
    kept = [event.urgency for event in case.events.order_by("pgh_id")]
    assert kept[-2:] == [Urgency.REQUESTED, result]


def test_care_worker_cannot_grant_their_own_request(client, users, case):
    client.force_login(users["care_worker_c"])
    urgency(client, case, "request")
    urgency(client, case, "grant")

    case.refresh_from_db()
    assert case.urgency == Urgency.REQUESTED


def test_care_worker_withdraws_a_request(client, users, case):
    client.force_login(users["care_worker_c"])
    urgency(client, case, "request")
    assert urgency(client, case, "withdraw", "").status_code == 302

    case.refresh_from_db()
    assert case.urgency == Urgency.NONE


def test_a_decision_without_reason_changes_nothing(client, users, case):
    services.request_urgency(case_id=case.pk, reason="Nodig", by=users["care_worker_c"])
    client.force_login(users["coordinator"])
    urgency(client, case, "grant", "  ")

    case.refresh_from_db()
    assert case.urgency == Urgency.REQUESTED


def test_a_decided_request_cannot_be_decided_again(users, case):
    services.request_urgency(case_id=case.pk, reason="Nodig", by=users["care_worker_c"])
    services.decide_urgency(case_id=case.pk, grant=False, reason="Geen grond", by=users["coordinator"])

    with pytest.raises(services.TransitionNotAllowed):
        services.decide_urgency(case_id=case.pk, grant=True, reason="Toch", by=users["coordinator"])


@pytest.mark.parametrize("visitor", VISITORS)
def test_only_the_clients_care_worker_and_coordinator_reach_the_urgency_page(client, users, case, visitor):
    services.request_urgency(case_id=case.pk, reason="Nodig", by=users["care_worker_c"])
    if users[visitor]:
        client.force_login(users[visitor])
    action = "withdraw" if visitor == "care_worker_c" else "grant"

    status = urgency(client, case, action).status_code

    allowed = {"coordinator": 302, "care_worker_c": 302, "foreign_coordinator": 404, "care_worker_d": 404}
    expected = 302 if visitor == "anonymous" else allowed.get(visitor, 403)
    assert status == expected
    case.refresh_from_db()
    changed = {"coordinator": Urgency.GRANTED, "care_worker_c": Urgency.NONE}
    assert case.urgency == changed.get(visitor, Urgency.REQUESTED)


def test_the_urgency_reasons_are_client_notes():
    assert {"placements.OutflowCase.urgency_reason", "placements.OutflowCase.urgency_decision_note"} <= CLIENT_NOTES


@pytest.mark.parametrize(("visitor", "buttons"), [("care_worker_c", ["Aanvraag intrekken"]),
                                                  ("coordinator", ["Urgentie toekennen", "Urgentie afwijzen"])])  # fmt: skip
def test_the_clients_page_offers_each_their_urgency_step(client, users, case, visitor, buttons):
    services.request_urgency(case_id=case.pk, reason="Dakloos met kinderen", by=users["care_worker_c"])
    client.force_login(users[visitor])

    page = client.get(reverse("placements:case_detail", args=[case.pk])).content.decode()

    assert "Dakloos met kinderen" in page
    assert all(button in page for button in buttons)
    assert "Urgentie toekennen" not in page or visitor == "coordinator"

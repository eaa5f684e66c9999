"""Decisions that cannot be undone (or only by another step) ask "Weet u het zeker?" first: a POST without the
confirmation changes nothing and answers with the confirmation page, whose button does it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.matching.services import accept_placement, hand_over_keys, propose_placement
from placements.models import AccessLogEntry, Dwelling, OutflowCase, Placement
from tests.helpers import submitted

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def send(client, url, data, *, confirmed):
    sent = submitted(data)
    response = client.post(url, sent)
    if confirmed:
        assert response.status_code == 200 and "Weet u het zeker?" in response.content.decode()
        response = client.post(url, {**sent, "confirmed": "1"})
    return response


@pytest.fixture
def proposed(users, dwelling, case):
    return propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])


@pytest.fixture
def moved_in(users, proposed):
    accept_placement(placement_id=proposed.pk, by=users["corporation_a"])
    hand_over_keys(placement_id=proposed.pk, by=users["corporation_a"], moved_in_on=TODAY())
    return proposed


PLACEMENT_DECISIONS = [
    ("corporation_a", {"action": "decline", "reason": "unsuitable_home", "note": ""}, "declined"),
    ("care_worker_c", {"action": "client_declines", "reason": "client_not_ready", "note": ""}, "declined"),
    ("coordinator", {"action": "cancel", "note": "Toch niet"}, "cancelled"),
]


@pytest.mark.parametrize(("who", "data", "result"), PLACEMENT_DECISIONS)
def test_a_placement_decision_without_confirmation_changes_nothing(client, users, proposed, who, data, result):
    client.force_login(users[who])
    url = reverse("placements:placement_action", args=[proposed.pk])

    response = client.post(url, submitted(data))

    assert response.status_code == 200
    assert "Weet u het zeker?" in response.content.decode()
    assert Placement.objects.get(pk=proposed.pk).status == "proposed"
    # The page names the client: a read, logged as one.
    assert AccessLogEntry.objects.filter(user=users[who], case_references=[proposed.case.reference]).exists()


@pytest.mark.parametrize(("who", "data", "result"), PLACEMENT_DECISIONS)
def test_the_confirmation_page_carries_out_the_decision(client, users, proposed, who, data, result):
    client.force_login(users[who])
    response = send(client, reverse("placements:placement_action", args=[proposed.pk]), data, confirmed=True)

    assert response.status_code == 302
    assert Placement.objects.get(pk=proposed.pk).status == result


@pytest.mark.parametrize(("outcome", "result"), [("aftercare_ended", "aftercare_ended"), ("relapse", "relapsed")])
def test_ending_aftercare_asks_first(client, users, moved_in, outcome, result):
    client.force_login(users["care_worker_c"])
    url = reverse("placements:placement_action", args=[moved_in.pk])
    data = {"action": "end", "outcome": outcome, "on": TODAY().isoformat()}

    assert client.post(url, submitted(data)).status_code == 200
    assert Placement.objects.get(pk=moved_in.pk).status == "moved_in"
    assert send(client, url, data, confirmed=True).status_code == 302
    assert Placement.objects.get(pk=moved_in.pk).status == result


def test_a_confirmed_decision_sent_twice_is_done_once(client, users, proposed):
    client.force_login(users["coordinator"])
    url = reverse("placements:placement_action", args=[proposed.pk])
    sent = submitted({"action": "cancel", "note": ""})
    client.post(url, sent)

    first = client.post(url, {**sent, "confirmed": "1"})
    again = client.post(url, {**sent, "confirmed": "1"}, follow=True)

    assert first.status_code == 302
    assert "Dit formulier was al verstuurd" in again.content.decode()


def test_withdrawing_a_home_asks_first(client, users, dwelling):
    client.force_login(users["corporation_a"])
    url = reverse("placements:dwelling_status", args=[dwelling.pk])

    assert client.post(url, submitted({"action": "withdraw"})).status_code == 200
    assert Dwelling.objects.get(pk=dwelling.pk).status == "reserved"
    assert send(client, url, {"action": "withdraw"}, confirmed=True).status_code == 302
    assert Dwelling.objects.get(pk=dwelling.pk).status == "withdrawn"


def test_closing_a_client_asks_first(client, users, case):
    client.force_login(users["care_worker_c"])
    url = reverse("placements:case_status", args=[case.pk])
    data = {"action": "close", "reason": "withdrawn", "closed_on": TODAY().isoformat()}

    response = client.post(url, submitted(data))

    assert response.status_code == 200 and "Teruggetrokken" in response.content.decode()
    assert OutflowCase.objects.get(pk=case.pk).status == "waiting"
    assert send(client, url, data, confirmed=True).status_code == 302
    assert OutflowCase.objects.get(pk=case.pk).status == "closed"


def test_an_invalid_decision_is_refused_before_any_confirmation(client, users, proposed):
    client.force_login(users["corporation_a"])
    url = reverse("placements:placement_action", args=[proposed.pk])

    response = client.post(url, submitted({"action": "decline", "reason": "other", "note": ""}))

    assert response.status_code == 302  # back to the page with the message, no confirmation asked
    assert Placement.objects.get(pk=proposed.pk).status == "proposed"

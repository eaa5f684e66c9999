"""Notes about a client on the placement page and in its history: read by the client's care provider and the
coordinator, never by the corporation (which reads the fixed decline reason)."""

import pytest
from django.urls import reverse

from placements.matching.services import cancel_placement, decline_placement, propose_placement
from placements.models import Placement
from regions.models import DispersionRule
from tests.factories import DispersionRuleFactory

pytestmark = pytest.mark.django_db

NOTE = "Terugval in middelengebruik, opname GGZ"


@pytest.fixture
def declined_by_client(users, dwelling, case):
    placement = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    return decline_placement(
        placement_id=placement.pk, by=users["care_worker_c"], reason=Placement.DeclineReason.OTHER, note=NOTE,
        declined_by=Placement.DeclinedBy.CLIENT,
    )  # fmt: skip


def page(client, user, placement) -> str:
    client.force_login(user)
    return client.get(reverse("placements:placement_detail", args=[placement.pk])).content.decode()


def test_the_corporation_reads_the_decline_reason_but_not_the_note_nor_its_history(client, users, declined_by_client):
    html = page(client, users["corporation_a"], declined_by_client)
    assert "Anders" in html
    assert NOTE not in html  # neither on the page nor in the history below it


@pytest.mark.parametrize("reader", ["coordinator", "care_worker_c"])
def test_the_care_provider_and_the_coordinator_read_the_note(client, users, declined_by_client, reader):
    assert page(client, users[reader], declined_by_client).count(NOTE) >= 2  # the page and its history


def test_the_corporation_does_not_read_a_cancel_note_or_an_override_reason(client, users, party, dwelling, case):
    DispersionRuleFactory(region=party.region, max_new_per_neighbourhood=0, mode=DispersionRule.Mode.BLOCK)
    placement = propose_placement(
        dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"], override_reason="Cliënt kent de buurt"
    )
    cancel_placement(placement_id=placement.pk, by=users["coordinator"], note="Cliënt opgenomen")
    html = page(client, users["corporation_a"], placement)
    assert "Cliënt kent de buurt" not in html and "Cliënt opgenomen" not in html
    coordinator_html = page(client, users["coordinator"], placement)
    assert "Cliënt kent de buurt" in coordinator_html and "Cliënt opgenomen" in coordinator_html

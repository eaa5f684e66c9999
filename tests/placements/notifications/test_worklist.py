"""The start page is a work list per role: exactly the items that wait for this person, none of another
organisation or region, each linking to where the step is taken; its query count does not grow with the items."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from placements.matching import services as matching
from placements.models import Placement
from placements.records import services as records
from tests.factories import DwellingFactory, NeighbourhoodFactory, OutflowCaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(users, party, neighbourhood, dwelling, other_dwelling, case, other_case):
    coordinator = users["coordinator"]
    with time_machine.travel(timezone.now() - timedelta(days=11), tick=False):
        stalled = matching.propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=coordinator)
    Placement.objects.filter(pk=stalled.pk).update(override_reason="Bewust afgeweken")
    other = matching.propose_placement(dwelling_id=other_dwelling.pk, case_id=other_case.pk, by=coordinator)
    matching.accept_placement(placement_id=other.pk, by=users["corporation_b"])
    home_2 = DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, street="Tweedestraat")
    case_2 = OutflowCaseFactory(care_provider=party.care_provider, region=party.region, reference="ZAA-2026-0003")
    accepted = matching.propose_placement(dwelling_id=home_2.pk, case_id=case_2.pk, by=coordinator)
    matching.accept_placement(placement_id=accepted.pk, by=users["corporation_a"])
    DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, street="Vrijestraat")
    waiting_c = OutflowCaseFactory(care_provider=party.care_provider, region=party.region, reference="ZAA-2026-0004")
    OutflowCaseFactory(care_provider=party.other_care_provider, region=party.region, reference="ZAA-2026-0005")
    records.request_urgency(case_id=waiting_c.pk, reason="reden", by=users["care_worker_c"])
    foreign = users["foreign_coordinator"].memberships.get().organisation.regions.get()
    DwellingFactory(neighbourhood=NeighbourhoodFactory(municipality=foreign.municipalities.get()), street="Verweg")
    OutflowCaseFactory(region=foreign, reference="ELD-2026-0001")


def sections(client, user) -> dict[str, set[str]]:
    client.force_login(user)
    work = client.get(reverse("home")).context["work"]
    return {s.key: {item.text.split(" – ")[0] for item in s.items} for s in work["sections"] if s.items}


EXPECTED = {
    "corporation_a": {"awaiting_decision": {"Cliënt ZAA-2026-0001"}, "accepted_without_keys": {"Cliënt ZAA-2026-0003"}},
    "corporation_b": {"accepted_without_keys": {"Cliënt ZAA-2026-0002"}},
    "care_worker_c": {"decisions": {"Cliënt ZAA-2026-0003"}, "waiting_longest": {"Cliënt ZAA-2026-0004"}},
    "care_worker_d": {"decisions": {"Cliënt ZAA-2026-0002"}, "waiting_longest": {"Cliënt ZAA-2026-0005"}},
    "coordinator": {
        "homes_without_proposal": {"Vrijestraat"},
        "stalled": {"Cliënt ZAA-2026-0001"},
        "urgency_requests": {"Cliënt ZAA-2026-0004"},
        "dispersion_overrides": {"Cliënt ZAA-2026-0001"},
    },
    "foreign_coordinator": {"homes_without_proposal": {"Verweg"}},
    "manager": {},
    "org_admin": {},
    "outsider": {},
}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_each_role_sees_exactly_its_own_work(client, users, work, who):
    found = sections(client, users[who])
    assert {key: {text.split(" ")[0] if key == "homes_without_proposal" else text for text in texts}
            for key, texts in found.items()} == EXPECTED[who]  # fmt: skip


def test_each_item_links_to_where_its_step_is_taken(client, users, work):
    client.force_login(users["coordinator"])
    work_ = client.get(reverse("home")).context["work"]
    urls = {s.key: s.items[0].url for s in work_["sections"] if s.items}
    stalled = Placement.objects.get(case__reference="ZAA-2026-0001")
    assert urls["stalled"] == reverse("placements:placement_detail", args=[stalled.pk])
    assert urls["homes_without_proposal"].endswith("/kandidaten/")
    assert urls["urgency_requests"].startswith("/clienten/")


def test_an_accepted_home_shows_its_planned_key_date_or_that_it_has_none(client, users, work):
    client.force_login(users["corporation_a"])

    def detail() -> str:
        work_ = client.get(reverse("home")).context["work"]
        return next(s for s in work_["sections"] if s.key == "accepted_without_keys").items[0].detail

    assert "nog geen datum voor de sleutels" in detail()
    placement = Placement.objects.get(case__reference="ZAA-2026-0003")
    day = timezone.localdate() + timedelta(days=2)
    matching.plan_key_handover(placement_id=placement.pk, by=users["corporation_a"], on=day)
    assert detail() == f"sleuteloverdracht gepland op {date_format(day, 'j F Y')}"


def test_the_manager_gets_the_dashboard(client, users, work):
    client.force_login(users["manager"])
    html = client.get(reverse("home")).content.decode()
    assert "Kerncijfers van uw regio" in html and reverse("placements:dashboard") in html


def test_the_query_count_does_not_grow_with_the_items(
    client, users, party, neighbourhood, work, django_assert_num_queries
):
    for who in ("coordinator", "corporation_a", "care_worker_c"):
        client.force_login(users[who])
        client.get(reverse("home"))  # warm up the session and the unread count
        with CaptureQueriesContext(connection) as few:
            client.get(reverse("home"))
        for n in range(4):
            DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, street=f"Extra{who}{n}")
            OutflowCaseFactory(care_provider=party.care_provider, region=party.region, reference=f"X-{who}-{n}")
        with django_assert_num_queries(len(few)):
            client.get(reverse("home"))

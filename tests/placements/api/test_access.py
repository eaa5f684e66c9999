"""The access matrix of the pages, run against the API: each organisation's token reads and changes only what its
organisation may on the pages, and nothing of another organisation."""

import pytest
from django.urls import reverse

from placements.matching import services as matching
from placements.models import Dwelling, Placement

ORGANISATIONS = ["corporation", "other_corporation", "municipality", "care_provider", None]


def expected(organisation, allowed):
    if organisation is None:
        return 401
    return allowed.get(organisation, 403)


@pytest.fixture
def proposal(dwelling, case, coordinator):
    return matching.propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=coordinator)


@pytest.mark.parametrize("organisation", ORGANISATIONS)
def test_homes_list_shows_only_the_corporations_own_homes(api, organisation, dwelling, other_dwelling):
    response = api(organisation).get(reverse("api:home-list"))
    assert response.status_code == expected(organisation, {"corporation": 200, "other_corporation": 200})
    if response.status_code == 200:
        own = dwelling if organisation == "corporation" else other_dwelling
        assert [row["id"] for row in response.json()["results"]] == [own.pk]


@pytest.mark.parametrize("organisation", ORGANISATIONS)
def test_home_detail_answers_404_to_another_corporation(api, organisation, dwelling):
    response = api(organisation).get(reverse("api:home-detail", args=[dwelling.pk]))
    assert response.status_code == expected(organisation, {"corporation": 200, "other_corporation": 404})
    assert response["Content-Type"] == (
        "application/json" if response.status_code == 200 else "application/problem+json"
    )


@pytest.mark.parametrize("organisation", ORGANISATIONS)
def test_only_the_own_corporation_changes_or_withdraws_a_home(api, organisation, dwelling):
    client = api(organisation)
    changed = client.patch(
        reverse("api:home-detail", args=[dwelling.pk]), {"rooms": 4, "version": dwelling.version}, format="json"
    )
    withdrawn = client.post(reverse("api:home-withdraw", args=[dwelling.pk]))
    allowed = {"corporation": 200, "other_corporation": 404}
    assert (changed.status_code, withdrawn.status_code) == (expected(organisation, allowed),) * 2
    dwelling.refresh_from_db()
    own = organisation == "corporation"
    assert (dwelling.rooms, dwelling.status) == (
        (4, Dwelling.Status.WITHDRAWN) if own else (2, Dwelling.Status.RESERVED)
    )


@pytest.mark.parametrize("organisation", ORGANISATIONS)
def test_proposals_are_read_and_decided_only_by_the_homes_corporation(api, organisation, proposal):
    client = api(organisation)
    listed = client.get(reverse("api:proposal-list"))
    decided = client.post(reverse("api:proposal-decision", args=[proposal.pk]), {"decision": "accept"}, format="json")
    allowed = {"corporation": 200, "other_corporation": 200}
    assert listed.status_code == expected(organisation, allowed)
    if listed.status_code == 200:
        assert len(listed.json()["results"]) == (1 if organisation == "corporation" else 0)
    assert decided.status_code == expected(organisation, {"corporation": 200, "other_corporation": 404})
    proposal.refresh_from_db()
    accepted = organisation == "corporation"
    assert proposal.status == (Placement.Status.ACCEPTED if accepted else Placement.Status.PROPOSED)


@pytest.mark.parametrize("organisation", ORGANISATIONS)
def test_every_organisation_reads_its_regions_figures(api, organisation, party):
    client = api(organisation)
    regions = client.get(reverse("api:regions"))
    quota = client.get(reverse("api:quota", args=[party.region.pk]))
    status = 401 if organisation is None else 200
    assert (regions.status_code, quota.status_code) == (status, status)
    if status == 200:
        assert [row["id"] for row in regions.json()["results"]] == [party.region.pk]


def test_a_region_the_organisation_does_not_work_in_is_not_found(api):
    from tests.factories import RegionFactory

    elsewhere = RegionFactory(name="Elders", code="ELD")
    assert api("municipality").get(reverse("api:flow", args=[elsewhere.pk])).status_code == 404

"""The region columns of homes and placements follow the home's municipality, in the database
(placements/models/region_sync.py and the triggers of the home and placement models): also in bulk updates and when
a neighbourhood or municipality moves."""

import pytest
from django.urls import reverse

from placements.matching.services import propose_placement
from placements.models import Dwelling, Placement
from tests.factories import (
    DwellingFactory,
    MembershipFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_a_homes_region_follows_its_neighbourhood_even_in_bulk(dwelling, party):
    assert Dwelling.objects.get(pk=dwelling.pk).region_id == party.region.pk
    elsewhere = NeighbourhoodFactory(municipality=MunicipalityFactory(cbs_code="GM0321"))
    Dwelling.objects.filter(pk=dwelling.pk).update(neighbourhood=elsewhere)
    assert Dwelling.objects.get(pk=dwelling.pk).region_id == elsewhere.municipality.region_id


def test_a_placement_takes_its_homes_region_even_in_bulk(dwelling, other_dwelling, case, users, party):
    """The region column (coordinators' placements list) is the home's, set by the database."""
    placement = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    assert Placement.objects.get(pk=placement.pk).region_id == party.region.pk
    elsewhere = DwellingFactory(
        corporation=party.corporation,
        neighbourhood=NeighbourhoodFactory(municipality=MunicipalityFactory(cbs_code="GM0321")),
    )
    Placement.objects.filter(pk=placement.pk).update(dwelling=elsewhere)
    elsewhere.refresh_from_db()  # its region is set by the database too
    assert Placement.objects.get(pk=placement.pk).region_id == elsewhere.region_id != party.region.pk


def regions_of(placement) -> tuple[int, int]:
    placement = Placement.objects.select_related("dwelling").get(pk=placement.pk)
    return placement.dwelling.region_id, placement.region_id


def test_homes_and_placements_follow_a_move_to_another_region(dwelling, case, users, party):
    """Who sees a home and its placements goes by their region columns, which the database keeps equal to the
    region of the home's municipality: when a home gets another neighbourhood, a neighbourhood another
    municipality, or a municipality another region (in the admin, in bulk or in SQL), both columns follow."""
    placement = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    verweg = RegionFactory(name="Verweg", code="VRW")
    elsewhere = NeighbourhoodFactory(municipality=MunicipalityFactory(region=verweg, cbs_code="GM0321"))

    Dwelling.objects.filter(pk=dwelling.pk).update(neighbourhood=elsewhere)
    assert regions_of(placement) == (verweg.pk, verweg.pk)
    Dwelling.objects.filter(pk=dwelling.pk).update(neighbourhood=dwelling.neighbourhood)
    assert regions_of(placement) == (party.region.pk, party.region.pk)

    neighbourhood = dwelling.neighbourhood
    neighbourhood.municipality = elsewhere.municipality
    neighbourhood.save()
    assert regions_of(placement) == (verweg.pk, verweg.pk)

    municipality = elsewhere.municipality
    municipality.region = party.region
    municipality.save()
    assert regions_of(placement) == (party.region.pk, party.region.pk)
    assert Dwelling.objects.get(pk=dwelling.pk).region_id == party.region.pk


def test_a_coordinator_sees_the_placements_of_a_municipality_that_joined_the_region(
    client, dwelling, case, users, party
):
    placement = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    verweg = RegionFactory(name="Verweg", code="VRW")
    coordinator_verweg = MembershipFactory(
        user=UserFactory(username="regisseur-vrw"),
        organisation=OrganisationFactory(name="Gemeente Verweg", kind="municipality", regions=[verweg]),
        role="coordinator",
    ).user
    municipality = dwelling.neighbourhood.municipality
    municipality.region = verweg
    municipality.save()
    url = reverse("placements:placement_list")
    client.force_login(coordinator_verweg)
    assert placement.case.reference in client.get(url).content.decode()
    client.force_login(users["coordinator"])
    assert placement.case.reference not in client.get(url).content.decode()

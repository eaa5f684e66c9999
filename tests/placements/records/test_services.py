"""Status transitions of homes and clients, and the pseudonymous reference."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from placements.matching.services import propose_placement
from placements.models import Dwelling, OutflowCase, Placement
from placements.records.services import (
    TransitionNotAllowed,
    change_dwelling_status,
    close_case,
    next_reference,
    reinstate_dwelling,
    reopen_case,
    withdraw_dwelling,
)
from tests.factories import DwellingFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_a_reserved_home_can_be_withdrawn_and_reinstated(dwelling, users):
    assert withdraw_dwelling(dwelling_id=dwelling.pk, by=users["coordinator"]).status == "withdrawn"
    assert reinstate_dwelling(dwelling_id=dwelling.pk, by=users["coordinator"]).status == "reserved"


def test_a_let_home_cannot_be_withdrawn(dwelling, users):
    Dwelling.objects.filter(pk=dwelling.pk).update(status=Dwelling.Status.LET)
    with pytest.raises(TransitionNotAllowed, match="kan niet naar 'Ingetrokken'"):
        withdraw_dwelling(dwelling_id=dwelling.pk, by=users["coordinator"])
    dwelling.refresh_from_db()
    assert dwelling.status == Dwelling.Status.LET


@pytest.mark.parametrize(
    ("current", "to", "allowed"),
    [
        ("reserved", "offered", True),
        ("reserved", "let", False),
        ("offered", "let", True),
        ("offered", "reserved", True),
        ("let", "reserved", False),
        ("withdrawn", "offered", False),
    ],
)
def test_home_transition_table(dwelling, users, current, to, allowed):
    Dwelling.objects.filter(pk=dwelling.pk).update(status=current)
    if allowed:
        assert change_dwelling_status(dwelling_id=dwelling.pk, to=to, by=users["coordinator"]).status == to
    else:
        with pytest.raises(TransitionNotAllowed):
            change_dwelling_status(dwelling_id=dwelling.pk, to=to, by=users["coordinator"])


def test_reinstating_is_refused_when_the_address_was_reserved_again(dwelling, users):
    withdraw_dwelling(dwelling_id=dwelling.pk, by=users["coordinator"])
    DwellingFactory(
        postcode=dwelling.postcode, house_number=dwelling.house_number, corporation=dwelling.corporation,
        neighbourhood=dwelling.neighbourhood,
    )  # fmt: skip
    with pytest.raises(TransitionNotAllowed, match="opnieuw gereserveerd"):
        reinstate_dwelling(dwelling_id=dwelling.pk, by=users["coordinator"])


def test_closing_and_reopening_a_client(case, users):
    closed = close_case(case_id=case.pk, reason="withdrawn", on=date.today(), by=users["care_worker_c"])
    assert (closed.status, closed.closed_reason, closed.closed_on) == ("closed", "withdrawn", date.today())
    with pytest.raises(TransitionNotAllowed):
        close_case(case_id=case.pk, reason="withdrawn", on=date.today(), by=users["care_worker_c"])
    reopened = reopen_case(case_id=case.pk, by=users["care_worker_c"])
    assert (reopened.status, reopened.closed_reason, reopened.closed_on) == ("waiting", "", None)


def test_a_waiting_client_cannot_be_reopened(case, users):
    with pytest.raises(TransitionNotAllowed, match="Wachtend"):
        reopen_case(case_id=case.pk, by=users["care_worker_c"])


def test_the_database_refuses_a_closed_client_without_reason(case):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        OutflowCase.objects.filter(pk=case.pk).update(status="closed")


def test_references_follow_region_and_year(db):
    region = RegionFactory(code="ZAA")
    assert next_reference(region=region, year=2026) == "ZAA-2026-0001"
    assert next_reference(region=region, year=2026) == "ZAA-2026-0002"
    assert next_reference(region=region, year=2027) == "ZAA-2027-0001"


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_share_a_reference():
    region = RegionFactory(code="PAR")

    def claim(_):
        try:
            return next_reference(region=region, year=2026)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        references = list(pool.map(claim, range(40)))
    assert len(set(references)) == 40
    assert max(references) == "PAR-2026-0040"


def test_a_homes_region_follows_its_neighbourhood_even_in_bulk(dwelling, party):
    from tests.factories import MunicipalityFactory, NeighbourhoodFactory

    assert Dwelling.objects.get(pk=dwelling.pk).region_id == party.region.pk
    elsewhere = NeighbourhoodFactory(municipality=MunicipalityFactory(cbs_code="GM0321"))
    Dwelling.objects.filter(pk=dwelling.pk).update(neighbourhood=elsewhere)
    assert Dwelling.objects.get(pk=dwelling.pk).region_id == elsewhere.municipality.region_id


def test_a_placement_takes_its_homes_region_even_in_bulk(dwelling, other_dwelling, case, users, party):
    """The region column (coordinators' placements list) is the home's, set by the database."""
    from tests.factories import MunicipalityFactory, NeighbourhoodFactory

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
    from tests.factories import MunicipalityFactory, NeighbourhoodFactory

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
    from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

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

"""The cast of the access tests: for every role a member of the owning organisation, a member of another
organisation in the same region, and outsiders (no membership; a coordinator of another region)."""

import pytest

from regions.models import Membership, Organisation
from tests.factories import (
    DwellingFactory,
    MembershipFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    OutflowCaseFactory,
    RegionFactory,
    UserFactory,
)

Role = Membership.Role


@pytest.fixture
def neighbourhood(party):
    return NeighbourhoodFactory(municipality=party.region.centre_municipality, cbs_code="WK047901", name="Zuid")


@pytest.fixture
def dwelling(party, neighbourhood):
    """A home of corporation A in the region."""
    return DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, street="Eigenstraat")


@pytest.fixture
def other_dwelling(party, neighbourhood):
    """A home of corporation B in the same region."""
    return DwellingFactory(corporation=party.other_corporation, neighbourhood=neighbourhood, street="Anderestraat")


@pytest.fixture
def case(party):
    """A client of care provider C."""
    return OutflowCaseFactory(care_provider=party.care_provider, region=party.region, reference="ZAA-2026-0001")


@pytest.fixture
def other_case(party):
    """A client of care provider D, in the same region."""
    return OutflowCaseFactory(care_provider=party.other_care_provider, region=party.region, reference="ZAA-2026-0002")


@pytest.fixture
def users(party):
    """Every kind of visitor, by name."""
    foreign_region = RegionFactory(name="Elders", code="ELD")
    MunicipalityFactory(region=foreign_region, cbs_code="GM0999")
    foreign_municipality = OrganisationFactory(
        name="Gemeente Elders", kind=Organisation.Kind.MUNICIPALITY, regions=[foreign_region]
    )

    def member(username, organisation, role):
        return MembershipFactory(user=UserFactory(username=username), organisation=organisation, role=role).user

    return {
        "anonymous": None,
        "outsider": UserFactory(username="buitenstaander"),
        "coordinator": member("regisseur", party.municipality, Role.COORDINATOR),
        "foreign_coordinator": member("regisseur-elders", foreign_municipality, Role.COORDINATOR),
        "corporation_a": member("corporatie-a", party.corporation, Role.CORPORATION_STAFF),
        "corporation_b": member("corporatie-b", party.other_corporation, Role.CORPORATION_STAFF),
        "care_worker_c": member("begeleider-c", party.care_provider, Role.CARE_WORKER),
        "care_worker_d": member("begeleider-d", party.other_care_provider, Role.CARE_WORKER),
        "manager": member("manager", party.municipality, Role.MANAGER),
    }

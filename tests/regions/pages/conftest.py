import pytest

from regions.models import Membership, Organisation
from tests.factories import (
    AgreementFactory,
    DispersionRuleFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)

Role = Membership.Role


@pytest.fixture
def elsewhere(party):
    """Another region, with its own municipality organisation, agreement and rule."""
    region = RegionFactory(name="Elders", code="ELD")
    MunicipalityFactory(region=region, cbs_code="GM0999", name="Elderstad")
    municipality = OrganisationFactory(name="Gemeente Elders", kind=Organisation.Kind.MUNICIPALITY, regions=[region])
    corporation = OrganisationFactory(name="Corporatie Elders", kind=Organisation.Kind.CORPORATION, regions=[region])
    return {
        "region": region,
        "municipality": municipality,
        "corporation": corporation,
        "agreement": AgreementFactory(region=region, corporation=corporation, year=2026, quota=15),
        "rule": DispersionRuleFactory(region=region, year=2026),
    }


@pytest.fixture
def visitors(party, elsewhere):
    """Every kind of visitor of the agreement pages, by name."""

    def member(username, organisation, role):
        return MembershipFactory(user=UserFactory(username=username), organisation=organisation, role=role).user

    return {
        "anonymous": None,
        "outsider": UserFactory(username="buitenstaander"),
        "coordinator": member("regisseur", party.municipality, Role.COORDINATOR),
        "foreign_coordinator": member("regisseur-elders", elsewhere["municipality"], Role.COORDINATOR),
        "corporation_staff": member("corporatie-a", party.corporation, Role.CORPORATION_STAFF),
        "care_worker": member("begeleider-c", party.care_provider, Role.CARE_WORKER),
        "manager": member("manager", party.municipality, Role.MANAGER),
        "org_admin": member("beheerder", party.municipality, Role.ORG_ADMIN),
    }


@pytest.fixture
def agreement(party):
    return AgreementFactory(region=party.region, corporation=party.corporation, year=2026, quota=30)


@pytest.fixture
def rule(party):
    return DispersionRuleFactory(region=party.region, year=2026, max_new_per_neighbourhood=10)

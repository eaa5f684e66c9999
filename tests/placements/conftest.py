"""The cast of the access tests: for every role a member of the owning organisation, a member of another
organisation in the same region, and outsiders (no membership; a coordinator of another region). And the
hand-made dataset of the figures and the progress report (`world`)."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from placements.models import Placement
from regions.models import Agreement, DispersionRule, Membership, Organisation
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
        # Administers the accounts of the care provider that owns `case`: no record access by that role.
        "org_admin": member("beheerder-c", party.care_provider, Role.ORG_ADMIN),
    }


@pytest.fixture
def world(party, users):
    """The figures on a small hand-made dataset (3 corporations, 6 neighbourhoods, 20 clients), as of 1 March 2024
    (tests.helpers.WORLD_AS_OF), with edge cases: move-in on 31 Dec / 1 Jan, declined and cancelled placements, a
    withdrawn home, zero and unknown stock, and a leap year (day 61 of 366)."""
    region = party.region
    corp_c = OrganisationFactory(name="Corporatie C", kind=Organisation.Kind.CORPORATION, regions=[region])
    stocks = {"N1": 1000, "N2": 500, "N3": 0, "N4": None, "N5": 2000, "N6": 250}
    hoods = {
        name: NeighbourhoodFactory(
            municipality=region.centre_municipality,
            cbs_code=f"WK04790{i}",
            name=name,
            social_rent_stock=stock,
            stock_year=None if stock is None else 2023,
        )  # fmt: skip
        for i, (name, stock) in enumerate(stocks.items(), 1)
    }
    Agreement.objects.create(region=region, corporation=party.corporation, year=2024, quota=30)
    Agreement.objects.create(region=region, corporation=party.other_corporation, year=2024, quota=12)
    Agreement.objects.create(region=region, corporation=corp_c, year=2024, quota=6, approaching_share=Decimal("0.5"))
    Agreement.objects.create(region=region, corporation=party.corporation, year=2023, quota=20)
    DispersionRule.objects.create(region=region, max_new_per_neighbourhood=2, max_per_thousand_stock=Decimal("3.00"))

    def place(corp, hood, status, *, moved_in=None, proposed=None, ended=None, ready=date(2023, 11, 1)):
        home_status = {"proposed": "offered", "accepted": "offered", "declined": "reserved", "cancelled": "reserved"}
        home = DwellingFactory(
            corporation=corp, neighbourhood=hoods[hood], status=home_status.get(status, "let"),
            reserved_on=date(2024, 1, 5), building_code="",
        )  # fmt: skip
        case_status = {"declined": "waiting", "cancelled": "waiting", "proposed": "matched", "accepted": "matched"}
        case = OutflowCaseFactory(
            care_provider=party.care_provider, region=region, ready_on=ready,
            status=case_status.get(status, "closed" if ended else "housed"),
            closed_reason="relapse" if status == "relapsed" else ("aftercare_ended" if ended else ""),
            closed_on=ended,
        )  # fmt: skip
        proposed_at = proposed or datetime.combine(moved_in - timedelta(days=10), datetime.min.time(), UTC).replace(
            hour=10
        )
        extra = {"decline_reason": "other", "declined_by": "corporation"} if status == "declined" else {}
        return Placement.objects.create(
            dwelling=home, case=case, status=status, proposed_at=proposed_at, moved_in_on=moved_in, ended_on=ended,
            proposed_by=users["coordinator"], **extra,
        )  # fmt: skip

    a, b = party.corporation, party.other_corporation
    at = lambda *d: datetime(*d, 10, tzinfo=UTC)  # noqa: E731
    place(a, "N1", "moved_in", moved_in=date(2024, 1, 1), ready=date(2023, 12, 2))  # 1 Jan: 2024, 30 days
    place(a, "N1", "moved_in", moved_in=date(2023, 12, 31), proposed=at(2023, 12, 1))  # 31 Dec: 2023
    place(a, "N2", "moved_in", moved_in=date(2024, 2, 10))
    place(a, "N2", "aftercare_ended", moved_in=date(2024, 1, 15), ended=date(2024, 2, 20), ready=date(2023, 11, 16))
    place(a, "N5", "relapsed", moved_in=date(2024, 1, 20), ended=date(2024, 2, 25), ready=date(2023, 10, 22))
    place(a, "N1", "proposed", proposed=at(2024, 2, 20))
    place(a, "N5", "accepted", proposed=at(2024, 2, 25))
    place(a, "N1", "declined", proposed=at(2024, 2, 1), ready=date(2023, 7, 1))
    place(a, "N1", "cancelled", proposed=at(2024, 2, 2), ready=date(2023, 9, 15))
    place(b, "N3", "moved_in", moved_in=date(2024, 2, 1))  # zero stock
    place(b, "N4", "moved_in", moved_in=date(2024, 2, 15))  # unknown stock
    DwellingFactory(corporation=corp_c, neighbourhood=hoods["N6"], status="reserved", reserved_on=date(2024, 1, 10))
    DwellingFactory(corporation=corp_c, neighbourhood=hoods["N6"], status="withdrawn", reserved_on=date(2024, 1, 11))
    case = lambda **kw: OutflowCaseFactory(care_provider=party.care_provider, region=region, **kw)  # noqa: E731
    case(ready_on=date(2024, 1, 10))  # waiting, ready in January
    case(ready_on=date(2024, 2, 27))  # waiting, ready in February
    case(ready_on=date(2023, 11, 1), status="closed", closed_reason="withdrawn", closed_on=date(2024, 1, 20))
    return {"region": region, "a": a, "b": b, "c": corp_c, "hoods": hoods}

"""The dispersion figures a coordinator sees when proposing (placements/matching/dispersion.py) are the nightly ones
(DISPERSION_SQL and BUILDING_SQL in placements/figures/sql.py, stored by a figure run) for the same data: placements
per neighbourhood and year, the rate per 1,000 social-rent homes, and active placements per building."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from placements.matching.dispersion import figures_for
from placements.matching.services import propose_placement
from placements.models import BuildingFigure, DispersionFigure, Placement
from regions.models import DispersionRule
from tests.factories import DispersionRuleFactory, DwellingFactory, NeighbourhoodFactory, OutflowCaseFactory
from tests.helpers import run_figures

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 3, 1)  # the nightly scope: 2025 and 2026
STOCK = {"Oost": 1000, "West": 400, "Haven": None, "Dijk": 0, "Kern": 250}


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def spread(party, users):
    """Five neighbourhoods of the region, placements on corporation A's and B's buildings in every status, over
    2025 and 2026; two proposed around midnight on New Year's Eve in Amsterdam."""
    DispersionRuleFactory(
        region=party.region, max_new_per_neighbourhood=3, max_per_thousand_stock="5.00", max_active_per_building=2,
        mode=DispersionRule.Mode.WARN,
    )  # fmt: skip
    hoods = {
        name: NeighbourhoodFactory(
            municipality=party.region.centre_municipality,
            cbs_code=f"WK04795{i}",
            name=name,
            social_rent_stock=stock,
            stock_year=None if stock is None else 2025,
        )  # fmt: skip
        for i, (name, stock) in enumerate(STOCK.items())
    }
    corporations = {"A": party.corporation, "B": party.other_corporation}

    def place(corporation, hood, building, status, proposed_at, moved_in_on=None, ended_on=None):
        extra = {"decline_reason": "other", "declined_by": "corporation"} if status == "declined" else {}
        Placement.objects.create(
            dwelling=DwellingFactory(
                corporation=corporations[corporation], neighbourhood=hoods[hood], building_code=building
            ),
            case=OutflowCaseFactory(care_provider=party.care_provider, region=party.region),
            status=status, proposed_at=proposed_at, moved_in_on=moved_in_on, ended_on=ended_on,
            proposed_by=users["coordinator"], **extra,
        )  # fmt: skip

    place("A", "Oost", "K1", "moved_in", utc(2025, 11, 1, 10), date(2025, 12, 15))  # 2025
    place("A", "Oost", "K1", "proposed", utc(2026, 2, 1, 10))  # 2026
    place("A", "Oost", "K1", "declined", utc(2026, 2, 2, 10))  # never counted
    place("A", "Oost", "K2", "aftercare_ended", utc(2025, 3, 1, 10), date(2025, 4, 1), date(2026, 1, 10))  # 2025
    place("A", "Oost", "", "accepted", utc(2025, 12, 31, 22, 30))  # 31 Dec, 23:30 in Amsterdam: 2025
    place("A", "West", "K3", "relapsed", utc(2025, 12, 1, 10), date(2026, 1, 5), date(2026, 2, 1))  # 2026
    place("A", "West", "K3", "moved_in", utc(2025, 12, 20, 10), date(2026, 1, 2))  # moved in 2026
    place("B", "West", "K3", "proposed", utc(2025, 12, 31, 23, 30))  # 1 Jan, 00:30 in Amsterdam: 2026
    place("B", "West", "", "cancelled", utc(2026, 1, 15, 10))  # never counted
    place("B", "Haven", "H1", "moved_in", utc(2026, 1, 10, 10), date(2026, 2, 1))  # 2026, no stock
    place("B", "Haven", "H1", "accepted", utc(2025, 6, 1, 10))  # 2025
    place("A", "Dijk", "", "proposed", utc(2026, 2, 10, 10))  # 2026, stock 0
    return {"hoods": hoods, "corporations": corporations}


def test_placements_per_neighbourhood_and_year_are_the_nightly_ones(party, spread):
    homes = {name: DwellingFactory(corporation=party.corporation, neighbourhood=hood) for name, hood in spread["hoods"].items()}  # fmt: skip
    run_figures(as_of=AS_OF)
    for year, expected in {
        2025: {"Oost": 3, "West": 0, "Haven": 1, "Dijk": 0, "Kern": 0},
        2026: {"Oost": 1, "West": 3, "Haven": 1, "Dijk": 1, "Kern": 0},
    }.items():
        at_proposal = figures_for(list(homes.values()), year=year)
        proposal = {name: (at_proposal[home.pk].placements, at_proposal[home.pk].stock) for name, home in homes.items()}
        nightly = {
            f.neighbourhood.name: (f.placements, f.stock)
            for f in DispersionFigure.objects.filter(year=year, neighbourhood__in=spread["hoods"].values())
        }
        assert proposal == nightly == {name: (count, STOCK[name]) for name, count in expected.items()}, year


def test_the_rate_shown_at_a_proposal_is_the_nightly_rate_once_it_counts(party, users, spread):
    """What the coordinator is told a proposal makes of the rate is what the figures say after it."""
    shown = {}
    with time_machine.travel(datetime(2026, 3, 1, 11, tzinfo=UTC), tick=False):
        for name, hood in spread["hoods"].items():
            placement = propose_placement(
                dwelling_id=DwellingFactory(corporation=party.corporation, neighbourhood=hood).pk,
                case_id=OutflowCaseFactory(care_provider=party.care_provider, region=party.region).pk,
                by=users["coordinator"],
            )
            snapshot = placement.dispersion_snapshot
            shown[name] = (snapshot["placements_before"] + 1, snapshot["rate_after"])
    run_figures(as_of=AS_OF)
    nightly = {
        f.neighbourhood.name: (f.placements, None if f.rate is None else str(f.rate))
        for f in DispersionFigure.objects.filter(year=2026, neighbourhood__in=spread["hoods"].values())
    }
    assert shown == nightly
    assert nightly["West"] == (4, "10.00") and nightly["Haven"] == (2, None) and nightly["Dijk"] == (2, None)


def test_active_placements_per_building_are_the_nightly_ones(spread):
    buildings = [("A", "Oost", "K1"), ("A", "Oost", "K2"), ("A", "West", "K3"), ("B", "West", "K3"), ("B", "Haven", "H1")]  # fmt: skip
    homes = {
        building: DwellingFactory(
            corporation=spread["corporations"][building[0]],
            neighbourhood=spread["hoods"][building[1]],
            building_code=building[2],
        )  # fmt: skip
        for building in buildings
    }
    run_figures(as_of=AS_OF)
    at_proposal = figures_for(list(homes.values()), year=2026)
    proposal = {building: at_proposal[home.pk].building_active for building, home in homes.items()}
    stored = {
        (f.corporation_id, f.neighbourhood_id, f.building_code): f.active
        for f in BuildingFigure.objects.filter(year=2026)
    }
    nightly = {
        building: stored.get((home.corporation_id, home.neighbourhood_id, home.building_code), 0)
        for building, home in homes.items()
    }
    assert proposal == nightly
    assert list(nightly.values()) == [2, 0, 1, 1, 2]


@pytest.mark.xfail(
    strict=True,
    reason="The two count a complex differently: at proposal (figures_for) the active placements of every home with "
    "the corporation's building code, wherever it lies (2 here: one in Oost, one in West); at night (BUILDING_SQL) per "
    "region, corporation, building code and neighbourhood (1 for K9 in Oost). The coordinator is warned 'Complex K9 "
    "krijgt hiermee 3 lopende plaatsingen; de regel staat er 2 toe' while the dashboard shows K9 within its limit.",
)
def test_a_complex_spanning_two_neighbourhoods_has_the_same_active_count_at_proposal_and_at_night(party, users, spread):
    """A corporation's complex (one building code) whose homes lie in two neighbourhoods, e.g. two CBS buurten."""
    for hood in ("Oost", "West"):
        Placement.objects.create(
            dwelling=DwellingFactory(
                corporation=party.corporation, neighbourhood=spread["hoods"][hood], building_code="K9"
            ),
            case=OutflowCaseFactory(care_provider=party.care_provider, region=party.region),
            proposed_at=utc(2026, 2, 20, 10), proposed_by=users["coordinator"],
        )  # fmt: skip
    home = DwellingFactory(corporation=party.corporation, neighbourhood=spread["hoods"]["Oost"], building_code="K9")
    run_figures(as_of=AS_OF)
    nightly = BuildingFigure.objects.get(year=2026, corporation=party.corporation, building_code="K9", neighbourhood=home.neighbourhood)  # fmt: skip
    assert figures_for([home], year=2026)[home.pk].building_active == nightly.active

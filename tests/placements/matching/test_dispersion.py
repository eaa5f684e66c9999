"""The dispersion arithmetic on a hand-made example, with its edge cases."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from placements.matching.dispersion import check_dwelling, figures_for
from placements.models import Placement
from regions.models import DispersionRule
from tests.factories import DispersionRuleFactory, DwellingFactory, NeighbourhoodFactory, OutflowCaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rule(party):
    return DispersionRuleFactory(
        region=party.region,
        max_new_per_neighbourhood=3,
        max_per_thousand_stock=Decimal("5.00"),
        max_active_per_building=2,
        mode=DispersionRule.Mode.BLOCK,
    )


@pytest.fixture
def place(party, users):
    """Create a placement on a new home in `neighbourhood` with the given status and dates."""

    def make(neighbourhood, status, proposed_at, moved_in_on=None, building="B1", **extra):
        dwelling = DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, building_code=building)
        case = OutflowCaseFactory(care_provider=party.care_provider, region=party.region)
        return Placement.objects.create(
            dwelling=dwelling, case=case, status=status, proposed_at=proposed_at, moved_in_on=moved_in_on,
            proposed_by=users["coordinator"], ended_on=extra.get("ended_on"),
            decline_reason=extra.get("decline_reason", ""), declined_by=extra.get("declined_by", ""),
        )  # fmt: skip

    return make


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def example(party, rule, place):
    n = NeighbourhoodFactory(
        municipality=party.region.centre_municipality, cbs_code="WK047911", name="Noord", social_rent_stock=400
    )
    place(n, "moved_in", utc(2026, 2, 1, 10), date(2026, 3, 1))  # counts (moved in 2026), active in B1
    place(n, "proposed", utc(2026, 5, 1, 10))  # counts (proposed 2026), active in B1
    place(n, "declined", utc(2026, 5, 2, 10), decline_reason="other", declined_by="corporation")  # never counts
    place(n, "cancelled", utc(2026, 5, 3, 10))  # never counts
    place(
        n, "aftercare_ended", utc(2025, 11, 1, 10), date(2025, 12, 31), ended_on=date(2026, 6, 1), building="B2"
    )  # 2025
    place(n, "moved_in", utc(2025, 12, 20, 10), date(2026, 1, 2), building="B2")  # moved in 2026: counts
    place(n, "proposed", utc(2025, 12, 31, 23, 30), building="B3")  # 1 Jan 2026 00:30 in Amsterdam: counts
    return n


def test_a_proposal_over_all_three_limits_of_a_blocking_rule_gets_three_breaches(party, example):
    home = DwellingFactory(corporation=party.corporation, neighbourhood=example, building_code="B1")
    figures = check_dwelling(home, year=2026)
    assert figures.placements == 4
    assert figures.rate_after == Decimal("12.50")  # (4 + 1) / 400 × 1000
    assert figures.building_active == 2
    assert len(figures.breaches) == 3
    assert "5 plaatsingen in 2026; de regel staat er 3 toe" in figures.breaches[0]
    assert figures.breaches[1] == "Dat is 12,50 per 1.000 sociale huurwoningen; de regel staat 5,00 toe."
    assert "Complex B1 krijgt hiermee 3 lopende plaatsingen" in figures.breaches[2]
    assert figures.blocks


def test_previous_year_counts_only_what_fell_in_it(party, example):
    home = DwellingFactory(corporation=party.corporation, neighbourhood=example)
    assert check_dwelling(home, year=2025).placements == 1  # moved in 31 Dec 2025


def test_the_limit_itself_is_allowed(party, rule, place):
    n = NeighbourhoodFactory(
        municipality=party.region.centre_municipality, cbs_code="WK047912", social_rent_stock=10_000
    )
    place(n, "proposed", utc(2026, 3, 1), building="")
    place(n, "proposed", utc(2026, 3, 2), building="")
    home = DwellingFactory(corporation=party.corporation, neighbourhood=n, building_code="")
    figures = check_dwelling(home, year=2026)
    assert (figures.placements, figures.breaches) == (2, [])  # the 3rd of max 3 is fine
    assert figures.building_active is None  # no building code: no building figure


@pytest.mark.parametrize("stock", [None, 0])
def test_without_stock_there_is_no_rate_and_no_division_by_zero(party, rule, stock):
    n = NeighbourhoodFactory(
        municipality=party.region.centre_municipality, cbs_code="WK047913",
        social_rent_stock=stock, stock_year=None if stock is None else 2025,
    )  # fmt: skip
    figures = check_dwelling(DwellingFactory(corporation=party.corporation, neighbourhood=n), year=2026)
    assert figures.rate_after is None
    assert figures.breaches == []
    assert "kan niet worden getoetst" in figures.notes[0]


def test_warn_mode_reports_but_does_not_block(party, example, rule):
    rule.mode = DispersionRule.Mode.WARN
    rule.save()
    figures = check_dwelling(DwellingFactory(corporation=party.corporation, neighbourhood=example), year=2026)
    assert figures.breaches and not figures.blocks


def test_no_rule_means_no_limits(party, neighbourhood):
    figures = check_dwelling(DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood), year=2026)
    assert figures.rule is None and figures.breaches == []
    assert "geen spreidingsregel" in figures.notes[0]


def test_figures_for_many_homes_take_a_fixed_number_of_queries(party, example, django_assert_num_queries):
    homes = [
        DwellingFactory(corporation=party.corporation, neighbourhood=example, building_code=f"C{i}") for i in range(20)
    ]
    for home in homes:
        home.neighbourhood.municipality  # noqa: B018 - loaded as the candidate view loads it
    with django_assert_num_queries(3):  # neighbourhood counts, building counts, the region's rule
        figures = figures_for(homes, year=2026)
    assert len(figures) == 20

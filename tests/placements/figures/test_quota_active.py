"""In progress (*Lopend*) and reserved unused (*Gereserveerd, ongebruikt*) count every active proposal and every
reserved home whatever year it started (DESIGN.md "Figures"); realised counts the year only."""

from datetime import UTC, date, datetime

import pytest

from placements.models import Placement, QuotaFigure
from tests.factories import DwellingFactory, OutflowCaseFactory
from tests.helpers import run_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def carried_over(world, party, users):
    """Corporation A, on top of `world`: a proposal of 20 December 2023 still open, a home reserved in May 2023
    still unused."""
    home = DwellingFactory(
        corporation=world["a"], neighbourhood=world["hoods"]["N6"], status="offered", reserved_on=date(2023, 11, 1)
    )
    case = OutflowCaseFactory(care_provider=party.care_provider, region=world["region"], status="matched")
    Placement.objects.create(
        dwelling=home, case=case, status="proposed", proposed_at=datetime(2023, 12, 20, 10, tzinfo=UTC),
        proposed_by=users["coordinator"],
    )  # fmt: skip
    DwellingFactory(corporation=world["a"], neighbourhood=world["hoods"]["N6"], reserved_on=date(2023, 5, 15))
    return world


def quota(world, year):
    return QuotaFigure.objects.get(region=world["region"], corporation=world["a"], year=year)


def test_a_proposal_from_last_december_still_counts_as_in_progress_this_year(carried_over):
    run_figures()
    assert quota(carried_over, 2024).in_progress == 3  # world's 2 of February + the one of 20 December
    assert quota(carried_over, 2023).in_progress == 1  # last year: those proposed by 31 December, still open


def test_a_home_reserved_last_may_still_counts_as_unused_this_year(carried_over):
    run_figures()
    assert quota(carried_over, 2024).reserved_unused == 3  # world's 2 (reserved 5 January) + the one of May 2023
    assert quota(carried_over, 2023).reserved_unused == 1


def test_what_started_after_the_as_of_date_does_not_count_yet(carried_over):
    run_figures(as_of=date(2024, 1, 4))  # before world's reservations of 5 January and its February proposals
    assert (quota(carried_over, 2024).in_progress, quota(carried_over, 2024).reserved_unused) == (1, 1)


def test_realised_still_counts_the_year_only(carried_over):
    run_figures()
    assert quota(carried_over, 2024).realised == 4
    assert quota(carried_over, 2023).realised == 1  # the move-in of 31 December


def test_the_age_of_the_oldest_is_counted_to_the_as_of_day(carried_over):
    run_figures()
    this_year, last_year = quota(carried_over, 2024), quota(carried_over, 2023)
    assert this_year.in_progress_oldest_days == 72  # 20 December 2023 → 1 March 2024
    assert this_year.unused_oldest_days == 291  # 15 May 2023 → 1 March 2024
    assert last_year.in_progress_oldest_days == 11  # to 31 December 2023
    assert (
        QuotaFigure.objects.get(region=carried_over["region"], corporation=carried_over["b"]).in_progress_oldest_days
        is None
    )

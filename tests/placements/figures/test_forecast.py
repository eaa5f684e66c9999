"""The need forecast (placements.figures.forecast): the arithmetic on hand-computed cases, and what a run stores."""

from datetime import date
from decimal import Decimal

import pytest

from placements.figures import forecast
from placements.models import ForecastFigure, OutflowCase, Placement
from regions.models import Agreement
from tests.factories import DwellingFactory, NeighbourhoodFactory, OutflowCaseFactory, RegionFactory
from tests.helpers import run_figures

AS_OF = date(2025, 12, 31)  # the window is December 2023 to November 2025; the forecast year 2026


def test_constant_inflow_is_forecast_as_itself():
    result = forecast.forecast_inflow([3] * 24, as_of=AS_OF)
    assert result.monthly == pytest.approx([3.0] * 12)
    assert result.next_year == pytest.approx(36)
    assert result.growth == 1
    assert result.dispersion == 1  # no variation at all: chance alone (Poisson)


def test_growth_and_season_carry_over():
    # 24 in the first year, 48 in the second, all in March: next March (h = 3 months after December) gets the last
    # year's monthly level (4) × the clamped growth 1.5 ^ (9.5/12) × March's seasonal factor (12); other months 0.
    # The doubling is far more than chance: log 2 = 0.69 against a standard deviation of √(1/24 + 1/48) = 0.25.
    start = forecast.window_start(AS_OF)
    counts = [0] * 24
    for i in range(24):
        if forecast.add_months(start, i).month == 3:
            counts[i] = 24 if i < 12 else 48
    result = forecast.forecast_inflow(counts, as_of=AS_OF)
    assert result.growth == 1.5  # 48 ÷ 24 = 2, clamped to 3/2
    march = result.monthly[2]
    assert march == pytest.approx(48 / 12 * 1.5 ** ((3 + 6.5) / 12) * 12)
    assert sum(result.monthly) == pytest.approx(march)


def test_a_growth_within_chance_is_not_carried_forward():
    # 120 then 132 a year: +10 %, while chance alone gives a standard deviation of √(1/120 + 1/132) = 13 %.
    result = forecast.forecast_inflow([10] * 12 + [11] * 12, as_of=AS_OF)
    assert result.growth == 1
    assert result.next_year == pytest.approx(132)
    grown = forecast.forecast_inflow([10] * 12 + [20] * 12, as_of=AS_OF)  # doubling: more than chance
    assert grown.growth == 1.5


def test_without_homes_the_list_grows_by_the_inflow():
    outlook = forecast.simulate(waiting_now=10, inflow=[2.0] * 12, pace=0, homes=0, relapse_rate=0)
    assert outlook.waiting_end == 34
    assert outlook.median_days is None  # nobody is housed: the wait only grows


def test_homes_let_and_relapse():
    # 10 waiting, 2 a month arriving, 3 homes a month let, a tenth of them coming back: 10 + 24 - 36 + 3.6
    outlook = forecast.simulate(waiting_now=10, inflow=[2.0] * 12, pace=0, homes=36, relapse_rate=0.1)
    assert outlook.waiting_end == pytest.approx(1.6)
    assert outlook.median_days == pytest.approx(1.6 / 3 * forecast.DAYS_PER_MONTH)


def test_months_before_next_year_use_the_housing_pace():
    # As of the end of October: November and December at the pace (1 a month), then next year's 12 months.
    outlook = forecast.simulate(waiting_now=0, inflow=[2.0] * 14, pace=1, homes=0, relapse_rate=0)
    assert outlook.waiting_end == 2 + 24


def test_homes_needed_reaches_the_target_and_one_fewer_does_not():
    kw = {"waiting_now": 40, "inflow": [5.0] * 12, "pace": 2, "relapse_rate": 0.1}
    needed = forecast.homes_needed(target_days=90, **kw)
    assert forecast.simulate(homes=needed, **kw).median_days <= 90
    assert forecast.simulate(homes=needed - 1, **kw).median_days > 90


def test_homes_needed_is_zero_when_the_wait_is_short_already():
    # Nobody waiting and nobody arriving: no wait, whatever the number of homes.
    assert forecast.homes_needed(waiting_now=0, inflow=[0.0] * 12, pace=0, relapse_rate=0, target_days=90) == 0


def test_band_is_wider_for_a_smaller_inflow_and_contains_it():
    small = forecast.band(forecast.forecast_inflow([1] * 24, as_of=AS_OF))
    large = forecast.band(forecast.forecast_inflow([100] * 24, as_of=AS_OF))
    assert small[0] < large[0] < 1 < large[1] < small[1]
    # Poisson: 12 a year (variance 12), and the growth rate read from two years of 12 (log variance 1/12 + 1/12),
    # reaching 7.5/12 … 18.5/12 years ahead (on average 13/12) from the middle of the window's last year
    relative_sd = (12 / 12**2 + (1 / 12 + 1 / 12) * (13 / 12) ** 2) ** 0.5
    assert small[1] == pytest.approx(1 + forecast.Z80 * relative_sd)


@pytest.fixture
def region_with_history(party, users):
    """Two a month newly ready in BW and one a month in GGZ from December 2023 to November 2025; 12 of them moved
    in during 2024 (none since December 2024), 3 of whom relapsed within a year; 30 homes agreed for 2026."""
    region = party.region
    hood = NeighbourhoodFactory(municipality=region.centre_municipality)
    start = forecast.window_start(AS_OF)
    for i in range(24):
        month = forecast.add_months(start, i)
        for origin, n in ((OutflowCase.Origin.BW, 2), (OutflowCase.Origin.GGZ, 1)):
            for _ in range(n):
                OutflowCaseFactory(care_provider=party.care_provider, region=region, origin=origin, ready_on=month)
    # 12 move-ins in 2024 (more than 365 days before the as-of date), 3 of them relapsed within a year.
    for i in range(12):
        case = OutflowCase.objects.filter(region=region, status="waiting").order_by("ready_on").first()
        moved = date(2024, 1 + i % 11, 10) if i < 11 else date(2024, 11, 30)
        relapsed = i < 3
        case.status, case.closed_on = "closed" if relapsed else "housed", date(2024, 12, 20) if relapsed else None
        case.closed_reason = "relapse" if relapsed else ""
        case.save()
        Placement.objects.create(
            dwelling=DwellingFactory(corporation=party.corporation, neighbourhood=hood, status="let"), case=case,
            status="relapsed" if relapsed else "moved_in", moved_in_on=moved, ended_on=date(2024, 12, 20) if relapsed else None,
            proposed_at=f"{moved.isoformat()}T08:00:00Z", proposed_by=users["coordinator"],
        )  # fmt: skip
    Agreement.objects.create(region=region, corporation=party.corporation, year=2026, quota=30)
    return region


def test_a_run_stores_the_forecast(region_with_history):
    run_figures(as_of=AS_OF)
    figure = ForecastFigure.objects.get(region=region_with_history, year=2026)
    assert figure.months_of_data == 24
    assert (figure.inflow_bw, figure.inflow_ggz, figure.inflow_mo) == (Decimal("24.0"), Decimal("12.0"), 0)
    assert figure.inflow_next_year == 36
    assert figure.waiting_now == 24 * 3 - 12  # everyone ready but the 12 who moved in (relapsed ones are closed)
    assert figure.pace == 0  # nobody moved in during the 12 months before December 2025
    assert figure.relapse_rate == Decimal("0.2500")
    assert (figure.homes, figure.homes_basis) == (30, ForecastFigure.Basis.AGREEMENTS_NEXT)
    # 60 waiting + 36 arriving − 30 let + 7.5 back
    assert figure.waiting_end == Decimal("73.5")
    assert figure.waiting_end_low < figure.waiting_end < figure.waiting_end_high
    needed = figure.homes_needed
    kw = {"waiting_now": 60, "inflow": [3.0] * 12, "pace": 0, "relapse_rate": 0.25}
    assert (
        forecast.simulate(homes=needed, **kw).median_days <= 90 < forecast.simulate(homes=needed - 1, **kw).median_days
    )


def test_too_little_data_gives_no_numbers(party):
    OutflowCaseFactory(care_provider=party.care_provider, region=party.region, ready_on=date(2025, 6, 1))
    other = RegionFactory()  # no clients at all
    run_figures(as_of=AS_OF)
    for region in (party.region, other):
        figure = ForecastFigure.objects.get(region=region, year=2026)
        assert not figure.enough_data
        assert figure.waiting_end is None and figure.homes_needed is None


def test_a_run_of_one_region_keeps_the_others(region_with_history):
    other = RegionFactory()
    first = run_figures(as_of=AS_OF)
    second = run_figures(region_id=region_with_history.pk, as_of=AS_OF)
    assert ForecastFigure.objects.get(region=other).run_id == first.pk
    assert ForecastFigure.objects.get(region=region_with_history).run_id == second.pk


def test_those_leaving_without_a_home_shrink_the_list():
    outlook = forecast.simulate(waiting_now=100, inflow=[0.0] * 12, pace=0, homes=0, relapse_rate=0, leave_rate=0.1)
    assert outlook.waiting_end == pytest.approx(100 * 0.9**12)


def test_the_leave_rate_counts_those_closed_without_a_home(party):
    for _ in range(6):
        OutflowCaseFactory(care_provider=party.care_provider, region=party.region, ready_on=date(2025, 3, 1))
    for closed in (date(2024, 11, 30), date(2025, 5, 1), date(2025, 11, 30), date(2025, 12, 2)):
        OutflowCaseFactory(
            care_provider=party.care_provider, region=party.region, ready_on=date(2025, 3, 1), status="closed",
            closed_reason="withdrawn", closed_on=closed,
        )  # fmt: skip
    run_figures(as_of=AS_OF)
    # Two closed in the 12 months before December 2025, without a home: 2 ÷ 12 a month, of 6 waiting.
    assert ForecastFigure.objects.get(region=party.region).leave_rate == Decimal("0.0278")

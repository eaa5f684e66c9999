"""The nightly figures (placements/figures/sql.py) on the hand-made dataset `world` (3 corporations, 6 neighbourhoods,
20 clients), with edge cases: move-in on 31 Dec / 1 Jan, declined and cancelled placements, a withdrawn home, zero
and unknown stock, and a leap year (as of 1 March 2024: day 61 of 366)."""

from datetime import date
from decimal import Decimal

import pytest

from placements.figures import services as reports
from placements.models import DispersionFigure, FigureRun, FlowFigure, QuotaFigure
from tests.helpers import run_figures

pytestmark = pytest.mark.django_db


def quota(world, corp, year=2024):
    return QuotaFigure.objects.get(region=world["region"], corporation=world[corp], year=year)


def test_quota_figures_are_those_counted_by_hand(world):
    assert run_figures().status == FigureRun.Status.SUCCEEDED
    a = quota(world, "a")
    assert (a.quota, a.realised, a.in_progress, a.reserved_unused) == (30, 4, 2, 2)
    assert a.elapsed_share == Decimal("0.1667")  # 61 / 366 (leap year)
    assert a.pro_rata_target == Decimal("5.0")
    assert (a.pct_of_quota, a.pct_of_pro_rata) == (Decimal("13.3"), Decimal("80.0"))
    assert a.status == "approaching"  # 4 ≥ 0.8 × 5.0
    assert a.projection == Decimal("24.0")  # 4 ÷ (61/366)
    b = quota(world, "b")
    assert (b.realised, b.pro_rata_target, b.status, b.projection) == (2, Decimal("2.0"), "on_track", Decimal("12.0"))
    c = quota(world, "c")
    assert (c.realised, c.reserved_unused, c.status) == (0, 1, "behind")  # withdrawn home not counted
    last_year = quota(world, "a", 2023)
    assert (last_year.realised, last_year.elapsed_share, last_year.status) == (1, Decimal("1.0000"), "behind")


def test_projection_is_not_inflated_in_january(world):
    reports.run_figures(run_id=reports.queue_run(region_id=None, as_of=date(2024, 1, 2)).pk)
    a = quota(world, "a")
    assert a.realised == 1  # moved in on 1 January
    assert a.projection == Decimal("11.8")  # 1 ÷ (31/366), not 1 ÷ (2/366) = 183


def test_dispersion_figures_are_those_counted_by_hand(world):
    run_figures()
    rows = {
        f.neighbourhood.name: (f.placements, f.rate, f.over, f.approaching)
        for f in DispersionFigure.objects.filter(year=2024).select_related("neighbourhood")
    }
    assert rows == {
        "N1": (2, Decimal("2.00"), False, True),  # declined and cancelled not counted; 31 Dec in 2023
        "N2": (2, Decimal("4.00"), True, False),  # 4.00 per 1,000 > 3.00
        "N3": (1, None, False, False),  # zero stock: no rate
        "N4": (1, None, False, False),  # unknown stock: no rate
        "N5": (2, Decimal("1.00"), False, True),
        "N6": (0, Decimal("0.00"), False, False),
    }
    assert DispersionFigure.objects.get(year=2023, neighbourhood__name="N1").placements == 1


def test_flow_figures_are_those_counted_by_hand(world):
    run_figures()
    january = FlowFigure.objects.get(region=world["region"], month=date(2024, 1, 1))
    assert (january.newly_ready, january.housed) == (1, 3)
    assert (january.median_days, january.p90_days) == (Decimal("60.0"), Decimal("84.0"))  # of 30, 60, 90 days
    assert january.relapse_180 == 1
    assert january.waiting_end == 8
    buckets = (
        january.wait_lt_week, january.wait_week_month, january.wait_1_3_months, january.wait_3_6_months,
        january.wait_gt_6_months,
    )  # fmt: skip
    assert buckets == (0, 1, 5, 1, 1)
    months = list(FlowFigure.objects.filter(region=world["region"]).values_list("month", flat=True))
    assert min(months) == date(2023, 1, 1) and max(months) == date(2024, 3, 1) and len(months) == 15

"""The dashboard's charts: the quota scale holds the longest bar and shows the contingent; the forecast's scale
holds the band; the relapse windows still open are marked on the dashboard."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.figures.charts import BAR_WIDTH, LABEL_WIDTH, forecast_band, nice_top, quota_bars
from placements.models import FlowFigure
from tests.helpers import run_figures


def quota(realised, quota, pro_rata):
    return SimpleNamespace(
        realised=realised,
        quota=quota,
        pro_rata_target=pro_rata,
        status="on_track",
        corporation=SimpleNamespace(name="A"),
    )


def test_a_bar_past_its_contingent_stays_inside_the_scale():
    chart = quota_bars([quota(30, 10, 5), quota(4, 8, 4)])
    assert max(float(bar.realised_width) for bar in chart["bars"]) == pytest.approx(BAR_WIDTH)  # 300 % fills it
    assert float(chart["full_x"]) == pytest.approx(LABEL_WIDTH + BAR_WIDTH / 3)  # the contingent line at 100 %
    assert float(chart["bars"][1].realised_width) == pytest.approx(BAR_WIDTH / 3 / 2)


def test_without_a_bar_past_its_contingent_the_scale_ends_at_it():
    chart = quota_bars([quota(5, 10, 5)])
    assert float(chart["full_x"]) == LABEL_WIDTH + BAR_WIDTH


def test_the_forecast_scale_holds_the_band():
    chart = forecast_band(now=40, expected=61, low=52, high=73)
    assert chart["top"] == 100 >= 73
    assert float(chart["low_x"]) + float(chart["band_width"]) <= chart["right"]
    assert nice_top(0) == 1 and nice_top(101) == 200


@pytest.mark.django_db
def test_open_relapse_windows_are_marked_on_the_dashboard(client, users, party):
    today = timezone.localdate()
    run_figures(as_of=today)
    client.force_login(users["coordinator"])
    html = client.get(reverse("placements:dashboard_region", args=[party.region.pk])).content.decode()
    # Every month of this year has its 730-day window open; the 180-day one only the last six months or so.
    expected = sum(
        len(FlowFigure(month=date(today.year, m, 1)).open_relapse_windows(today)) for m in range(1, today.month + 1)
    )
    assert html.count('class="open-window"') == expected
    assert expected < 3 * today.month or today.month <= 6  # some windows have passed (the case a mark would hide)

"""Flow figures per episode (FLOW_SQL, docs/figures.md "Flow"), counted by hand as of 30 June 2024:

- c1 ready 10 Jan, moved in 1 Feb, relapsed and closed 15 Mar, reopened 10 Apr (waits again), moved in again 1 Jun;
- c2 ready 5 Jan, closed (withdrawn) 10 Feb, reopened 20 May;
- c3 ready 1 Mar, waiting.

Closed months are not waiting (c2 in February–April, c1 in March); the wait after a reopening counts from the
reopening (c1's second move-in: 52 days from 10 April, not 143 from 10 January); a reopened client is newly ready
again in the month it was reopened."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine

from placements.figures.selectors import care_provider_flow
from placements.models import CaseEpisode, FlowFigure, OutflowCase, Placement
from placements.records.services import reopen_case
from tests.factories import DwellingFactory, OutflowCaseFactory
from tests.helpers import run_figures

pytestmark = pytest.mark.django_db

COLUMNS = ("newly_ready", "waiting_end", "housed", "median_days", "wait_week_month", "wait_1_3_months",
           "wait_3_6_months", "relapse_180")  # fmt: skip


def flow(region, months=range(1, 7)):
    rows = {f.month.month: f for f in FlowFigure.objects.filter(region=region, month__year=2024)}
    return {m: tuple(getattr(rows[m], c) for c in COLUMNS) for m in months}


def reopen(case, on, user):
    with time_machine.travel(datetime(on.year, on.month, on.day, 12, tzinfo=UTC)):
        return reopen_case(case_id=case.pk, by=user)


def move_in(party, users, case, on, **extra):
    home = DwellingFactory(corporation=party.corporation, neighbourhood=party.hood, status="let")
    proposed = datetime(on.year, on.month, on.day, 10, tzinfo=UTC)
    return Placement.objects.create(
        dwelling=home, case=case, proposed_at=proposed, moved_in_on=on, proposed_by=users["coordinator"], **extra
    )


@pytest.fixture
def clients(party, users, neighbourhood):
    party.hood = neighbourhood
    new = lambda **kw: OutflowCaseFactory(care_provider=party.care_provider, region=party.region, **kw)  # noqa: E731
    c1 = new(ready_on=date(2024, 1, 10), status="closed", closed_reason="relapse", closed_on=date(2024, 3, 15))
    move_in(party, users, c1, date(2024, 2, 1), status="relapsed", ended_on=date(2024, 3, 15))
    c2 = new(ready_on=date(2024, 1, 5), status="closed", closed_reason="withdrawn", closed_on=date(2024, 2, 10))
    c3 = new(ready_on=date(2024, 3, 1))
    return c1, c2, c3


def test_waiting_is_counted_per_episode(party, users, clients):
    c1, c2, _ = clients
    reopen(c1, date(2024, 4, 10), users["coordinator"])
    reopen(c2, date(2024, 5, 20), users["coordinator"])
    move_in(party, users, c1, date(2024, 6, 1), status="moved_in")
    OutflowCase.objects.filter(pk=c1.pk).update(status="housed")
    run_figures(as_of=date(2024, 6, 30))
    # newly ready, waiting, housed, median days, 1 week–1 month, 1–3 months, 3–6 months, relapse ≤ 180
    assert flow(party.region) == {
        1: (2, 2, 0, None, 2, 0, 0, 0),  # c1 21 days, c2 26 days
        2: (0, 0, 1, Decimal("22.0"), 0, 0, 0, 1),  # c1 moved in (22 days), relapsed after 43; c2 closed
        3: (1, 1, 0, None, 1, 0, 0, 0),  # c3 30 days; c1 relapsed and closed: not waiting
        4: (1, 2, 0, None, 1, 1, 0, 0),  # c1 again from 10 April (20 days), c3 60; c2 still closed
        5: (1, 3, 0, None, 1, 2, 0, 0),  # c2 again from 20 May (11 days), c1 51, c3 91
        6: (0, 2, 1, Decimal("52.0"), 0, 1, 1, 0),  # c1 re-housed 52 days after reopening; c2 41, c3 121
    }


def test_a_later_reopening_does_not_change_past_months(party, users, clients):
    run_figures(as_of=date(2024, 3, 31))
    before = flow(party.region, months=range(1, 4))
    reopen(clients[1], date(2024, 5, 20), users["coordinator"])
    run_figures(as_of=date(2024, 6, 30))
    assert flow(party.region, months=range(1, 4)) == before


def test_reopening_keeps_the_closed_episode(users, clients):
    c2 = clients[1]
    reopen(c2, date(2024, 5, 20), users["coordinator"])
    episode = CaseEpisode.objects.get(case=c2)
    assert (episode.ready_on, episode.closed_on, episode.reopened_on) == (
        date(2024, 1, 5),
        date(2024, 2, 10),
        date(2024, 5, 20),
    )
    c2.refresh_from_db()
    assert (c2.status, c2.closed_on) == ("waiting", None)


def test_a_later_ready_date_given_after_reopening_starts_the_episode(party, users, clients):
    c2 = clients[1]
    reopen(c2, date(2024, 5, 20), users["coordinator"])
    OutflowCase.objects.filter(pk=c2.pk).update(ready_on=date(2024, 6, 10))  # the care worker: ready again then
    run_figures(as_of=date(2024, 6, 30))
    assert flow(party.region, months=[5, 6]) == {
        5: (0, 1, 0, None, 0, 1, 0, 0),  # c2 not ready again yet; c1 closed; c3 91 days
        6: (1, 2, 0, None, 1, 0, 1, 0),  # c2 from 10 June (20 days), c3 121
    }


def test_the_care_providers_own_figures_count_a_re_housing_from_the_reopening(party, users, clients):
    """The care provider's dashboard counts the median wait as the flow figures do: 22 days to the first move-in,
    52 from the reopening to the second (not 143 from the first ready date): median 37."""
    c1 = clients[0]
    reopen(c1, date(2024, 4, 10), users["coordinator"])
    move_in(party, users, c1, date(2024, 6, 1), status="moved_in")
    (row,) = care_provider_flow(users["care_worker_c"], year=2024)
    assert (row["housed"], row["median_days"]) == (2, 37.0)


def test_the_forecast_counts_waiting_and_inflow_per_episode_as_the_flow_does(party, users, clients):
    """c1 reopened after its relapse and c2 after its withdrawal wait again (here nobody moves in again); c3 waits:
    three on 30 June, as the flow table's June row says, and the two reopenings are inflow of their months."""
    from django.db import connection

    from placements.figures import forecast
    from placements.models import ForecastFigure

    c1, c2, _ = clients
    reopen(c1, date(2024, 4, 10), users["coordinator"])
    reopen(c2, date(2024, 5, 20), users["coordinator"])
    run_figures(as_of=date(2024, 6, 30))
    figure = ForecastFigure.objects.get(region=party.region, year=2025)
    june = FlowFigure.objects.get(region=party.region, month=date(2024, 6, 1))
    assert figure.waiting_now == june.waiting_end == 3
    today = date(2024, 6, 30)
    params = {
        "region": party.region.pk, "today": today, "start": forecast.window_start(today), "end": date(2024, 6, 1),
        "year_ago": date(2023, 6, 1), "next_year": 2025,
    }  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(forecast.INPUT_SQL, params)
        inflow = sum(row[3] for row in cursor.fetchall())
    assert inflow == 5  # three ready dates and two reopenings in the window

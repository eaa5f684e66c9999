"""The need forecast (*prognose*): per region, the expected waiting list at the end of next year for a given number
of homes, and the number of homes next year's agreements need so the median wait falls to a target.

Explainable on purpose (docs/figures.md, "Need forecast"):

1. Inflow. Newly ready clients per month and origin (BW, MO, GGZ, other) over the 24 complete months before the
   as-of month, counted in the database (`INPUT_SQL`). Next year's monthly average = the last 12 months' average,
   grown at the yearly rate between the two 12-month periods (clamped to 2/3…3/2); spread over the calendar months as
   in the last two years (the seasonal factor of a month = its share of the two years' total × 12). A growth rate
   within what chance alone would give (two standard deviations) is not carried forward.
2. Housing pace: homes let (move-ins) per month over the last 12 months; used for the rest of this year.
3. Relapse: of the move-ins whose 365 days have passed, the share that relapsed within 365 days; each home let next
   year brings that share back onto the list. Leaving: those closed without a home in the last 12 months, per month,
   as a share of those waiting now; each month that share of the list leaves it.
4. A month-by-month queue: waiting now, plus inflow, minus homes let (never more than are waiting), plus relapses,
   from the month after the as-of date to December of next year, with next year's homes spread evenly.
5. Median wait at the end of next year, by Little's law: the list ÷ the homes let per month, in days (30.44 a month).
6. Homes needed: the smallest number of homes next year for which that wait is at most the target (default 90 days).
7. Band: the waiting list again with next year's inflow at the low and high end of its 80 % range. The range assumes
   the inflow varies as much as it did around the seasonal pattern in the last 24 months, and at least as much as
   chance alone would (Poisson), and counts that the growth rate itself is read from two such years.

With fewer than 12 months of data for a region (its first client ready less than a year before), there is no
forecast: "te weinig gegevens voor een prognose"."""

import math
import statistics
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection

from placements.models import ForecastFigure, OutflowCase

WINDOW_MONTHS = 24
MIN_MONTHS = 12
DAYS_PER_MONTH = 30.44
TARGET_DAYS = 90
GROWTH_LIMITS = (2 / 3, 3 / 2)
LEAVE_LIMIT = 0.5  # at most half of those waiting leave the list without a home in a month
SIGNIFICANT = 2.0  # standard deviations a growth rate must exceed to be more than chance
Z80 = 1.2816  # the 10th and 90th percentiles of a normal distribution: ± 1.28 standard deviations
ORIGINS = [OutflowCase.Origin.BW, OutflowCase.Origin.MO, OutflowCase.Origin.GGZ, OutflowCase.Origin.OTHER]


def add_months(day: date, months: int) -> date:
    """The first of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def window_start(as_of: date) -> date:
    """The first month of the 24 complete months before the as-of month."""
    return add_months(as_of, -WINDOW_MONTHS)


@dataclass
class InflowForecast:
    monthly: list[float]  # expected inflow in each month after the as-of month, to December of next year
    next_year: float  # expected inflow in next year (its 12 months)
    growth: float
    dispersion: float  # variance ÷ mean of the monthly counts around the fit, at least 1 (Poisson)
    relative_sd: float = 0.0  # of next year's inflow: its chance variation and the growth rate's, ÷ the inflow


def forecast_inflow(counts: list[int], *, as_of: date) -> InflowForecast:
    """From the 24 monthly counts before the as-of month (oldest first), the expected inflow of each month after it
    to December of next year. A month with no data yet counts as 0, so pass only regions with enough months."""
    assert len(counts) == WINDOW_MONTHS
    first, last = counts[:12], counts[12:]
    t1, t2 = sum(first), sum(last)
    start = window_start(as_of)
    # Seasonal factor per calendar month: its share of the two years' total, × 12 (1 for every month when flat).
    by_month = {m: 0 for m in range(1, 13)}
    for i, n in enumerate(counts):
        by_month[add_months(start, i).month] += n
    season = {m: (12 * by_month[m] / (t1 + t2) if t1 + t2 else 1.0) for m in by_month}
    level = t2 / 12
    # How much the months varied around that pattern (each year at its own level), relative to chance alone.
    fit = [(t1 if i < 12 else t2) / 12 * season[add_months(start, i).month] for i in range(WINDOW_MONTHS)]
    terms = [(n - f) ** 2 / f for n, f in zip(counts, fit, strict=True) if f > 0]
    dispersion = max(1.0, sum(terms) / (len(terms) - 1)) if len(terms) > 1 else 1.0
    # The growth rate is read from two years that themselves vary by chance: the variance of its logarithm is about
    # dispersion × (1/T1 + 1/T2). A growth within twice its standard deviation could be chance alone: none is
    # carried forward then (on data without a trend, carrying it made the forecast worse than last year repeated).
    growth_var = dispersion * (1 / t1 + 1 / t2) if t1 and t2 else 0.0
    growth = 1.0
    if t1 and t2 and abs(math.log(t2 / t1)) > SIGNIFICANT * math.sqrt(growth_var):
        growth = min(max(t2 / t1, GROWTH_LIMITS[0]), GROWTH_LIMITS[1])
    months_ahead = 24 - as_of.month  # from the month after the as-of month to December of next year
    monthly = []
    for h in range(1, months_ahead + 1):
        # The last year's average sits in the middle of its 12 months, 6.5 months before the as-of month: a month
        # h months after the as-of month is (h + 6.5)/12 years further along the trend.
        month = add_months(as_of, h).month
        monthly.append(level * growth ** ((h + 6.5) / 12) * season[month])
    next_year = sum(monthly[-12:])
    # Next year's months lie about `reach` years along the growth, whose uncertainty widens the band.
    reach = statistics.fmean((h + 6.5) / 12 for h in range(months_ahead - 11, months_ahead + 1))
    relative_sd = math.sqrt(dispersion / next_year + growth_var * reach**2) if next_year > 0 else 0.0
    return InflowForecast(
        monthly=monthly, next_year=next_year, growth=growth, dispersion=dispersion, relative_sd=relative_sd
    )


@dataclass
class Outlook:
    waiting_end: float  # expected waiting list at the end of next year
    median_days: float | None  # expected median wait then, in days; None without homes (it only grows)


def simulate(
    *, waiting_now: float, inflow: list[float], pace: float, homes: float, relapse_rate: float, leave_rate: float = 0
) -> Outlook:
    """The queue month by month: the months before next year get `pace` homes each, next year's 12 months
    `homes` ÷ 12 each. Each month a share `leave_rate` of those waiting leaves the list without a home; a home is let
    only to someone waiting; a share `relapse_rate` of those housed comes back."""
    queue = float(waiting_now)
    before = len(inflow) - 12
    housed_per_month = pace if len(inflow) > 12 else homes / 12
    for i, arriving in enumerate(inflow):
        supply = pace if i < before else homes / 12
        queue += arriving
        queue -= leave_rate * queue
        housed = min(queue, supply)
        queue += -housed + relapse_rate * housed
        housed_per_month = supply
    if queue <= 0:
        return Outlook(waiting_end=0.0, median_days=0.0)
    if housed_per_month <= 0:
        return Outlook(waiting_end=queue, median_days=None)
    return Outlook(waiting_end=queue, median_days=queue / housed_per_month * DAYS_PER_MONTH)


def homes_needed(
    *,
    waiting_now: float,
    inflow: list[float],
    pace: float,
    relapse_rate: float,
    target_days: float,
    leave_rate: float = 0,
) -> int | None:
    """The fewest homes next year with an expected median wait at the end of it of at most `target_days`; None when
    no number does (everyone housed comes back). The wait falls as homes rise, so a binary search from an upper
    bound (everyone waiting now and arriving, twice) that any target of a day or more meets."""

    def meets(homes: int) -> bool:
        outlook = simulate(
            waiting_now=waiting_now, inflow=inflow, pace=pace, homes=homes, relapse_rate=relapse_rate,
            leave_rate=leave_rate,
        )  # fmt: skip
        return outlook.median_days is not None and outlook.median_days <= target_days

    low, high = 0, max(12, math.ceil(2 * (waiting_now + sum(inflow)) / max(1e-9, 1 - relapse_rate)) + 12)
    for _ in range(20):  # a target so small that even this does not reach it: more homes
        if meets(high):
            break
        high *= 2
    else:
        return None
    while low < high:
        middle = (low + high) // 2
        if meets(middle):
            high = middle
        else:
            low = middle + 1
    return low


def band(forecast: InflowForecast) -> tuple[float, float]:
    """The 80 % range of next year's inflow (the factor to multiply next year's months with, low and high)."""
    spread = Z80 * forecast.relative_sd
    return max(0.0, 1 - spread), 1 + spread


def outlook_with_band(figure: ForecastFigure, homes: float) -> tuple[Outlook, Outlook, Outlook]:
    """The expected outlook for `homes` next year, and with next year's inflow at the low and high end of its range:
    what the dashboard computes for a number of homes a reader enters (cheap: no query)."""
    inflow = [float(x) for x in figure.monthly_inflow]
    kw = {
        "waiting_now": figure.waiting_now, "pace": float(figure.pace), "relapse_rate": float(figure.relapse_rate),
        "leave_rate": float(figure.leave_rate),
    }  # fmt: skip
    low, high = float(figure.inflow_low_factor or 1), float(figure.inflow_high_factor or 1)
    before = len(inflow) - 12

    def scaled(factor: float) -> list[float]:
        return inflow[:before] + [x * factor for x in inflow[before:]]

    return (
        simulate(inflow=inflow, homes=homes, **kw),
        simulate(inflow=scaled(low), homes=homes, **kw),
        simulate(inflow=scaled(high), homes=homes, **kw),
    )


# Per region in scope, everything the forecast needs, in one statement:
# Counted per episode, as the flow figures count (FLOW_SQL): a reopened or relapsed client waits again.
# region_id, origin, month   episodes starting per origin and month over the 24 months before the as-of month (newly
#                            ready clients and reopenings; month NULL and n 0 for a region without any)
# first_ready                the region's first episode start ever (how many months of data there are)
# waiting_now                episodes started on or before `today` that had neither moved in nor been closed by then
# left_12                    episodes closed in the 12 months before the as-of month without a move-in (they left
#                            the list without a home: withdrawn, moved elsewhere)
# housed_12                  move-ins in the 12 months before the as-of month (the housing pace)
# closed_365, relapsed_365   move-ins in the 24 months before the as-of month whose 365 days have passed by `today`,
#                            and of those the ones that relapsed within 365 days (the relapse rate)
# homes_next, homes_this     the region's agreed quota for next year and for this year (NULL without agreements)
INPUT_SQL = """
WITH region AS (
    SELECT r.id FROM regions_region r WHERE %(region)s::bigint IS NULL OR r.id = %(region)s::bigint
), client AS (
    SELECT c.id, c.region_id, c.origin, c.ready_on, c.closed_on FROM placements_outflowcase c
    WHERE c.region_id IN (SELECT id FROM region)
), episode_row AS (
    -- A client's episodes as the flow figures count them (placements/figures/sql.py, FLOW_SQL): the closed
    -- earlier ones and the current one.
    SELECT e.case_id, c.region_id, c.origin, e.ready_on, e.closed_on, e.reopened_on
    FROM placements_caseepisode e JOIN client c ON c.id = e.case_id
    UNION ALL
    SELECT c.id, c.region_id, c.origin, c.ready_on, c.closed_on, NULL FROM client c
), episode AS (
    SELECT case_id, row_number() OVER w AS number, region_id, origin,
           GREATEST(ready_on, lag(reopened_on) OVER w) AS started_on, closed_on,
           lag(reopened_on) OVER w AS from_on, reopened_on AS until_on
    FROM episode_row
    WINDOW w AS (PARTITION BY case_id ORDER BY reopened_on NULLS LAST)
), moved AS (
    -- Each episode's first move-in up to `today` (a join on the cases' table: see the comment of the flow's).
    SELECT e.case_id, e.number, min(p.moved_in_on) AS moved_in_on
    FROM placements_placement p
    JOIN placements_outflowcase c ON c.id = p.case_id
    JOIN episode e ON e.case_id = p.case_id
     AND (e.from_on IS NULL OR p.moved_in_on >= e.from_on) AND (e.until_on IS NULL OR p.moved_in_on < e.until_on)
    WHERE p.moved_in_on IS NOT NULL AND p.moved_in_on <= %(today)s::date
      AND (%(region)s::bigint IS NULL OR c.region_id = %(region)s::bigint)
    GROUP BY 1, 2
), inflow AS (
    SELECT region_id, origin, date_trunc('month', started_on)::date AS month, count(*) AS n FROM episode
    WHERE started_on >= %(start)s::date AND started_on < %(end)s::date
    GROUP BY 1, 2, 3
), state AS (
    SELECT e.region_id, min(e.started_on) AS first_ready,
           count(*) FILTER (WHERE e.started_on <= %(today)s::date
                              AND (mv.moved_in_on IS NULL OR mv.moved_in_on > %(today)s::date)
                              AND (e.closed_on IS NULL OR e.closed_on > %(today)s::date)) AS waiting_now,
           count(*) FILTER (WHERE e.closed_on >= %(year_ago)s::date AND e.closed_on < %(end)s::date
                              AND (mv.moved_in_on IS NULL OR mv.moved_in_on > e.closed_on)) AS left_12
    FROM episode e LEFT JOIN moved mv ON mv.case_id = e.case_id AND mv.number = e.number
    GROUP BY 1
), housing AS (
    SELECT c.region_id,
           count(*) FILTER (WHERE p.moved_in_on >= %(year_ago)s::date) AS housed_12,
           count(*) FILTER (WHERE p.moved_in_on <= %(today)s::date - 365) AS closed_365,
           count(*) FILTER (WHERE p.moved_in_on <= %(today)s::date - 365 AND p.status = 'relapsed'
                              AND p.ended_on - p.moved_in_on <= 365) AS relapsed_365
    FROM placements_placement p JOIN client c ON c.id = p.case_id
    WHERE p.moved_in_on >= %(start)s::date AND p.moved_in_on < %(end)s::date
    GROUP BY 1
), homes AS (
    SELECT a.region_id, sum(a.quota) FILTER (WHERE a.year = %(next_year)s) AS homes_next,
           sum(a.quota) FILTER (WHERE a.year = %(next_year)s - 1) AS homes_this
    FROM regions_agreement a WHERE a.region_id IN (SELECT id FROM region)
    GROUP BY 1
)
SELECT r.id, i.origin, i.month, COALESCE(i.n, 0), s.first_ready, COALESCE(s.waiting_now, 0), COALESCE(s.left_12, 0),
       COALESCE(h.housed_12, 0), COALESCE(h.closed_365, 0), COALESCE(h.relapsed_365, 0), q.homes_next, q.homes_this
FROM region r
LEFT JOIN inflow i ON i.region_id = r.id
LEFT JOIN state s ON s.region_id = r.id
LEFT JOIN housing h ON h.region_id = r.id
LEFT JOIN homes q ON q.region_id = r.id
ORDER BY r.id
"""


def _round(value: float, places: int = 1) -> Decimal:
    return Decimal(str(round(value, places)))


def store_forecast(*, run_id: int, region_id: int | None, today: date, target_days: int = TARGET_DAYS) -> int:
    """Compute the forecast of every region in scope as of `today` and replace its stored rows (inside the caller's
    transaction, the run's publishing one); returns the number of rows written."""
    figures = compute_forecasts(run_id=run_id, region_id=region_id, today=today, target_days=target_days)
    stale = ForecastFigure.objects.filter(year=today.year + 1)
    if region_id is not None:
        stale = stale.filter(region_id=region_id)
    stale.delete()
    ForecastFigure.objects.bulk_create(figures)
    return len(figures)


def compute_forecasts(
    *, run_id: int | None, region_id: int | None, today: date, target_days: int = TARGET_DAYS
) -> list[ForecastFigure]:
    """The forecast of every region in scope (or one) as of `today`, unsaved: one query for the inputs, the rest in
    Python. The backtest (bench/forecast_backtest.py) calls it for dates in the past."""
    start, end = window_start(today), add_months(today, 0)
    params = {
        "region": region_id, "today": today, "start": start, "end": end, "year_ago": add_months(today, -12),
        "next_year": today.year + 1,
    }  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(INPUT_SQL, params)
        rows = cursor.fetchall()
    regions: dict[int, dict] = {}
    for (
        pk,
        origin,
        month,
        n,
        first_ready,
        waiting,
        left_12,
        housed_12,
        closed,
        relapsed,
        homes_next,
        homes_this,
    ) in rows:
        region = regions.setdefault(
            pk,
            {
                "counts": {o: [0] * WINDOW_MONTHS for o in ORIGINS}, "first_ready": first_ready, "waiting": waiting, "left_12": left_12,
                "housed_12": housed_12, "closed": closed, "relapsed": relapsed, "homes_next": homes_next,
                "homes_this": homes_this,
            },
        )  # fmt: skip
        if month is not None:
            index = (month.year - start.year) * 12 + month.month - start.month
            region["counts"][origin if origin in ORIGINS else OutflowCase.Origin.OTHER][index] += n
    return [_figure(run_id, pk, region, today, target_days) for pk, region in regions.items()]


def months_of_data(first_ready: date | None, today: date) -> int:
    """Complete months from the month of the region's first ready date to the as-of month, at most 24."""
    if first_ready is None:
        return 0
    months = (today.year - first_ready.year) * 12 + today.month - first_ready.month
    return max(0, min(WINDOW_MONTHS, months))


def _figure(run_id: int | None, region_id: int, inputs: dict, today: date, target_days: int) -> ForecastFigure:
    months = months_of_data(inputs["first_ready"], today)
    pace = inputs["housed_12"] / 12
    relapse_rate = inputs["relapsed"] / inputs["closed"] if inputs["closed"] else 0.0
    # Those who left the list without a home in the last 12 months, per month, as a share of those waiting now.
    leave_rate = min(LEAVE_LIMIT, inputs["left_12"] / 12 / inputs["waiting"]) if inputs["waiting"] else 0.0
    base = {
        "run_id": run_id, "region_id": region_id, "year": today.year + 1, "as_of": today, "months_of_data": months,
        "waiting_now": inputs["waiting"], "pace": _round(pace, 2), "relapse_rate": _round(relapse_rate, 4),
        "leave_rate": _round(leave_rate, 4),
        "target_days": target_days,
    }  # fmt: skip
    if months < MIN_MONTHS:
        return ForecastFigure(**base)
    if months < WINDOW_MONTHS:
        # One year of data: no growth rate to read, so the last 12 months repeat (the first ones are empty).
        for counts in inputs["counts"].values():
            counts[: WINDOW_MONTHS - 12] = counts[WINDOW_MONTHS - 12 :]
    per_origin = {o: forecast_inflow(c, as_of=today) for o, c in inputs["counts"].items()}
    total = forecast_inflow([sum(c) for c in zip(*inputs["counts"].values(), strict=True)], as_of=today)
    if inputs["homes_next"] is not None:
        homes, basis = inputs["homes_next"], ForecastFigure.Basis.AGREEMENTS_NEXT
    elif inputs["homes_this"] is not None:
        homes, basis = inputs["homes_this"], ForecastFigure.Basis.AGREEMENTS_THIS
    else:
        homes, basis = round(pace * 12), ForecastFigure.Basis.PACE
    low, high = band(total)
    figure = ForecastFigure(
        **base,
        inflow_next_year=_round(total.next_year),
        inflow_bw=_round(per_origin[OutflowCase.Origin.BW].next_year),
        inflow_mo=_round(per_origin[OutflowCase.Origin.MO].next_year),
        inflow_ggz=_round(per_origin[OutflowCase.Origin.GGZ].next_year),
        inflow_other=_round(per_origin[OutflowCase.Origin.OTHER].next_year),
        growth=_round(total.growth, 3),
        inflow_low_factor=_round(low, 4),
        inflow_high_factor=_round(high, 4),
        monthly_inflow=[_round(x, 3) for x in total.monthly],
        homes=homes,
        homes_basis=basis,
    )
    expected, lower, upper = outlook_with_band(figure, homes)
    figure.waiting_end = _round(expected.waiting_end)
    figure.waiting_end_low = _round(lower.waiting_end)
    figure.waiting_end_high = _round(upper.waiting_end)
    figure.median_days = None if expected.median_days is None else _round(expected.median_days)
    figure.homes_needed = homes_needed(
        waiting_now=figure.waiting_now, inflow=[float(x) for x in figure.monthly_inflow], pace=float(figure.pace),
        relapse_rate=float(figure.relapse_rate), target_days=target_days, leave_rate=float(figure.leave_rate),
    )  # fmt: skip
    return figure

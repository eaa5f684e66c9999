"""Backtest of the need forecast (placements/figures/forecast.py) on the synthetic dataset: for every region and every
complete year Y with 24 months of data before it, forecast Y as of 31 December of Y − 1 (only data up to that day is
read) and compare with what happened in Y.

- inflow: the forecast newly ready clients in Y against those counted in Y;
- waiting list: the forecast list at the end of Y, with the homes actually let in Y put in, against the clients
  actually waiting on 31 December of Y; and whether that fell within the 80 % band.

Errors as MAPE (mean absolute percentage error) and the median absolute percentage error, over all region-years.

Usage: BENCH_DATABASE_URL=… python bench/forecast_backtest.py
(after `python bench/dataset.py --scale national`; the synthetic data span 8 years, so 5 backtest years a region)
"""

import os
import statistics
import time
from datetime import date

from common import percentile, record, setup_django


def main() -> None:
    setup_django()
    from django.db import connection

    from placements.figures.forecast import compute_forecasts, outlook_with_band
    from placements.models import OutflowCase

    first = OutflowCase.objects.order_by("ready_on").values_list("ready_on", flat=True).first()
    last = OutflowCase.objects.order_by("-ready_on").values_list("ready_on", flat=True).first()
    if first is None or last is None:
        raise SystemExit("No clients: fill BENCH_DATABASE_URL with `manage.py generate_dataset` first.")
    years = range(first.year + 2, last.year)  # 24 months before, and the whole year within the data
    actual_sql = """
        WITH moved AS (
            SELECT p.case_id, min(p.moved_in_on) AS moved_in_on FROM placements_placement p
            WHERE p.moved_in_on IS NOT NULL GROUP BY 1
        )
        SELECT c.region_id,
               count(*) FILTER (WHERE c.ready_on BETWEEN %(start)s AND %(end)s) AS inflow,
               count(*) FILTER (WHERE c.ready_on <= %(end)s AND (mv.moved_in_on IS NULL OR mv.moved_in_on > %(end)s)
                                  AND (c.closed_on IS NULL OR c.closed_on > %(end)s)) AS waiting,
               count(*) FILTER (WHERE mv.moved_in_on BETWEEN %(start)s AND %(end)s) AS first_moves
        FROM placements_outflowcase c LEFT JOIN moved mv ON mv.case_id = c.id
        GROUP BY 1
    """
    homes_sql = """
        SELECT d.region_id, count(*) FROM placements_placement p
        JOIN placements_outflowcase d ON d.id = p.case_id
        WHERE p.moved_in_on BETWEEN %(start)s AND %(end)s GROUP BY 1
    """
    inflow_errors, naive_errors, waiting_errors, inside, signed = [], [], [], 0, []
    previous: dict[int, tuple] = {}
    for year in years:
        span = {"start": date(year, 1, 1), "end": date(year, 12, 31)}
        with connection.cursor() as cursor:
            cursor.execute(actual_sql, span)
            actual = {row[0]: row[1:] for row in cursor.fetchall()}
            cursor.execute(homes_sql, span)
            homes = dict(cursor.fetchall())
        for figure in compute_forecasts(run_id=None, region_id=None, today=date(year - 1, 12, 31)):
            if not figure.enough_data or figure.region_id not in actual:
                continue
            inflow, waiting, _first_moves = actual[figure.region_id]
            if inflow:
                inflow_errors.append(abs(float(figure.inflow_next_year or 0) - inflow) / inflow)
                if figure.region_id in previous:  # the plainest forecast: last year's inflow again
                    naive_errors.append(abs(previous[figure.region_id][0] - inflow) / inflow)
            expected, low, high = outlook_with_band(figure, homes.get(figure.region_id, 0))
            if waiting:
                waiting_errors.append(abs(expected.waiting_end - waiting) / waiting)
                signed.append((expected.waiting_end - waiting) / waiting)
            inside += low.waiting_end <= waiting <= high.waiting_end
        previous = actual
    n = len(waiting_errors)
    timings = []
    for _ in range(3):  # what a run adds: the forecast of every region as of the data's last day
        started = time.monotonic()
        regions = len(compute_forecasts(run_id=None, region_id=None, today=last))
        timings.append(time.monotonic() - started)
    record(
        "Need forecast backtest",
        "BENCH_DATABASE_URL=… python bench/forecast_backtest.py",
        [
            f"- region-years: {len(inflow_errors)} (forecast years {years.start}–{years.stop - 1}, each as of 31 "
            f"December of the year before, from the 24 months before it)",
            f"- inflow of newly ready clients in the year: MAPE {100 * statistics.fmean(inflow_errors):.1f} %, "
            f"median {100 * statistics.median(inflow_errors):.1f} %, 90th percentile "
            f"{100 * percentile(inflow_errors, 0.9):.1f} %",
            f"- for comparison, last year's inflow repeated: MAPE {100 * statistics.fmean(naive_errors):.1f} % "
            f"({len(naive_errors)} region-years)",
            f"- waiting list at the end of the year (with the homes actually let put in): MAPE "
            f"{100 * statistics.fmean(waiting_errors):.1f} %, median {100 * statistics.median(waiting_errors):.1f} %, "
            f"mean signed error {100 * statistics.fmean(signed):+.1f} % (positive: forecast too high)",
            f"- actual waiting list within the 80 % band: {inside} of {n} ({100 * inside / n:.0f} %); the band counts "
            "the inflow's variation only, not that of leaving, relapse or housing",
            f"- computing the forecast of all {regions} regions (one query, then Python), as a run does: "
            f"{1000 * min(timings):.0f} ms (best of 3; load average {os.getloadavg()[0]:.1f} on a shared machine)",
            "- the synthetic inflow is seasonal without a trend (placements/devdata/synthetic/outflow.py), so this "
            "measures the method's noise, not how it follows a real trend",
        ],
    )


if __name__ == "__main__":
    main()

"""Nightly recompute at the scale of BENCH_DATABASE_URL, against the floor in bench/floor.sql.

Usage: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/weerthuis_bench python bench/recompute.py [--runs 3]
"""

import argparse
import statistics
import time

from common import ROOT, record, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.utils import timezone

    from placements.figures.services import queue_run, run_figures

    today = timezone.localdate()
    app = []
    for _ in range(args.runs):
        run = run_figures(run_id=queue_run(region_id=None, as_of=today).pk)
        assert run.status == "succeeded" and run.duration_ms is not None, run.error
        app.append(run.duration_ms / 1000)
    floor_sql = (
        (ROOT / "bench" / "floor.sql").read_text()
        .replace(":'today'", f"'{today.isoformat()}'")
        .replace(":y1", str(today.year - 1)).replace(":y2", str(today.year))
    )  # fmt: skip
    floors = []
    with connection.cursor() as cursor:
        for _ in range(args.runs):
            cursor.execute(
                "DROP TABLE IF EXISTS floor_quota, floor_dispersion, floor_flow, floor_buildings, floor_forecast, "
                "floor_forecast_inflow"
            )
            started = time.monotonic()
            cursor.execute(floor_sql)
            floors.append(time.monotonic() - started)
        checks = {
            "quota": """SELECT count(*) FROM (
                (SELECT region_id, corporation_id, year, quota, realised, in_progress, reserved_unused, pro_rata_target, status, projection FROM floor_quota
                 EXCEPT SELECT region_id, corporation_id, year, quota, realised, in_progress, reserved_unused, pro_rata_target, status, projection FROM placements_quotafigure)
                UNION ALL
                (SELECT region_id, corporation_id, year, quota, realised, in_progress, reserved_unused, pro_rata_target, status, projection FROM placements_quotafigure
                 EXCEPT SELECT region_id, corporation_id, year, quota, realised, in_progress, reserved_unused, pro_rata_target, status, projection FROM floor_quota)) x""",
            "dispersion": """SELECT count(*) FROM (
                (SELECT neighbourhood_id, year, placements, rate FROM floor_dispersion EXCEPT SELECT neighbourhood_id, year, placements, rate FROM placements_dispersionfigure)
                UNION ALL
                (SELECT neighbourhood_id, year, placements, rate FROM placements_dispersionfigure EXCEPT SELECT neighbourhood_id, year, placements, rate FROM floor_dispersion)) x""",
            "buildings": """SELECT count(*) FROM (
                (SELECT corporation_id, building_code, neighbourhood_id, year, placements, active FROM floor_buildings
                 WHERE placements > 0 OR (active > 0 AND year = EXTRACT(YEAR FROM now()))
                 EXCEPT SELECT corporation_id, building_code, neighbourhood_id, year, placements, active FROM placements_buildingfigure)
                UNION ALL
                (SELECT corporation_id, building_code, neighbourhood_id, year, placements, active FROM placements_buildingfigure
                 EXCEPT SELECT corporation_id, building_code, neighbourhood_id, year, placements, active FROM floor_buildings)) x""",
            "flow": """SELECT count(*) FROM (
                (SELECT region_id, month, newly_ready, housed, median_days, waiting_end FROM floor_flow EXCEPT SELECT region_id, month, newly_ready, housed, median_days, waiting_end FROM placements_flowfigure)
                UNION ALL
                (SELECT region_id, month, newly_ready, housed, median_days, waiting_end FROM placements_flowfigure EXCEPT SELECT region_id, month, newly_ready, housed, median_days, waiting_end FROM floor_flow)) x""",
            # The forecast's inputs it stores (the rest is arithmetic on them in Python), of next year: the newest.
            "forecast": """SELECT count(*) FROM (
                (SELECT region_id, waiting_now, pace FROM floor_forecast
                 EXCEPT SELECT region_id, waiting_now, pace FROM placements_forecastfigure WHERE year = (SELECT max(year) FROM placements_forecastfigure))
                UNION ALL
                (SELECT region_id, waiting_now, pace FROM placements_forecastfigure WHERE year = (SELECT max(year) FROM placements_forecastfigure)
                 EXCEPT SELECT region_id, waiting_now, pace FROM floor_forecast)) x""",
        }
        differences = {}
        for name, sql in checks.items():
            cursor.execute(sql)
            differences[name] = cursor.fetchone()[0]
    best_app, best_floor = min(app), min(floors)
    record(
        "Nightly recompute",
        "BENCH_DATABASE_URL=… python bench/recompute.py --runs " + str(args.runs),
        [
            f"- application (placements.figures.services.run_figures, all regions, {today.year - 1}–{today.year}): "
            f"best {best_app:.2f} s, median {statistics.median(app):.2f} s over {len(app)} runs "
            f"(rows: {run.rows})",
            f"- floor (bench/floor.sql, the four figure tables and the forecast's inputs as SELECTs into temp tables): best {best_floor:.2f} s, "
            f"median {statistics.median(floors):.2f} s",
            f"- ratio application ÷ floor: {best_app / best_floor:.2f}",
            f"- rows that differ between floor and application: {differences}",
            "- target: ≤ 30 s and ≤ 3× the floor",
        ],
    )


if __name__ == "__main__":
    main()

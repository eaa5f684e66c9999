"""Report generation time for the largest region (most placements) of BENCH_DATABASE_URL: XLSX and PDF.

Usage: BENCH_DATABASE_URL=… python bench/reports.py [--runs 5]
"""

import argparse
import statistics
import time

from common import largest_region, record, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    from django.utils import timezone

    from placements.figures.services import queue_run, run_figures
    from placements.models import FigureRun
    from placements.reporting.build import build_report
    from placements.reporting.csv import report_csv
    from placements.reporting.pdf import report_pdf
    from placements.reporting.xlsx import report_xlsx

    if not FigureRun.objects.filter(status="succeeded").exists():
        run_figures(run_id=queue_run(region_id=None).pk)
    region, clients = largest_region()
    year = timezone.localdate().year
    timings: dict[str, list[float]] = {"xlsx": [], "pdf": [], "csv": []}
    sizes = {}
    for _ in range(args.runs):
        for name, write in (
            ("xlsx", report_xlsx),
            ("pdf", report_pdf),
            ("csv", lambda report: report_csv(report, "Spreiding")),
        ):
            started = time.monotonic()
            content = write(build_report(region=region, year=year))
            timings[name].append(time.monotonic() - started)
            sizes[name] = len(content)
    report = build_report(region=region, year=year)
    lines = [f"- region: {region.name} ({clients:,} clients; {len(report.table('Spreiding').rows):,} neighbourhood rows, "
             f"{len(report.table('Complexen').rows):,} building rows), year {year}"]  # fmt: skip
    for name, values in timings.items():
        lines.append(
            f"- {name.upper()} (build + write): best {min(values):.2f} s, median {statistics.median(values):.2f} s, "
            f"{sizes[name]:,} bytes"
        )
    lines.append("- target: XLSX ≤ 2 s, PDF ≤ 5 s for the largest region")
    record(
        "Report generation, largest region", f"BENCH_DATABASE_URL=… python bench/reports.py --runs {args.runs}", lines
    )


if __name__ == "__main__":
    main()

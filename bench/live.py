"""Live update of the largest region at the scale of BENCH_DATABASE_URL: a committed change to one of its homes,
then the region's recompute that the change requests (placements.figures.live), as without a broker (eager: the
run happens right after the commit, in the process that saved).

Reports the run's own duration (claim to published, FigureRun.duration_ms) and the wall time from the commit to
the published figures; the worker's countdown (FIGURES_LIVE_DELAY_SECONDS) comes on top with a broker.

Usage: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/weerthuis_bench python bench/live.py [--runs 5]
"""

import argparse
import os
import statistics
import time

from common import largest_region, record, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"  # the run right after the commit, timed here
    setup_django()
    from django.db import transaction

    from placements.models import Dwelling, FigureRun

    region, clients = largest_region()
    dwelling = Dwelling.objects.filter(region=region).order_by("pk").first()
    assert dwelling is not None, "the largest region has no homes"
    durations, walls = [], []
    for number in range(args.runs):
        last = FigureRun.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        started = time.monotonic()
        with transaction.atomic():
            dwelling.rooms = 1 + number % 5
            dwelling.save(update_fields=["rooms"])
        walls.append(time.monotonic() - started)  # the commit's callbacks ran the run
        (run,) = FigureRun.objects.filter(pk__gt=last)
        assert run.status == "succeeded" and run.region_id == region.pk and run.duration_ms is not None, run.error
        durations.append(run.duration_ms / 1000)
    record(
        "Live update of the largest region",
        f"BENCH_DATABASE_URL=… python bench/live.py --runs {args.runs}",
        [
            f"- region: {region.name} ({clients:,} clients); change: one home's rooms, saved and committed",
            f"- the region's run (claim to published): best {min(durations):.2f} s, "
            f"median {statistics.median(durations):.2f} s over {len(durations)} runs (rows: {run.rows})",
            f"- commit to published figures (eager, no countdown): best {min(walls):.2f} s, "
            f"median {statistics.median(walls):.2f} s",
            "- target: ≤ 2 s for the largest region at national scale",
        ],
    )


if __name__ == "__main__":
    main()

"""Generate the synthetic dataset on BENCH_DATABASE_URL and record how long it took.

Usage: BENCH_DATABASE_URL=… python bench/dataset.py [--scale national] [--seed 1]
"""

import argparse
import time

from common import record, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="national")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    setup_django(require_synthetic=False)  # generate_dataset itself refuses a database with real data
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    call_command("generate_dataset", scale=args.scale, seed=args.seed)
    elapsed = time.monotonic() - started
    record(
        "Synthetic dataset",
        f"BENCH_DATABASE_URL=… python bench/dataset.py --scale {args.scale} --seed {args.seed}",
        [
            f"- generate_dataset --scale {args.scale} --seed {args.seed}: {elapsed:.1f} s (target ≤ 5 minutes at national scale)"
        ],
    )


if __name__ == "__main__":
    main()

"""Import time of a region's spreadsheet of 10,000 reserved homes, as its coordinator: reading the upload, the
preview (every row checked by the home form) and the confirmed import (every row written in one transaction),
then the same file uploaded again (every row unchanged). Everything is rolled back at the end, so the dataset
stays as it was.

Usage: BENCH_DATABASE_URL=… python bench/imports.py [--rows 10000]
"""

import argparse
import csv
import io
import time

from common import largest_region, record, setup_django


def homes_file(rows: int) -> bytes:
    """A CSV as Excel writes it on a Dutch machine (';', Dutch dates and amounts), at addresses no home holds."""
    from django.db.models import Q

    from placements.models import Dwelling
    from regions.models import Neighbourhood, Organisation

    region, _clients = largest_region()
    neighbourhoods = list(Neighbourhood.objects.filter(municipality__region=region).order_by("pk")[:200])
    corporations = list(
        Organisation.objects.filter(kind=Organisation.Kind.CORPORATION, regions=region).order_by("pk")[:10]
    )
    used = set(Dwelling.objects.filter(Q(postcode__endswith="XQ")).values_list("postcode", flat=True))
    postcodes = [f"{n} XQ" for n in range(1000, 10000) if f"{n} XQ" not in used]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        ["Corporatie", "Wijk of buurt", "Straat", "Huisnummer", "Toevoeging", "Postcode", "Plaats", "Soort woning",
         "Kamers", "Kale huur per maand", "Gelijkvloers", "Toegankelijk", "Gereserveerd op", "Beschikbaar vanaf"]
    )  # fmt: skip
    for n in range(rows):
        writer.writerow(
            [corporations[n % len(corporations)].name, neighbourhoods[n % len(neighbourhoods)].cbs_code,
             "Importstraat", n % 100 + 1, "", postcodes[n // 100], "Importdorp", "Zelfstandige woning",
             n % 4 + 1, f"{600 + n % 300},50", "ja" if n % 5 == 0 else "nee", "nee", "15-01-2026", "01-03-2026"]
        )  # fmt: skip
    return buffer.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from placements.imports import services

    region, _clients = largest_region()
    user = get_user_model().objects.get(username=f"synth-coordinator-{region.pk:02d}")
    data = homes_file(args.rows)
    timings: dict[str, float] = {}
    with transaction.atomic():
        started = time.monotonic()
        batch = services.create_batch(kind="dwellings", file_name="bench.csv", data=data, by=user)
        timings["read"] = time.monotonic() - started
        started = time.monotonic()
        batch = services.check_batch(batch_id=batch.pk)
        timings["preview"] = time.monotonic() - started
        assert batch.counts.get("new") == args.rows, (batch.file_errors, batch.counts, batch.outcomes[:2])
        started = time.monotonic()
        assert services.confirm_batch(batch_id=batch.pk, by=user)
        batch = services.import_batch(batch_id=batch.pk)
        timings["import"] = time.monotonic() - started
        assert batch.status == "done", batch.error
        started = time.monotonic()
        again = services.create_batch(kind="dwellings", file_name="bench.csv", data=data, by=user)
        again = services.check_batch(batch_id=again.pk)
        timings["again"] = time.monotonic() - started
        assert again.counts.get("unchanged") == args.rows, again.counts
        transaction.set_rollback(True)  # leave the dataset as it was
    total = timings["read"] + timings["preview"] + timings["import"]
    record(
        "Import of 10,000 homes",
        f"BENCH_DATABASE_URL=… python bench/imports.py --rows {args.rows}",
        [
            f"- {args.rows:,} homes of {region.name} as its coordinator, CSV of {len(data) / 1024:.0f} KiB, "
            "checked and imported in-process (the work of the Celery tasks), rolled back afterwards",
            f"- upload read and stored: {timings['read']:.1f} s; preview (every row checked): {timings['preview']:.1f} s; "
            f"confirm (every row written, one transaction): {timings['import']:.1f} s",
            f"- **upload + preview + confirm: {total:.1f} s** (target ≤ 30 s)",
            f"- the same file again (read and preview, every row unchanged): {timings['again']:.1f} s",
        ],
    )


if __name__ == "__main__":
    main()

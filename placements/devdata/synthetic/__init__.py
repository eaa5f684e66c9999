"""Deterministic synthetic data at national, regional or small scale, for benchmarks and load tests.

Shape: regions of very different size (Zipf-like weights), skewed neighbourhood stock (log-normal, some
unknown or zero), seasonal readiness (more clients ready in spring and autumn), waiting times that vary per
region, declined and cancelled proposals before most move-ins, relapses and ended aftercare, and some proposals
still open today. Every region is marked `synthetic`, every organisation and user name says so, and the
generator refuses to run on a database that holds any non-synthetic region: synthetic data never mixes with
real data. Rows are written with PostgreSQL COPY; history triggers are switched off for the load
(`session_replication_role = replica`, which needs a superuser, as the local and CI PostgreSQL users are)."""

import random
from collections.abc import Callable
from datetime import date

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from placements.devdata.synthetic.common import BENCH_PASSWORD, SCALES, TRUNCATE, Load, RealDataPresent, Scale
from placements.devdata.synthetic.outflow import (
    make_agreements,
    make_cases,
    make_dwellings,
    make_placements,
    simulate_outflow,
)
from placements.devdata.synthetic.parties import make_dispersion_rules, make_organisations, make_regions, make_users
from regions.models import Region

__all__ = ["BENCH_PASSWORD", "SCALES", "RealDataPresent", "Scale", "generate"]


def generate(
    *, scale_name: str, seed: int, today: date | None = None, log: Callable[[str], object] = print
) -> dict[str, int]:
    """Replace the (synthetic) contents of the database with a fresh dataset; returns row counts per table."""
    if Region.objects.filter(synthetic=False).exists():
        raise RealDataPresent(
            "Deze database bevat echte (niet-synthetische) regio's. Genereer synthetische gegevens alleen in een "
            "eigen database (zet DATABASE_URL op een lege database)."
        )
    with transaction.atomic(), connection.cursor() as cursor:
        load = Load(cursor, random.Random(seed), SCALES[scale_name], today or timezone.localdate())
        _empty(cursor)
        geography = make_regions(load)
        parties = make_organisations(load, geography)
        make_dispersion_rules(load)
        users = make_users(load.scale, parties)
        outflow = simulate_outflow(load, geography, parties, users)
        make_dwellings(load, outflow.homes, geography)
        make_cases(load, outflow.cases)
        make_placements(load, outflow, geography)
        load.copy("placements_referencecounter", ["id", "region_id", "year", "last"], outflow.counters)
        make_agreements(load, outflow, geography)
        _restart_sequences(cursor)
    with connection.cursor() as cursor:
        # As autovacuum would after a bulk load: statistics, and the visibility map for index-only counts.
        cursor.execute("VACUUM (ANALYZE) placements_dwelling, placements_outflowcase, placements_placement")
        cursor.execute("ANALYZE")
    log(", ".join(f"{table.split('_', 1)[1]} {n:,}" for table, n in load.counts.items()))
    return load.counts


def _empty(cursor: CursorWrapper) -> None:
    cursor.execute("TRUNCATE " + ", ".join(TRUNCATE) + " RESTART IDENTITY CASCADE")
    get_user_model().objects.filter(username__startswith="synth-").delete()
    cursor.execute("SET LOCAL session_replication_role = replica")  # no history triggers during the load


def _restart_sequences(cursor: CursorWrapper) -> None:
    """History triggers back on, and each table's id sequence past the ids written."""
    cursor.execute("SET LOCAL session_replication_role = origin")
    for table in ("regions_region", "regions_municipality", "regions_neighbourhood", "regions_organisation",
                  "regions_organisation_regions", "regions_dispersionrule", "placements_dwelling", "placements_outflowcase",
                  "placements_placement", "placements_referencecounter", "regions_agreement"):  # fmt: skip
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")  # noqa: S608

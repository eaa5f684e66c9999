"""What the steps of the synthetic dataset share: scales, the load (cursor, random generator, counts) and COPY."""

import io
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.db.backends.utils import CursorWrapper


@dataclass(frozen=True)
class Scale:
    regions: int
    municipalities: int
    neighbourhoods: int
    corporations: int
    providers: int
    homes: int
    clients: int
    years: int = 8


SCALES = {
    "national": Scale(45, 342, 12_000, 280, 1_000, 150_000, 200_000),
    "regional": Scale(1, 8, 300, 8, 20, 4_000, 5_000),
    "small": Scale(2, 6, 40, 4, 4, 400, 500),
}
TRUNCATE = [
    "placements_accesslogentry", "placements_quotafigure", "placements_dispersionfigure", "placements_buildingfigure",
    "placements_flowfigure", "placements_forecastfigure", "placements_figurerun", "placements_placement",
    "placements_outflowcase_preferred_municipalities",
    "placements_outflowcase", "placements_dwelling", "placements_referencecounter", "regions_municipalityquota",
    "regions_agreement", "regions_dispersionrule", "regions_membership", "regions_organisation_regions",
    "regions_organisation", "regions_neighbourhood", "regions_municipality", "regions_region",
    "placements_dwellingevent", "placements_outflowcaseevent", "placements_placementevent", "pghistory_context",
]  # fmt: skip
CLOSED_REASONS = {"relapsed": "relapse", "aftercare_ended": "aftercare_ended"}  # a placement's end closes the case
BENCH_PASSWORD = "synthetisch-wachtwoord"  # noqa: S105 - published; synthetic users exist only in bench databases


class RealDataPresent(Exception):
    pass


def split(total: int, weights: list[float], minimum: int = 1) -> list[int]:
    """Split `total` over `weights` proportionally, each at least `minimum`, summing exactly to total."""
    scale = sum(weights)
    counts = [max(minimum, int(total * w / scale)) for w in weights]
    i = 0
    while sum(counts) != total:
        step = 1 if sum(counts) < total else -1
        if counts[i % len(counts)] + step >= minimum:
            counts[i % len(counts)] += step
        i += 1
    return counts


def copy_rows(cursor: CursorWrapper, table: str, columns: list[str], rows: Iterable[Sequence[object]]) -> int:
    buffer = io.StringIO()
    n = 0
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
        n += 1
    buffer.seek(0)
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)
    return n


@dataclass
class Load:
    """What the steps of one generation share: the cursor they write with, the one random source (the steps draw
    from it in a fixed order, so a seed gives the same data), the scale, the last day of the data, and the rows
    written per table."""

    cursor: CursorWrapper
    rng: random.Random
    scale: Scale
    today: date
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def first_day(self) -> date:
        return date(self.today.year - self.scale.years + 1, 1, 1)

    def copy(self, table: str, columns: list[str], rows: Iterable[Sequence[object]]) -> None:
        self.counts[table] = copy_rows(self.cursor, table, columns, rows)


def moment(day: date) -> str:
    return datetime.combine(day, datetime.min.time(), UTC).replace(hour=9).isoformat()

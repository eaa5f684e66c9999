"""Deterministic synthetic data at national, regional or small scale, for benchmarks and load tests.

Shape: regions of very different size (Zipf-like weights), skewed neighbourhood stock (log-normal, some
unknown or zero), seasonal readiness (more clients ready in spring and autumn), waiting times that vary per
region, declined and cancelled proposals before most move-ins, relapses and ended aftercare, and some proposals
still open today. Every region is marked `synthetic`, every organisation and user name says so, and the
generator refuses to run on a database that holds any non-synthetic region: synthetic data never mixes with
real data. Rows are written with PostgreSQL COPY; history triggers are switched off for the load
(`session_replication_role = replica`, which needs a superuser, as the local and CI PostgreSQL users are)."""

import io
import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from regions.models import Membership, Region


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
    "placements_flowfigure", "placements_figurerun", "placements_placement", "placements_outflowcase_preferred_municipalities",
    "placements_outflowcase", "placements_dwelling", "placements_referencecounter", "regions_municipalityquota",
    "regions_agreement", "regions_dispersionrule", "regions_membership", "regions_organisation_regions",
    "regions_organisation", "regions_neighbourhood", "regions_municipality", "regions_region",
    "placements_dwellingevent", "placements_outflowcaseevent", "placements_placementevent", "pghistory_context",
]  # fmt: skip
CLOSED_REASONS = {"relapsed": "relapse", "aftercare_ended": "aftercare_ended"}  # a placement's end closes the case
BENCH_PASSWORD = "synthetisch-wachtwoord"  # noqa: S105 - published; synthetic users exist only in bench databases


class RealDataPresent(Exception):
    pass


def _split(total: int, weights: list[float], minimum: int = 1) -> list[int]:
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


def _copy(cursor: CursorWrapper, table: str, columns: list[str], rows: Iterable[Sequence[object]]) -> int:
    buffer = io.StringIO()
    n = 0
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
        n += 1
    buffer.seek(0)
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)
    return n


@dataclass
class _Load:
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
        self.counts[table] = _copy(self.cursor, table, columns, rows)


@dataclass
class _Geography:
    """Where things are: the regions' weights (their relative size), centres and neighbourhoods."""

    region_weights: list[float]  # by region id - 1
    centres: dict[int, int]  # region id → its first municipality
    hood_region: dict[int, int]
    hood_municipality: dict[int, int]
    hoods_by_region: dict[int, list[int]]
    hood_weight: dict[int, int]  # the social-rent stock; 50 where it is unknown or 0


@dataclass
class _Parties:
    """The organisations of each region: its coordinating municipality, its corporations and care providers."""

    coordinator_org: dict[int, int] = field(default_factory=dict)
    corporations: dict[int, list[int]] = field(default_factory=dict)
    providers: dict[int, list[int]] = field(default_factory=dict)


@dataclass
class _Home:
    id: int
    corporation_id: int
    neighbourhood_id: int
    reserved_on: date
    status: str = "reserved"


class _PlacementRow(NamedTuple):
    dwelling_id: int
    case_id: int
    status: str
    proposed_on: date
    moved_in_on: date | None
    ended_on: date | None
    decline_reason: str
    declined_by: str
    proposed_by_id: int


@dataclass
class _Outflow:
    """The homes, clients, placements and reference counters of every region, as rows to copy."""

    homes: list[_Home] = field(default_factory=list)
    cases: list[tuple[object, ...]] = field(default_factory=list)
    placements: list[_PlacementRow] = field(default_factory=list)
    counters: list[tuple[int, int, int, int]] = field(default_factory=list)


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
        load = _Load(cursor, random.Random(seed), SCALES[scale_name], today or timezone.localdate())
        _empty(cursor)
        geography = _regions(load)
        parties = _organisations(load, geography)
        _dispersion_rules(load)
        users = _users(load.scale, parties)
        outflow = _outflow(load, geography, parties, users)
        _dwellings(load, outflow.homes, geography)
        _cases(load, outflow.cases)
        _placements(load, outflow, geography)
        load.copy("placements_referencecounter", ["id", "region_id", "year", "last"], outflow.counters)
        _agreements(load, outflow, geography)
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


def _regions(load: _Load) -> _Geography:
    """Regions of very different size (Zipf-like weights, shuffled), then their municipalities and
    neighbourhoods."""
    weights = [1 / (rank + 1) ** 0.9 for rank in range(load.scale.regions)]
    load.rng.shuffle(weights)
    load.copy(
        "regions_region", ["id", "name", "code", "synthetic"],
        ((r + 1, f"Synthetische regio {r + 1:02d}", f"SY{chr(65 + r // 26)}{chr(65 + r % 26)}", "t") for r in range(load.scale.regions)),
    )  # fmt: skip
    municipalities = _municipalities(load, weights)
    return _neighbourhoods(load, weights, municipalities)


def _municipalities(load: _Load, weights: list[float]) -> list[tuple[int, str, str, int]]:
    """Municipalities spread over the regions by weight; a region's first municipality is its centre."""
    municipalities: list[tuple[int, str, str, int]] = []
    for r, n in enumerate(_split(load.scale.municipalities, weights)):
        for _ in range(n):
            m = len(municipalities) + 1
            municipalities.append((m, f"GM{2000 + m:04d}", f"Synthetische gemeente {m}", r + 1))
    load.copy("regions_municipality", ["id", "cbs_code", "name", "region_id"], municipalities)
    centres = _centres(municipalities)
    load.cursor.execute(
        "UPDATE regions_region r SET centre_municipality_id = c.m FROM (VALUES "  # noqa: S608 - integers generated here
        + ",".join(f"({rid},{m})" for rid, m in centres.items())
        + ") AS c(rid, m) WHERE r.id = c.rid"
    )
    return municipalities


def _centres(municipalities: list[tuple[int, str, str, int]]) -> dict[int, int]:
    centres: dict[int, int] = {}
    for m, _code, _name, region_id in municipalities:
        centres.setdefault(region_id, m)
    return centres


def _neighbourhoods(load: _Load, weights: list[float], municipalities: list[tuple[int, str, str, int]]) -> _Geography:
    """Neighbourhoods spread over the municipalities by region weight and chance, with a skewed social-rent stock
    (log-normal; some unknown or zero)."""
    rng, region_weights = load.rng, {r + 1: weights[r] for r in range(load.scale.regions)}
    muni_weights = [region_weights[region] * rng.lognormvariate(0, 0.6) for _, _, _, region in municipalities]
    hoods: list[tuple[int, str, str, int, int | None, int | None]] = []
    hood_region, hood_muni = {}, {}
    for (m, code, _name, region_id), n in zip(
        municipalities, _split(load.scale.neighbourhoods, muni_weights), strict=True
    ):
        for i in range(n):
            h = len(hoods) + 1
            stock = _stock(rng)
            hoods.append(
                (
                    h,
                    f"BU{code[2:]}{i // 100:02d}{i % 100:02d}",
                    f"Buurt {h}",
                    m,
                    stock,
                    None if stock is None else load.today.year - 1,
                )
            )
            hood_region[h], hood_muni[h] = region_id, m
    load.copy(
        "regions_neighbourhood", ["id", "cbs_code", "name", "municipality_id", "social_rent_stock", "stock_year"], hoods
    )
    hoods_by_region: dict[int, list[int]] = {}
    for h, region_id in hood_region.items():
        hoods_by_region.setdefault(region_id, []).append(h)
    return _Geography(
        region_weights=weights,
        centres=_centres(municipalities),
        hood_region=hood_region,
        hood_municipality=hood_muni,
        hoods_by_region=hoods_by_region,
        hood_weight={h[0]: (h[4] or 50) for h in hoods},
    )


def _stock(rng: random.Random) -> int | None:
    roll = rng.random()
    return None if roll < 0.04 else (0 if roll < 0.05 else int(rng.lognormvariate(6.3, 0.9)))


def _organisations(load: _Load, geography: _Geography) -> _Parties:
    """A municipality per region (the centre) that coordinates, and corporations and care providers by region size."""
    organisations: list[tuple[int, str, str, int | None, str]] = []
    org_regions: list[tuple[int, int, int]] = []
    parties = _Parties()
    for r in range(1, load.scale.regions + 1):
        o = len(organisations) + 1
        organisations.append((o, f"Synthetische gemeente-regie {r:02d}", "municipality", geography.centres[r], ""))
        org_regions.append((len(org_regions) + 1, o, r))
        parties.coordinator_org[r] = o
    for kind, total, bucket in (
        ("corporation", load.scale.corporations, parties.corporations),
        ("care_provider", load.scale.providers, parties.providers),
    ):
        label = "corporatie" if kind == "corporation" else "zorgaanbieder"
        for r, n in enumerate(_split(total, geography.region_weights), 1):
            for _ in range(n):
                o = len(organisations) + 1
                organisations.append((o, f"Synthetische {label} {o}", kind, None, f"org{o}@synthetisch.invalid"))
                org_regions.append((len(org_regions) + 1, o, r))
                bucket.setdefault(r, []).append(o)
    load.copy("regions_organisation", ["id", "name", "kind", "municipality_id", "contact_email"], organisations)
    load.copy("regions_organisation_regions", ["id", "organisation_id", "region_id"], org_regions)
    return parties


def _dispersion_rules(load: _Load) -> None:
    load.copy(
        "regions_dispersionrule",
        ["id", "region_id", "year", "max_new_per_neighbourhood", "max_per_thousand_stock", "max_active_per_building", "mode"],
        ((r, r, None, 10, "6.00", 3, "block" if r % 3 == 0 else "warn") for r in range(1, load.scale.regions + 1)),
    )  # fmt: skip


def _users(scale: Scale, parties: _Parties) -> dict[tuple[str, int], int]:
    """One synthetic user per role for each region, to log in for load tests; returns their ids by role and region."""
    User = get_user_model()
    password = make_password(BENCH_PASSWORD)
    users: dict[tuple[str, int], int] = {}
    for r in range(1, scale.regions + 1):
        for role, org in (
            (Membership.Role.COORDINATOR, parties.coordinator_org[r]),
            (Membership.Role.MANAGER, parties.coordinator_org[r]),
            (Membership.Role.CORPORATION_STAFF, parties.corporations[r][0]),
            (Membership.Role.CARE_WORKER, parties.providers[r][0]),
        ):
            user = User.objects.create(username=f"synth-{role}-{r:02d}", password=password, first_name="Synthetisch")
            Membership.objects.create(user=user, organisation_id=org, role=role)
            users[(role, r)] = user.pk
    return users


def _outflow(load: _Load, geography: _Geography, parties: _Parties, users: dict[tuple[str, int], int]) -> _Outflow:
    """Region by region: reserve homes, make clients ready, and house them in the order their wait ends."""
    homes_per_region = _split(load.scale.homes, geography.region_weights)
    clients_per_region = _split(load.scale.clients, geography.region_weights)
    outflow = _Outflow()
    for r in range(1, load.scale.regions + 1):
        region_homes = _reserve_homes(
            load, geography, parties.corporations[r], r, homes_per_region[r - 1], len(outflow.homes)
        )
        wait_median = load.rng.uniform(45, 200)  # regions differ in how fast they house people
        region_cases = _ready_clients(load, clients_per_region[r - 1], len(outflow.cases))
        placer = _Placer(load, _HomePool(region_homes), users[(Membership.Role.COORDINATOR, r)], outflow.placements)
        for when, case_id, ready in _housing_days(load.rng, region_cases, wait_median):
            status, closed_reason, closed_on = placer.place(case_id, ready, when)
            outflow.cases.append(
                _case_row(load.rng, r, parties.providers[r], case_id, ready, status, closed_reason, closed_on)
            )
        for home in region_homes:
            if home.status == "reserved" and load.rng.random() < 0.04:
                home.status = "withdrawn"
        outflow.homes.extend(region_homes)
        outflow.counters += _reference_counters(r, region_cases, start=len(outflow.counters))
    return outflow


def _reserve_homes(
    load: _Load, geography: _Geography, corporations: list[int], region_id: int, n: int, ids_before: int
) -> list[_Home]:
    """A region's homes, spread over its neighbourhoods by stock and its corporations by rank, in the order they
    were reserved."""
    rng, days = load.rng, (load.today - load.first_day).days
    hoods = geography.hoods_by_region[region_id]
    hood_w = [geography.hood_weight[h] for h in hoods]
    corp_w = [1 / (i + 1) for i in range(len(corporations))]
    homes = []
    for i in range(n):
        hood = rng.choices(hoods, hood_w)[0]
        reserved = load.first_day + timedelta(days=rng.randrange(max(1, days - 20)))
        homes.append(_Home(ids_before + i + 1, rng.choices(corporations, corp_w)[0], hood, reserved))
    homes.sort(key=lambda home: home.reserved_on)
    return homes


def _ready_clients(load: _Load, n: int, ids_before: int) -> list[tuple[int, date]]:
    """A region's clients and the day each became ready to move out: more in spring and autumn."""
    rng, days = load.rng, (load.today - load.first_day).days
    cases = []
    for i in range(n):
        while True:
            ready = load.first_day + timedelta(days=rng.randrange(days))
            if rng.random() < 0.75 + 0.25 * math.sin((ready.timetuple().tm_yday / 365) * 4 * math.pi):
                break
        cases.append((ids_before + i + 1, ready))
    return cases


def _housing_days(
    rng: random.Random, cases: list[tuple[int, date]], wait_median: float
) -> list[tuple[date, int, date]]:
    """The day each client's wait ends (log-normal around the region's median), earliest first."""
    days = []
    for case_id, ready in cases:
        wait = int(rng.lognormvariate(math.log(wait_median), 0.7))
        days.append((ready + timedelta(days=wait), case_id, ready))
    days.sort(key=lambda day: day[0])
    return days


class _HomePool:
    """A region's homes that can be proposed: each joins once its reservation date has passed, except every
    ninth, which stays in reserve (or is withdrawn)."""

    def __init__(self, homes: list[_Home]) -> None:
        self.homes, self.joined = homes, 0
        self.free: list[_Home] = []

    def open_until(self, day: date) -> list[_Home]:
        while self.joined < len(self.homes) and self.homes[self.joined].reserved_on <= day:
            if self.homes[self.joined].id % 9:
                self.free.append(self.homes[self.joined])
            self.joined += 1
        return self.free


@dataclass
class _Placer:
    """Decides what became of each client of a region, in the order their wait ends: withdrawn, housed (mostly
    after a declined or cancelled proposal; some relapse, most finish aftercare), proposed a home today, or still
    waiting. Every placement it makes is added to `placements`."""

    load: _Load
    pool: _HomePool
    coordinator: int
    placements: list[_PlacementRow]

    def place(self, case_id: int, ready: date, when: date) -> tuple[str, str, date | None]:
        """The client's status, closing reason and closing day."""
        rng, today = self.load.rng, self.load.today
        if rng.random() < 0.08 and ready + timedelta(days=60) <= today:
            return "closed", "withdrawn", ready + timedelta(days=rng.randint(30, 60))
        moved = self._move_in(case_id, when) if when <= today else None
        if moved is not None:
            outcome, ended = moved
            return ("housed", "", None) if outcome == "moved_in" else ("closed", CLOSED_REASONS[outcome], ended)
        if ready <= today and rng.random() < 0.35 and self._propose_today(case_id):
            return "matched", "", None
        return "waiting", "", None

    def _move_in(self, case_id: int, when: date) -> tuple[str, date | None] | None:
        """The key handover on the day the wait ends, if a home is free: the placement's outcome and end."""
        rng, free = self.load.rng, self.pool.open_until(when)
        if not (len(free) >= 2 and rng.random() < 0.88):  # some wait on: no suitable home yet
            return None
        if rng.random() < 0.62:  # an earlier proposal that was declined (or, rarely, cancelled)
            self._turned_down(case_id, free[rng.randrange(len(free))], when)
        home = free.pop(rng.randrange(len(free)))
        home.status = "let"
        outcome, ended = self._outcome(when)
        proposed = when - timedelta(days=rng.randint(7, 40))
        self.placements.append(
            _PlacementRow(home.id, case_id, outcome, proposed, when, ended, "", "", self.coordinator)
        )
        return outcome, ended

    def _turned_down(self, case_id: int, home: _Home, when: date) -> None:
        """A proposal of another home, some weeks before the move, that the corporation declined (or, rarely, that
        was cancelled); the home stays free."""
        rng = self.load.rng
        proposed = when - timedelta(days=rng.randint(20, 60))
        if rng.random() < 0.85:
            reason = rng.choice(["unsuitable_home", "client_not_ready", "nuisance_risk", "rent_not_affordable"])
            row = _PlacementRow(
                home.id, case_id, "declined", proposed, None, None, reason, "corporation", self.coordinator
            )
        else:
            row = _PlacementRow(home.id, case_id, "cancelled", proposed, None, None, "", "", self.coordinator)
        self.placements.append(row)

    def _outcome(self, moved_in: date) -> tuple[str, date | None]:
        """Relapse (if it has happened by today), aftercare ended after a year, or still in the home."""
        rng, today = self.load.rng, self.load.today
        roll = rng.random()
        if roll < 0.08:
            ended = moved_in + timedelta(days=rng.randint(20, 700))
            return ("relapsed", ended) if ended <= today else ("moved_in", None)
        if roll < 0.6 and moved_in + timedelta(days=365) <= today:
            return "aftercare_ended", moved_in + timedelta(days=365)
        return "moved_in", None

    def _propose_today(self, case_id: int) -> bool:
        """An open proposal today, if a home is free."""
        rng, today = self.load.rng, self.load.today
        free = self.pool.open_until(today)
        if not free:
            return False
        home = free.pop(rng.randrange(len(free)))
        home.status = "offered"
        status = rng.choice(["proposed", "accepted"])
        proposed = today - timedelta(days=rng.randint(0, 25))
        self.placements.append(_PlacementRow(home.id, case_id, status, proposed, None, None, "", "", self.coordinator))
        return True


def _case_row(
    rng: random.Random,
    region_id: int,
    providers: list[int],
    case_id: int,
    ready: date,
    status: str,
    closed_reason: str,
    closed_on: date | None,
) -> tuple[object, ...]:
    """A client's row: who they are (drawn here), where they stand, and when they were registered (ready)."""
    return (case_id, f"S{region_id:03d}-{ready.year}-{case_id:06d}", providers[case_id % len(providers)], region_id,
            rng.choice(["bw", "bw", "mo", "mo", "ggz", "other"]), rng.choice(["youth", "adult", "adult", "adult", "family", "senior"]),
            1 if rng.random() < 0.8 else rng.randint(2, 5), rng.choice(["none", "light", "light", "intensive", "housing_first"]),
            "f", "f", 1, ready, "none", "{}", status, closed_reason, closed_on, _moment(ready), _moment(ready))  # fmt: skip


def _reference_counters(
    region_id: int, cases: list[tuple[int, date]], *, start: int
) -> list[tuple[int, int, int, int]]:
    """The last reference number per year of readiness, as the counter would hold it."""
    years: dict[int, int] = {}
    for _case_id, ready in cases:
        years[ready.year] = years.get(ready.year, 0) + 1
    return [(start + i, region_id, year, n) for i, (year, n) in enumerate(sorted(years.items()), 1)]


def _cases(load: _Load, cases: list[tuple[object, ...]]) -> None:
    load.copy(
        "placements_outflowcase",
        ["id", "reference", "care_provider_id", "region_id", "origin", "target_group", "household_size", "support_level",
         "needs_ground_floor", "needs_accessible", "min_rooms", "ready_on", "urgency", "barriers", "status", "closed_reason",
         "closed_on", "created_at", "updated_at"],
        cases,
    )  # fmt: skip


def _dwellings(load: _Load, homes: list[_Home], geography: _Geography) -> None:
    load.copy(
        "placements_dwelling",
        ["id", "corporation_id", "neighbourhood_id", "region_id", "postcode", "house_number", "house_number_addition", "street", "place",
         "building_code", "kind", "rooms", "rent_cents", "ground_floor", "accessible", "reserved_on", "available_from", "status",
         "created_at", "updated_at"],
        (_dwelling_row(home, geography) for home in homes),
    )  # fmt: skip


def _dwelling_row(home: _Home, geography: _Geography) -> tuple[object, ...]:
    """A home's row: its address and features follow from its id, so they need no random draws."""
    h, hood = home.id, home.neighbourhood_id
    return (h, home.corporation_id, hood, geography.hood_region[hood], f"{1000 + h % 9000} {chr(65 + h % 26)}{chr(65 + (h // 26) % 26)}",
            h, "", f"Synthetische straat {hood}", f"Plaats {geography.hood_municipality[hood]}", f"C{hood}-{h % 2}" if h % 3 else "",
            "independent" if h % 10 else "room", 1 + h % 4, 45_000 + (h * 7919) % 40_000, "t" if h % 4 == 0 else "f",
            "t" if h % 9 == 0 else "f", home.reserved_on, home.reserved_on + timedelta(days=14), home.status,
            _moment(home.reserved_on), _moment(home.reserved_on))  # fmt: skip


def _placements(load: _Load, outflow: _Outflow, geography: _Geography) -> None:
    home_region = {h.id: geography.hood_region[h.neighbourhood_id] for h in outflow.homes}  # the triggers are off
    load.copy(
        "placements_placement",
        ["id", "dwelling_id", "region_id", "case_id", "status", "proposed_at", "moved_in_on", "ended_on", "decline_reason",
         "declined_by", "proposed_by_id", "decision_note", "support_arrangement", "override_reason", "dispersion_snapshot",
         "decided_at"],
        ((i, p.dwelling_id, home_region[p.dwelling_id], p.case_id, p.status, _moment(p.proposed_on), p.moved_in_on, p.ended_on,
          p.decline_reason, p.declined_by, p.proposed_by_id, "", "", "", "{}",
          _moment(p.proposed_on + timedelta(days=3)) if p.status != "proposed" else None) for i, p in enumerate(outflow.placements, 1)),
    )  # fmt: skip


def _agreements(load: _Load, outflow: _Outflow, geography: _Geography) -> None:
    """A quota per region, corporation and year of 90 to 140 % of the homes let that year."""
    seen: dict[tuple[int, int, int], int] = {}
    for p in outflow.placements:
        if p.moved_in_on is not None:
            home = outflow.homes[p.dwelling_id - 1]
            key = (geography.hood_region[home.neighbourhood_id], home.corporation_id, p.moved_in_on.year)
            seen[key] = seen.get(key, 0) + 1
    agreements = [
        (i, region_id, corp, year, max(1, int(n * load.rng.uniform(0.9, 1.4))), "0.80", "")
        for i, ((region_id, corp, year), n) in enumerate(sorted(seen.items()), 1)
    ]
    load.copy(
        "regions_agreement",
        ["id", "region_id", "corporation_id", "year", "quota", "approaching_share", "note"],
        agreements,
    )


def _restart_sequences(cursor: CursorWrapper) -> None:
    """History triggers back on, and each table's id sequence past the ids written."""
    cursor.execute("SET LOCAL session_replication_role = origin")
    for table in ("regions_region", "regions_municipality", "regions_neighbourhood", "regions_organisation",
                  "regions_organisation_regions", "regions_dispersionrule", "placements_dwelling", "placements_outflowcase",
                  "placements_placement", "placements_referencecounter", "regions_agreement"):  # fmt: skip
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")  # noqa: S608


def _moment(day: date) -> str:
    return datetime.combine(day, datetime.min.time(), UTC).replace(hour=9).isoformat()

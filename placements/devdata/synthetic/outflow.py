"""The synthetic outflow: reserved homes, clients ready to move out, their placements over the years, and the
agreements that follow from them."""

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from placements.devdata.synthetic.common import CLOSED_REASONS, Load, moment, split
from placements.devdata.synthetic.parties import Geography, Parties
from regions.models import Membership


@dataclass
class Home:
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
class Outflow:
    """The homes, clients, placements and reference counters of every region, as rows to copy."""

    homes: list[Home] = field(default_factory=list)
    cases: list[tuple[object, ...]] = field(default_factory=list)
    placements: list[_PlacementRow] = field(default_factory=list)
    counters: list[tuple[int, int, int, int]] = field(default_factory=list)


def simulate_outflow(load: Load, geography: Geography, parties: Parties, users: dict[tuple[str, int], int]) -> Outflow:
    """Region by region: reserve homes, make clients ready, and house them in the order their wait ends."""
    homes_per_region = split(load.scale.homes, geography.region_weights)
    clients_per_region = split(load.scale.clients, geography.region_weights)
    outflow = Outflow()
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
    load: Load, geography: Geography, corporations: list[int], region_id: int, n: int, ids_before: int
) -> list[Home]:
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
        homes.append(Home(ids_before + i + 1, rng.choices(corporations, corp_w)[0], hood, reserved))
    homes.sort(key=lambda home: home.reserved_on)
    return homes


def _ready_clients(load: Load, n: int, ids_before: int) -> list[tuple[int, date]]:
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

    def __init__(self, homes: list[Home]) -> None:
        self.homes, self.joined = homes, 0
        self.free: list[Home] = []

    def open_until(self, day: date) -> list[Home]:
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

    load: Load
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

    def _turned_down(self, case_id: int, home: Home, when: date) -> None:
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
            "f", "f", 1, ready, "none", "{}", status, closed_reason, closed_on, moment(ready), moment(ready))  # fmt: skip


def _reference_counters(
    region_id: int, cases: list[tuple[int, date]], *, start: int
) -> list[tuple[int, int, int, int]]:
    """The last reference number per year of readiness, as the counter would hold it."""
    years: dict[int, int] = {}
    for _case_id, ready in cases:
        years[ready.year] = years.get(ready.year, 0) + 1
    return [(start + i, region_id, year, n) for i, (year, n) in enumerate(sorted(years.items()), 1)]


def make_cases(load: Load, cases: list[tuple[object, ...]]) -> None:
    load.copy(
        "placements_outflowcase",
        ["id", "reference", "care_provider_id", "region_id", "origin", "target_group", "household_size", "support_level",
         "needs_ground_floor", "needs_accessible", "min_rooms", "ready_on", "urgency", "barriers", "status", "closed_reason",
         "closed_on", "created_at", "updated_at"],
        cases,
    )  # fmt: skip


def make_dwellings(load: Load, homes: list[Home], geography: Geography) -> None:
    load.copy(
        "placements_dwelling",
        ["id", "corporation_id", "neighbourhood_id", "region_id", "postcode", "house_number", "house_number_addition", "street", "place",
         "building_code", "kind", "rooms", "rent_cents", "ground_floor", "accessible", "reserved_on", "available_from", "status",
         "created_at", "updated_at"],
        (_dwelling_row(home, geography) for home in homes),
    )  # fmt: skip


def _dwelling_row(home: Home, geography: Geography) -> tuple[object, ...]:
    """A home's row: its address and features follow from its id, so they need no random draws."""
    h, hood = home.id, home.neighbourhood_id
    return (h, home.corporation_id, hood, geography.hood_region[hood], f"{1000 + h % 9000} {chr(65 + h % 26)}{chr(65 + (h // 26) % 26)}",
            h, "", f"Synthetische straat {hood}", f"Plaats {geography.hood_municipality[hood]}", f"C{hood}-{h % 2}" if h % 3 else "",
            "independent" if h % 10 else "room", 1 + h % 4, 45_000 + (h * 7919) % 40_000, "t" if h % 4 == 0 else "f",
            "t" if h % 9 == 0 else "f", home.reserved_on, home.reserved_on + timedelta(days=14), home.status,
            moment(home.reserved_on), moment(home.reserved_on))  # fmt: skip


def make_placements(load: Load, outflow: Outflow, geography: Geography) -> None:
    home_region = {h.id: geography.hood_region[h.neighbourhood_id] for h in outflow.homes}  # the triggers are off
    load.copy(
        "placements_placement",
        ["id", "dwelling_id", "region_id", "case_id", "status", "proposed_at", "moved_in_on", "ended_on", "decline_reason",
         "declined_by", "proposed_by_id", "decision_note", "support_arrangement", "override_reason", "dispersion_snapshot",
         "decided_at"],
        ((i, p.dwelling_id, home_region[p.dwelling_id], p.case_id, p.status, moment(p.proposed_on), p.moved_in_on, p.ended_on,
          p.decline_reason, p.declined_by, p.proposed_by_id, "", "", "", "{}",
          moment(p.proposed_on + timedelta(days=3)) if p.status != "proposed" else None) for i, p in enumerate(outflow.placements, 1)),
    )  # fmt: skip


def make_agreements(load: Load, outflow: Outflow, geography: Geography) -> None:
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

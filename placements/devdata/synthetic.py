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
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
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


def _copy(cursor, table: str, columns: list[str], rows) -> int:
    buffer = io.StringIO()
    n = 0
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
        n += 1
    buffer.seek(0)
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)
    return n


def generate(*, scale_name: str, seed: int, today: date | None = None, log=print) -> dict[str, int]:
    """Replace the (synthetic) contents of the database with a fresh dataset; returns row counts per table."""
    if Region.objects.filter(synthetic=False).exists():
        raise RealDataPresent(
            "Deze database bevat echte (niet-synthetische) regio's. Genereer synthetische gegevens alleen in een "
            "eigen database (zet DATABASE_URL op een lege database)."
        )
    scale, rng, today = SCALES[scale_name], random.Random(seed), today or timezone.localdate()
    first_day = date(today.year - scale.years + 1, 1, 1)
    counts: dict[str, int] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(TRUNCATE) + " RESTART IDENTITY CASCADE")
        get_user_model().objects.filter(username__startswith="synth-").delete()
        cursor.execute("SET LOCAL session_replication_role = replica")  # no history triggers during the load
        weights = [1 / (rank + 1) ** 0.9 for rank in range(scale.regions)]
        rng.shuffle(weights)
        muni_per_region = _split(scale.municipalities, weights)
        counts["regions_region"] = _copy(
            cursor, "regions_region", ["id", "name", "code", "synthetic"],
            ((r + 1, f"Synthetische regio {r + 1:02d}", f"SY{chr(65 + r // 26)}{chr(65 + r % 26)}", "t") for r in range(scale.regions)),
        )  # fmt: skip
        municipalities, municipality_region = [], {}
        for r, n in enumerate(muni_per_region):
            for _ in range(n):
                m = len(municipalities) + 1
                municipalities.append((m, f"GM{2000 + m:04d}", f"Synthetische gemeente {m}", r + 1))
                municipality_region[m] = r + 1
        counts["regions_municipality"] = _copy(
            cursor, "regions_municipality", ["id", "cbs_code", "name", "region_id"], municipalities
        )
        centres = {}
        for m, _code, _name, region_id in municipalities:
            centres.setdefault(region_id, m)
        cursor.execute(
            "UPDATE regions_region r SET centre_municipality_id = c.m FROM (VALUES "  # noqa: S608 - integers generated here
            + ",".join(f"({rid},{m})" for rid, m in centres.items())
            + ") AS c(rid, m) WHERE r.id = c.rid"
        )
        region_weights = {r + 1: weights[r] for r in range(scale.regions)}
        muni_weights = [region_weights[region] * rng.lognormvariate(0, 0.6) for _, _, _, region in municipalities]
        hoods_per_muni = _split(scale.neighbourhoods, muni_weights)
        hoods, hood_region, hood_muni = [], {}, {}
        for (m, code, _name, region_id), n in zip(municipalities, hoods_per_muni, strict=True):
            for i in range(n):
                h = len(hoods) + 1
                roll = rng.random()
                stock = None if roll < 0.04 else (0 if roll < 0.05 else int(rng.lognormvariate(6.3, 0.9)))
                hoods.append(
                    (
                        h,
                        f"BU{code[2:]}{i // 100:02d}{i % 100:02d}",
                        f"Buurt {h}",
                        m,
                        stock,
                        None if stock is None else today.year - 1,
                    )
                )
                hood_region[h], hood_muni[h] = region_id, m
        counts["regions_neighbourhood"] = _copy(
            cursor, "regions_neighbourhood", ["id", "cbs_code", "name", "municipality_id", "social_rent_stock", "stock_year"], hoods
        )  # fmt: skip
        hoods_by_region: dict[int, list[int]] = {}
        hood_weight = {h[0]: (h[4] or 50) for h in hoods}
        for h, region_id in hood_region.items():
            hoods_by_region.setdefault(region_id, []).append(h)

        # Organisations: a municipality per region (the centre), corporations and care providers by region size.
        organisations, org_regions = [], []
        coordinator_org = {}
        for r in range(1, scale.regions + 1):
            o = len(organisations) + 1
            organisations.append((o, f"Synthetische gemeente-regie {r:02d}", "municipality", centres[r], ""))
            org_regions.append((len(org_regions) + 1, o, r))
            coordinator_org[r] = o
        corps_by_region: dict[int, list[int]] = {}
        providers_by_region: dict[int, list[int]] = {}
        for kind, total, bucket in (
            ("corporation", scale.corporations, corps_by_region),
            ("care_provider", scale.providers, providers_by_region),
        ):
            per_region = _split(total, weights)
            for r, n in enumerate(per_region, 1):
                for _ in range(n):
                    o = len(organisations) + 1
                    label = "corporatie" if kind == "corporation" else "zorgaanbieder"
                    organisations.append((o, f"Synthetische {label} {o}", kind, None, f"org{o}@synthetisch.invalid"))
                    org_regions.append((len(org_regions) + 1, o, r))
                    bucket.setdefault(r, []).append(o)
        counts["regions_organisation"] = _copy(
            cursor, "regions_organisation", ["id", "name", "kind", "municipality_id", "contact_email"], organisations
        )
        counts["regions_organisation_regions"] = _copy(
            cursor, "regions_organisation_regions", ["id", "organisation_id", "region_id"], org_regions
        )
        counts["regions_dispersionrule"] = _copy(
            cursor, "regions_dispersionrule",
            ["id", "region_id", "year", "max_new_per_neighbourhood", "max_per_thousand_stock", "max_active_per_building", "mode"],
            ((r, r, None, 10, "6.00", 3, "block" if r % 3 == 0 else "warn") for r in range(1, scale.regions + 1)),
        )  # fmt: skip

        # Users: one synthetic user per role for each region, to log in for load tests.
        User = get_user_model()
        password = make_password(BENCH_PASSWORD)
        users = {}
        for r in range(1, scale.regions + 1):
            for role, org in (
                (Membership.Role.COORDINATOR, coordinator_org[r]),
                (Membership.Role.MANAGER, coordinator_org[r]),
                (Membership.Role.CORPORATION_STAFF, corps_by_region[r][0]),
                (Membership.Role.CARE_WORKER, providers_by_region[r][0]),
            ):
                user = User.objects.create(
                    username=f"synth-{role}-{r:02d}", password=password, first_name="Synthetisch"
                )
                Membership.objects.create(user=user, organisation_id=org, role=role)
                users[(role, r)] = user.pk

        # Homes, spread over regions by weight and over neighbourhoods by stock.
        homes_per_region = _split(scale.homes, weights)
        clients_per_region = _split(scale.clients, weights)
        homes, placements, cases, counters = [], [], [], []
        days = (today - first_day).days
        for r in range(1, scale.regions + 1):
            region_hoods = hoods_by_region[r]
            hood_w = [hood_weight[h] for h in region_hoods]
            corps = corps_by_region[r]
            corp_w = [1 / (i + 1) for i in range(len(corps))]
            region_homes = []
            for _ in range(homes_per_region[r - 1]):
                hood = rng.choices(region_hoods, hood_w)[0]
                reserved = first_day + timedelta(days=rng.randrange(max(1, days - 20)))
                region_homes.append(
                    [len(homes) + len(region_homes) + 1, rng.choices(corps, corp_w)[0], hood, reserved, "reserved"]
                )
            region_homes.sort(key=lambda h: h[3])
            pool, pointer = [], 0
            wait_median = rng.uniform(45, 200)  # regions differ in how fast they house people
            region_cases = []
            for _ in range(clients_per_region[r - 1]):
                # Seasonal readiness: more in spring and autumn.
                while True:
                    ready = first_day + timedelta(days=rng.randrange(days))
                    if rng.random() < 0.75 + 0.25 * math.sin((ready.timetuple().tm_yday / 365) * 4 * math.pi):
                        break
                region_cases.append([len(cases) + len(region_cases) + 1, ready])
            events = []
            for case in region_cases:
                wait = int(rng.lognormvariate(math.log(wait_median), 0.7))
                events.append((case[1] + timedelta(days=wait), case))
            events.sort(key=lambda e: e[0])
            coordinator = users[(Membership.Role.COORDINATOR, r)]
            for when, case in events:
                case_id, ready = case
                status, closed_reason, closed_on = "waiting", "", None
                if rng.random() < 0.08 and ready + timedelta(days=60) <= today:
                    status, closed_reason, closed_on = (
                        "closed",
                        "withdrawn",
                        ready + timedelta(days=rng.randint(30, 60)),
                    )
                elif when <= today:
                    while pointer < len(region_homes) and region_homes[pointer][3] <= when:
                        if region_homes[pointer][0] % 9:  # every ninth home stays in reserve (or is withdrawn)
                            pool.append(region_homes[pointer])
                        pointer += 1
                    if len(pool) >= 2 and rng.random() < 0.88:  # some wait on: no suitable home yet
                        if rng.random() < 0.62:  # an earlier proposal that was declined (or, rarely, cancelled)
                            other = pool[rng.randrange(len(pool))]
                            proposed = when - timedelta(days=rng.randint(20, 60))
                            declined = rng.random() < 0.85
                            placements.append((other[0], case_id, "declined" if declined else "cancelled", proposed, None, None,
                                               rng.choice(["unsuitable_home", "client_not_ready", "nuisance_risk", "rent_not_affordable"]) if declined else "",
                                               "corporation" if declined else "", coordinator))  # fmt: skip
                        home = pool.pop(rng.randrange(len(pool)))
                        home[4] = "let"
                        outcome, ended = "moved_in", None
                        roll = rng.random()
                        if roll < 0.08:
                            ended = when + timedelta(days=rng.randint(20, 700))
                            outcome = "relapsed" if ended <= today else "moved_in"
                        elif roll < 0.6 and when + timedelta(days=365) <= today:
                            outcome, ended = "aftercare_ended", when + timedelta(days=365)
                        if outcome == "moved_in":
                            ended = None
                        placements.append(
                            (
                                home[0],
                                case_id,
                                outcome,
                                when - timedelta(days=rng.randint(7, 40)),
                                when,
                                ended,
                                "",
                                "",
                                coordinator,
                            )
                        )
                        status = "closed" if outcome != "moved_in" else "housed"
                        closed_reason = {"relapsed": "relapse", "aftercare_ended": "aftercare_ended"}.get(outcome, "")
                        closed_on = ended if outcome != "moved_in" else None
                if status == "waiting" and ready <= today and rng.random() < 0.35:
                    while pointer < len(region_homes) and region_homes[pointer][3] <= today:
                        if region_homes[pointer][0] % 9:
                            pool.append(region_homes[pointer])
                        pointer += 1
                    if pool:  # an open proposal today
                        home = pool.pop(rng.randrange(len(pool)))
                        home[4] = "offered"
                        placements.append(
                            (
                                home[0],
                                case_id,
                                rng.choice(["proposed", "accepted"]),
                                today - timedelta(days=rng.randint(0, 25)),
                                None,
                                None,
                                "",
                                "",
                                coordinator,
                            )
                        )
                        status = "matched"
                cases.append((case_id, f"S{r:03d}-{ready.year}-{case_id:06d}", providers_by_region[r][case_id % len(providers_by_region[r])], r,
                              rng.choice(["bw", "bw", "mo", "mo", "ggz", "other"]), rng.choice(["youth", "adult", "adult", "adult", "family", "senior"]),
                              1 if rng.random() < 0.8 else rng.randint(2, 5), rng.choice(["none", "light", "light", "intensive", "housing_first"]),
                              "f", "f", 1, ready, "none", "{}", status, closed_reason, closed_on))  # fmt: skip
            for home in region_homes:
                if home[4] == "reserved" and rng.random() < 0.04:
                    home[4] = "withdrawn"
            homes.extend(region_homes)
            years = {}
            for case in region_cases:
                years[case[1].year] = years.get(case[1].year, 0) + 1
            start = len(counters)
            counters += [(start + i, r, year, n) for i, (year, n) in enumerate(sorted(years.items()), 1)]
        counts["placements_dwelling"] = _copy(
            cursor, "placements_dwelling",
            ["id", "corporation_id", "neighbourhood_id", "region_id", "postcode", "house_number", "house_number_addition", "street", "place",
             "building_code", "kind", "rooms", "rent_cents", "ground_floor", "accessible", "reserved_on", "available_from", "status",
             "created_at", "updated_at"],
            ((h[0], h[1], h[2], hood_region[h[2]], f"{1000 + h[0] % 9000} {chr(65 + h[0] % 26)}{chr(65 + (h[0] // 26) % 26)}", h[0], "", f"Synthetische straat {h[2]}",
              f"Plaats {hood_muni[h[2]]}", f"C{h[2]}-{h[0] % 2}" if h[0] % 3 else "", "independent" if h[0] % 10 else "room",
              1 + h[0] % 4, 45_000 + (h[0] * 7919) % 40_000, "t" if h[0] % 4 == 0 else "f", "t" if h[0] % 9 == 0 else "f",
              h[3], h[3] + timedelta(days=14), h[4], _moment(h[3]), _moment(h[3])) for h in homes),
        )  # fmt: skip
        counts["placements_outflowcase"] = _copy(
            cursor, "placements_outflowcase",
            ["id", "reference", "care_provider_id", "region_id", "origin", "target_group", "household_size", "support_level",
             "needs_ground_floor", "needs_accessible", "min_rooms", "ready_on", "urgency", "barriers", "status", "closed_reason",
             "closed_on", "created_at", "updated_at"],
            ((*c, _moment(c[11]), _moment(c[11])) for c in cases),
        )  # fmt: skip
        home_region = {h[0]: hood_region[h[2]] for h in homes}  # the triggers that would set it are off
        counts["placements_placement"] = _copy(
            cursor, "placements_placement",
            ["id", "dwelling_id", "region_id", "case_id", "status", "proposed_at", "moved_in_on", "ended_on", "decline_reason",
             "declined_by", "proposed_by_id", "decision_note", "support_arrangement", "override_reason", "dispersion_snapshot",
             "decided_at"],
            ((i, p[0], home_region[p[0]], p[1], p[2], _moment(p[3]), p[4], p[5], p[6], p[7], p[8], "", "", "", "{}",
              _moment(p[3] + timedelta(days=3)) if p[2] != "proposed" else None) for i, p in enumerate(placements, 1)),
        )  # fmt: skip
        counts["placements_referencecounter"] = _copy(
            cursor, "placements_referencecounter", ["id", "region_id", "year", "last"], counters
        )
        agreements, seen = [], {}
        for p in placements:
            if p[4] is not None:
                home = homes[p[0] - 1]
                key = (hood_region[home[2]], home[1], p[4].year)
                seen[key] = seen.get(key, 0) + 1
        for (region_id, corp, year), n in sorted(seen.items()):
            agreements.append(
                (len(agreements) + 1, region_id, corp, year, max(1, int(n * rng.uniform(0.9, 1.4))), "0.80", "")
            )
        counts["regions_agreement"] = _copy(
            cursor,
            "regions_agreement",
            ["id", "region_id", "corporation_id", "year", "quota", "approaching_share", "note"],
            agreements,
        )
        cursor.execute("SET LOCAL session_replication_role = origin")
        for table in ("regions_region", "regions_municipality", "regions_neighbourhood", "regions_organisation",
                      "regions_organisation_regions", "regions_dispersionrule", "placements_dwelling", "placements_outflowcase",
                      "placements_placement", "placements_referencecounter", "regions_agreement"):  # fmt: skip
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")  # noqa: S608
    with connection.cursor() as cursor:
        # As autovacuum would after a bulk load: statistics, and the visibility map for index-only counts.
        cursor.execute("VACUUM (ANALYZE) placements_dwelling, placements_outflowcase, placements_placement")
        cursor.execute("ANALYZE")
    log(", ".join(f"{table.split('_', 1)[1]} {n:,}" for table, n in counts.items()))
    return counts


def _moment(day: date) -> str:
    return datetime.combine(day, datetime.min.time(), UTC).replace(hour=9).isoformat()

"""The synthetic regions, municipalities, neighbourhoods, organisations, dispersion rules and users."""

import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from placements.devdata.synthetic.common import BENCH_PASSWORD, Load, Scale, split
from regions.models import Membership


@dataclass
class Geography:
    """Where things are: the regions' weights (their relative size), centres and neighbourhoods."""

    region_weights: list[float]  # by region id - 1
    centres: dict[int, int]  # region id → its first municipality
    hood_region: dict[int, int]
    hood_municipality: dict[int, int]
    hoods_by_region: dict[int, list[int]]
    hood_weight: dict[int, int]  # the social-rent stock; 50 where it is unknown or 0


@dataclass
class Parties:
    """The organisations of each region: its coordinating municipality, its corporations and care providers."""

    coordinator_org: dict[int, int] = field(default_factory=dict)
    corporations: dict[int, list[int]] = field(default_factory=dict)
    providers: dict[int, list[int]] = field(default_factory=dict)


def make_regions(load: Load) -> Geography:
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


def _municipalities(load: Load, weights: list[float]) -> list[tuple[int, str, str, int]]:
    """Municipalities spread over the regions by weight; a region's first municipality is its centre."""
    municipalities: list[tuple[int, str, str, int]] = []
    for r, n in enumerate(split(load.scale.municipalities, weights)):
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


def _neighbourhoods(load: Load, weights: list[float], municipalities: list[tuple[int, str, str, int]]) -> Geography:
    """Neighbourhoods spread over the municipalities by region weight and chance, with a skewed social-rent stock
    (log-normal; some unknown or zero)."""
    rng, region_weights = load.rng, {r + 1: weights[r] for r in range(load.scale.regions)}
    muni_weights = [region_weights[region] * rng.lognormvariate(0, 0.6) for _, _, _, region in municipalities]
    hoods: list[tuple[int, str, str, int, int | None, int | None]] = []
    hood_region, hood_muni = {}, {}
    for (m, code, _name, region_id), n in zip(
        municipalities, split(load.scale.neighbourhoods, muni_weights), strict=True
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
    return Geography(
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


def make_organisations(load: Load, geography: Geography) -> Parties:
    """A municipality per region (the centre) that coordinates, and corporations and care providers by region size."""
    organisations: list[tuple[int, str, str, int | None, str]] = []
    org_regions: list[tuple[int, int, int]] = []
    parties = Parties()
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
        for r, n in enumerate(split(total, geography.region_weights), 1):
            for _ in range(n):
                o = len(organisations) + 1
                organisations.append((o, f"Synthetische {label} {o}", kind, None, f"org{o}@synthetisch.invalid"))
                org_regions.append((len(org_regions) + 1, o, r))
                bucket.setdefault(r, []).append(o)
    load.copy("regions_organisation", ["id", "name", "kind", "municipality_id", "contact_email"], organisations)
    load.copy("regions_organisation_regions", ["id", "organisation_id", "region_id"], org_regions)
    return parties


def make_dispersion_rules(load: Load) -> None:
    load.copy(
        "regions_dispersionrule",
        ["id", "region_id", "year", "max_new_per_neighbourhood", "max_per_thousand_stock", "max_active_per_building", "mode"],
        ((r, r, None, 10, "6.00", 3, "block" if r % 3 == 0 else "warn") for r in range(1, load.scale.regions + 1)),
    )  # fmt: skip


def make_users(scale: Scale, parties: Parties) -> dict[tuple[str, int], int]:
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

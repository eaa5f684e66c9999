"""Migration 0006 (placements/migrations/0006_region_follows_moves.py) adds the triggers that keep the region columns
of homes and placements equal to the region of the home's municipality, and mends the rows that a move made before
those triggers left behind: who sees a home or placement goes by those columns. The test migrates the database
back to 0005, makes such rows the way they came about (a municipality or neighbourhood moved, a home moved to
another neighbourhood), migrates forward and checks the columns; then back and forward again. The database is left
fully migrated, whatever happens, so the tests after it find the schema they expect."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("placements", "0005_placement_region")]
MENDED = [("placements", "0006_region_follows_moves")]


def migrate(targets):
    """Migrate to `targets` and return the historical models (an Apps) of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def apps_at_0005(transactional_db):
    """The historical models at placements 0005; afterwards, even after a failure, the database is migrated to the
    latest state again (before the transactional test empties the tables)."""
    try:
        yield migrate(BEFORE)
    finally:
        migrate(latest())


def make_stale_rows(apps) -> dict:
    """Homes and placements as 0005 leaves them after moves: their region columns name the region they were in."""
    Region = apps.get_model("regions", "Region")
    Municipality = apps.get_model("regions", "Municipality")
    Neighbourhood = apps.get_model("regions", "Neighbourhood")
    Organisation = apps.get_model("regions", "Organisation")
    Dwelling = apps.get_model("placements", "Dwelling")
    OutflowCase = apps.get_model("placements", "OutflowCase")
    Placement = apps.get_model("placements", "Placement")
    User = apps.get_model("auth", "User")

    north, south = Region.objects.create(name="Noord", code="NRD"), Region.objects.create(name="Zuid", code="ZD")
    joins_south = Municipality.objects.create(cbs_code="GM0101", name="Wisselstad", region=north)
    stays = Municipality.objects.create(cbs_code="GM0102", name="Blijfdorp", region=north)
    southern = Municipality.objects.create(cbs_code="GM0201", name="Zuiderdorp", region=south)
    hood = {
        name: Neighbourhood.objects.create(municipality=municipality, cbs_code=code, name=name)
        for name, municipality, code in [
            ("with-its-municipality", joins_south, "WK010101"),
            ("on-its-own", stays, "WK010201"),
            ("unmoved", stays, "WK010202"),
            ("south", southern, "WK020101"),
        ]
    }
    corporation = Organisation.objects.create(name="Corporatie", kind="corporation")
    provider = Organisation.objects.create(name="Zorg", kind="care_provider")
    coordinator = User.objects.create(username="regisseur")

    homes = {}
    for number, name in enumerate(["with-its-municipality", "on-its-own", "home-moved", "unmoved"], 1):
        home = Dwelling.objects.create(
            corporation=corporation, neighbourhood=hood["unmoved" if name == "home-moved" else name],
            postcode="1000 AA", house_number=number, street="Straat", place="Plaats", kind="independent", rooms=2,
            rent_cents=60_000, reserved_on=date(2025, 1, 1), available_from=date(2025, 2, 1), status="offered",
        )  # fmt: skip
        case = OutflowCase.objects.create(
            reference=f"NRD-2025-{number:04d}", care_provider=provider, region=north, origin="mo",
            target_group="adult", household_size=1, support_level="light", ready_on=date(2025, 1, 1),
            status="matched",
        )  # fmt: skip
        Placement.objects.create(
            dwelling=home, case=case, proposed_at=datetime(2025, 3, 1, 10, tzinfo=UTC), proposed_by=coordinator
        )
        homes[name] = home.pk

    # The moves, as the admin or a bulk update made them before 0006: nothing carried the homes' columns along.
    Municipality.objects.filter(pk=joins_south.pk).update(region=south)
    Neighbourhood.objects.filter(pk=hood["on-its-own"].pk).update(municipality=southern)
    # The home's own trigger (0004) follows its neighbourhood, but nothing carried its placement along.
    Dwelling.objects.filter(pk=homes["home-moved"]).update(neighbourhood=hood["south"])
    return {"homes": homes, "north": north.pk, "south": south.pk}


def regions(homes: dict) -> dict:
    """Per home: (the home's region column, its placement's region column), read in SQL as any schema has them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.id, d.region_id, p.region_id FROM placements_dwelling d"
            " JOIN placements_placement p ON p.dwelling_id = d.id"
        )
        columns = {home: (home_region, placement_region) for home, home_region, placement_region in cursor.fetchall()}
    return {name: columns[pk] for name, pk in homes.items()}


@pytest.mark.django_db(transaction=True)
def test_migration_0006_moves_homes_and_placements_left_in_their_old_region(apps_at_0005):
    made = make_stale_rows(apps_at_0005)
    north, south = made["north"], made["south"]
    assert regions(made["homes"]) == {
        "with-its-municipality": (north, north),
        "on-its-own": (north, north),
        "home-moved": (south, north),
        "unmoved": (north, north),
    }

    migrate(MENDED)
    mended = {
        "with-its-municipality": (south, south),
        "on-its-own": (south, south),
        "home-moved": (south, south),
        "unmoved": (north, north),
    }
    assert regions(made["homes"]) == mended

    migrate(BEFORE)  # the reverse leaves the data as it is and drops the triggers
    assert regions(made["homes"]) == mended
    migrate(latest())
    assert regions(made["homes"]) == mended
    # Forward again, the triggers are back: a municipality that moves takes its homes and placements along.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE regions_municipality SET region_id = %s WHERE cbs_code = 'GM0102'", [south])
    assert regions(made["homes"])["unmoved"] == (south, south)

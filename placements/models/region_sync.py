"""Triggers that keep the region columns of homes and placements equal to the region of the home's municipality.

`Dwelling.region` and `Placement.region` are copies, kept so that a coordinator's list reads one index instead of
joining neighbourhood and municipality. They follow, in the database:
- a home's neighbourhood (`Dwelling`'s own BEFORE trigger, in `placements.models.dwellings`);
- a home's region → its placements (`Dwelling`'s AFTER trigger below, and `Placement`'s BEFORE trigger);
- `regions.Neighbourhood.municipality` → the neighbourhood's homes (`NeighbourhoodMove`);
- `regions.Municipality.region` → the municipality's homes (`MunicipalityMove`), whose trigger moves their placements.
The proxies carry triggers on the regions tables, so that the regions app need not know the placements tables."""

import pgtrigger

from regions.models import Municipality, Neighbourhood


def after_change_of(column: str, *, name: str, sql: str) -> pgtrigger.Trigger:
    """A trigger that runs `sql` after an update that changed `column` of the row (`NEW` in `sql`). Any update,
    compared, rather than UPDATE OF: a column set by a BEFORE trigger does not count for UPDATE OF."""
    return pgtrigger.Trigger(
        name=name,
        when=pgtrigger.After,
        operation=pgtrigger.Update,
        condition=pgtrigger.Condition(f"OLD.{column} IS DISTINCT FROM NEW.{column}"),
        func=f"{sql.strip()}\nRETURN NULL;",
    )


class NeighbourhoodMove(Neighbourhood):
    """Carries the trigger that moves a neighbourhood's homes along when it gets another municipality (a proxy:
    pgtrigger installs it on regions' table, and the regions app need not know the placements tables)."""

    class Meta:
        proxy = True
        triggers = [
            after_change_of(
                "municipality_id",
                name="neighbourhood_region_to_dwellings",
                sql="""
                    UPDATE placements_dwelling
                    SET region_id = (SELECT region_id FROM regions_municipality WHERE id = NEW.municipality_id)
                    WHERE neighbourhood_id = NEW.id;
                """,
            ),
        ]


class MunicipalityMove(Municipality):
    """Carries the trigger that moves a municipality's homes along when it joins another region (see
    NeighbourhoodMove); the homes' trigger then moves their placements."""

    class Meta:
        proxy = True
        triggers = [
            after_change_of(
                "region_id",
                name="municipality_region_to_dwellings",
                sql="""
                    UPDATE placements_dwelling d SET region_id = NEW.region_id
                    FROM regions_neighbourhood n
                    WHERE n.id = d.neighbourhood_id AND n.municipality_id = NEW.id;
                """,
            ),
        ]

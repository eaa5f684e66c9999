"""An attacker with every suppressed report of a year (the year, each quarter, each run of quarters) tries the
routes that recovered hidden counts before: derived values beside a hidden count, a row's place in a sorted
table, column totals, the waiting-time classes against the month's waiting count, the summary, and linear
combinations of all published numbers across reports. Nothing is recovered: every hidden count keeps at least
two possible values."""

import itertools
from datetime import date
from decimal import Decimal

import pytest

from placements.models import DispersionFigure, FlowFigure, QuotaFigure
from placements.reporting.disclosure import DERIVED, HIDDEN, NEUTRAL_ORDER, SMALL, SUPPRESSED, WAIT_CLASSES

pytestmark = pytest.mark.django_db

QUARTERS = [(1, 3), (4, 6), (7, 9), (10, 12)]
PERIODS = [(first, last) for (first, _), (_, last) in itertools.combinations_with_replacement(QUARTERS, 2)]
ROW_KEY = {"Contingent": "corporation", "Spreiding": "code", "Complexen": "building", "Doorstroom": "month"}
UNKNOWN_MAX = 400  # a cell hidden as "x" can be anything from 0 to far more than this region's counts


def cells(report):
    """Every count cell by (table, row, column) → what the report shows."""
    return {
        (table.name, str(row[ROW_KEY[table.name]]), column.key): row[column.key]
        for table in report.tables
        for row in table.rows
        for column in table.columns
        if column.kind == "count" or (table.name, column.key) == ("Doorstroom", "waiting_end")
    }


def relations(report):
    """What the report says about sums of its cells: ([(cell, coefficient)], published sum)."""
    found = []

    def plain(cells, total):
        found.append(([(cell, 1) for cell in cells], total))

    for table in report.tables:
        for key, total in (table.totals or {}).items():
            if isinstance(total, int) and any(c.key == key and c.kind == "count" for c in table.columns):
                plain([(table.name, str(row[ROW_KEY[table.name]]), key) for row in table.rows], total)
        if table.name == "Doorstroom":
            for row in table.rows:
                if isinstance(row["waiting_end"], int):
                    plain([("Doorstroom", str(row["month"]), k) for k in WAIT_CLASSES], row["waiting_end"])
    quota, flow = report.table("Contingent"), report.table("Doorstroom")
    summary = {label: value for label, value, _kind in report.summary}
    sums = {"Gerealiseerd": (quota, "realised"), "Lopende voordrachten": (quota, "in_progress"),
            "Nieuw uitstroomklaar in de periode": (flow, "newly_ready"), "Gehuisvest in de periode": (flow, "housed")}  # fmt: skip
    for label, (table, key) in sums.items():
        if isinstance(summary.get(label), int):
            plain([(table.name, str(row[ROW_KEY[table.name]]), key) for row in table.rows], summary[label])
    share = summary.get("Gerealiseerd als deel van het contingent")
    total_quota = summary.get("Contingent (alle corporaties)")
    if isinstance(share, Decimal) and total_quota:
        plain([(quota.name, row["corporation"], "realised") for row in quota.rows], round(share * total_quota))
    # Between tables: all neighbourhoods' placements = realised + in progress of all corporations.
    corporations = [row["corporation"] for row in quota.rows]
    found.append(
        (
            [(("Spreiding", str(row["code"]), "placements"), 1) for row in report.table("Spreiding").rows]
            + [(("Contingent", name, key), -1) for name in corporations for key in ("realised", "in_progress")],
            0,
        )
    )
    return found


def year_relation(reports):
    """Between tables, over the whole year: the housed of all months (from the quarter reports) = realised."""
    months = {str(row["month"]) for one in reports for row in one.table("Doorstroom").rows}
    corporations = [row["corporation"] for row in reports[0].table("Contingent").rows]
    return (
        [(("Doorstroom", month, "housed"), 1) for month in months]
        + [(("Contingent", name, "realised"), -1) for name in corporations],
        0,
    )


def possible_values(shown, constraints):
    """Each hidden cell's possible values, narrowed by every constraint until nothing changes."""
    domains = {cell: set(range(1, 5)) if value == SMALL else set(range(UNKNOWN_MAX)) for cell, value in shown.items()
               if value in SUPPRESSED}  # fmt: skip
    changed = True
    while changed:
        changed = False
        for members, total in constraints:
            known = sum(coefficient * shown[c] for c, coefficient in members if c not in domains)
            hidden = [(c, coefficient) for c, coefficient in members if c in domains]
            for cell, coefficient in hidden:
                reachable = {0}
                for other, other_coefficient in hidden:
                    if other is not cell:
                        reachable = {s + other_coefficient * v for s in reachable for v in domains[other]}
                keep = {v for v in domains[cell] if total - known - coefficient * v in reachable}
                if keep != domains[cell]:
                    domains[cell], changed = keep, True
    return domains


def attack(reports):
    """Every hidden cell that the published numbers of `reports` narrow down to one value."""
    shown, constraints = {}, [year_relation(reports)]
    for one in reports:
        for cell, value in cells(one).items():
            assert shown.setdefault(cell, value) == value, f"{cell} is {value} in one report, {shown[cell]} in another"
        constraints += relations(one)
    domains = possible_values(shown, constraints)
    return shown, {cell: values for cell, values in domains.items() if len(values) < 2}


def test_no_hidden_count_can_be_worked_out_from_all_reports_of_the_year(report):
    shown, recovered = attack([report(suppress=True, first_month=first, last_month=last) for first, last in PERIODS])
    assert sum(1 for value in shown.values() if value == SMALL) >= 5  # the attack has something to attack
    assert not recovered


def test_one_small_count_among_large_ones_stays_hidden_between_tables(report, world):
    """Stored figures where every count but one is large: the quota table, the neighbourhoods and the months then
    publish their sums, and only a hidden cell in each sum keeps corporation B's 2 hidden."""
    region = world["region"]
    realised, in_progress = {"Corporatie B": 2}, {"Corporatie B": 6}
    for figure in QuotaFigure.objects.filter(region=region, year=2024).select_related("corporation"):
        figure.realised = realised.get(figure.corporation.name, 12 if figure.corporation == world["a"] else 7)
        figure.in_progress = in_progress.get(figure.corporation.name, 5 if figure.corporation == world["a"] else 0)
        figure.save()
    total = sum(f.realised + f.in_progress for f in QuotaFigure.objects.filter(region=region, year=2024))
    neighbourhoods = list(DispersionFigure.objects.filter(region=region, year=2024).order_by("pk"))
    for figure in neighbourhoods:
        figure.placements = 0
    neighbourhoods[0].placements = total - 5 * (len(neighbourhoods) - 1)
    for figure in neighbourhoods[1:]:
        figure.placements = 5
    DispersionFigure.objects.bulk_update(neighbourhoods, ["placements"])
    housed = sum(f.realised for f in QuotaFigure.objects.filter(region=region, year=2024))
    counts = {
        field: 0 for field in ("newly_ready", "waiting_end", *WAIT_CLASSES, "relapse_180", "relapse_365", "relapse_730")
    }
    FlowFigure.objects.filter(region=region, month__year=2024).update(housed=0, **counts)
    FlowFigure.objects.filter(region=region, month=date(2024, 1, 1)).update(housed=housed - 7)
    FlowFigure.objects.filter(region=region, month=date(2024, 2, 1)).update(housed=7)

    shown, recovered = attack([report(suppress=True, first_month=first, last_month=last) for first, last in PERIODS])

    assert shown[("Contingent", "Corporatie B", "realised")] == SMALL
    assert not recovered


def test_values_made_from_a_hidden_count_are_hidden_with_it(report):
    built = report(suppress=True)
    for table in built.tables:
        for column in table.columns:
            source = column.depends_on or DERIVED.get((table.name, column.key))
            for row in table.rows:
                if source and row[source] in SUPPRESSED:
                    assert row[column.key] is None, (table.name, column.key, row)


def test_rows_are_in_name_order_not_in_the_order_of_a_hidden_value(report):
    built = report(suppress=True)
    for name, key in NEUTRAL_ORDER.items():
        names = [str(row[key]).casefold() for row in built.table(name).rows]
        assert names == sorted(names), name


def test_a_status_or_signal_beside_a_hidden_count_is_left_out_and_so_is_their_summary(report):
    built = report(suppress=True)
    quota = built.table("Contingent")
    assert [row["status"] for row in quota.rows if row["realised"] == SMALL] == [None, None]
    summary = {label: value for label, value, _kind in built.summary}
    assert summary["Corporaties achter op schema"] is None
    assert summary["Gerealiseerd"] is None and summary["Gerealiseerd als deel van het contingent"] is None


def test_without_suppression_everything_is_shown(report):
    built = report()
    values = [v for table in built.tables for row in table.rows for v in row.values()]
    assert SMALL not in values and HIDDEN not in values

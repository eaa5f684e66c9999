"""An attacker with every suppressed report of a year (the year, each quarter, each run of quarters) tries the
routes that recovered hidden counts before: derived values beside a hidden count, a row's place in a sorted
table, column totals, the waiting-time classes against the month's waiting count, the summary, and linear
combinations of all published numbers across reports. Nothing is recovered: every hidden count keeps at least
two possible values."""

import itertools
from decimal import Decimal

import pytest

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
    """What the report says about sums of its cells: (cells, published sum)."""
    found = []
    for table in report.tables:
        for key, total in (table.totals or {}).items():
            if isinstance(total, int) and any(c.key == key and c.kind == "count" for c in table.columns):
                found.append(([(table.name, str(row[ROW_KEY[table.name]]), key) for row in table.rows], total))
        if table.name == "Doorstroom":
            for row in table.rows:
                if isinstance(row["waiting_end"], int):
                    found.append(([("Doorstroom", str(row["month"]), k) for k in WAIT_CLASSES], row["waiting_end"]))
    quota, flow = report.table("Contingent"), report.table("Doorstroom")
    summary = {label: value for label, value, _kind in report.summary}
    sums = {"Gerealiseerd": (quota, "realised"), "Lopende voordrachten": (quota, "in_progress"),
            "Nieuw uitstroomklaar in de periode": (flow, "newly_ready"), "Gehuisvest in de periode": (flow, "housed")}  # fmt: skip
    for label, (table, key) in sums.items():
        if isinstance(summary.get(label), int):
            found.append(([(table.name, str(row[ROW_KEY[table.name]]), key) for row in table.rows], summary[label]))
    share = summary.get("Gerealiseerd als deel van het contingent")
    total_quota = summary.get("Contingent (alle corporaties)")
    if isinstance(share, Decimal) and total_quota:
        realised = [(quota.name, row["corporation"], "realised") for row in quota.rows]
        found.append((realised, round(share * total_quota)))
    return found


def possible_values(shown, constraints):
    """Each hidden cell's possible values, narrowed by every constraint until nothing changes."""
    domains = {cell: set(range(1, 5)) if value == SMALL else set(range(UNKNOWN_MAX)) for cell, value in shown.items()
               if value in SUPPRESSED}  # fmt: skip
    changed = True
    while changed:
        changed = False
        for members, total in constraints:
            known = sum(shown[c] for c in members if c not in domains)
            hidden = [c for c in members if c in domains]
            for cell in hidden:
                reachable = {0}
                for other in hidden:
                    if other is not cell:
                        reachable = {s + v for s in reachable for v in domains[other] if s + v <= total}
                keep = {v for v in domains[cell] if total - known - v in reachable}
                if keep != domains[cell]:
                    domains[cell], changed = keep, True
    return domains


def test_no_hidden_count_can_be_worked_out_from_all_reports_of_the_year(report):
    reports = [report(suppress=True, first_month=first, last_month=last) for first, last in PERIODS]
    shown, constraints = {}, []
    for one in reports:
        for cell, value in cells(one).items():
            assert shown.setdefault(cell, value) == value, f"{cell} is {value} in one report, {shown[cell]} in another"
        constraints += relations(one)
    domains = possible_values(shown, constraints)
    assert sum(1 for value in shown.values() if value == SMALL) >= 5  # the attack has something to attack
    recovered = {cell: values for cell, values in domains.items() if len(values) < 2}
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

"""Disclosure control of a progress report that leaves the region (`suppress=True`): no count of 1 to 4 people
can be read or worked out from what the report publishes (method and reasoning in docs/figures.md).

1. Primary: every count of people from 1 to 4 is shown as "<5".
2. Derived values go with their count: a percentage, rate, projection, status or signal computed from a hidden
   count is left out (a status "Op schema" beside a target of 3,7 says the count is 4).
3. Relations: a published number that sums hidden cells is hidden too. A column total is shown only when no cell
   of its column is hidden; in a month of the flow table the waiting count is hidden ("x") when one of its waiting
   time classes is; summary lines built on a hidden cell or total are left out.
4. Order: rows are sorted by name, not by a hidden value (a row's place between two shown rates gives its rate).
5. Differencing: with suppression a report covers whole quarters (form), and by 3. a total is published only when
   it equals a sum of published cells, so subtracting two reports of one run yields nothing that is not in them.
6. Between tables: neighbourhoods' placements = realised + in progress (≤ when a proposal open now dates from an
   earlier year); the year's housed = realised. A sum with a
   "<5" gets one more "x" (`_between_tables`).

The tables are changed in place, after `build.py` filled them with the true values."""

from typing import Any, TypeAlias

from django.utils.translation import gettext_lazy as _

# build.ProgressReport and build.Table; not imported, as build imports this module.
ProgressReport: TypeAlias = Any
Table: TypeAlias = Any

SMALL = "<5"
HIDDEN = "x"  # hidden because a published relation would otherwise give away a "<5"
SUPPRESSED = (SMALL, HIDDEN)
# Values computed from a count: (table, column) → the count it comes from.
DERIVED = {
    ("Contingent", "status"): "realised",
    ("Spreiding", "signal"): "placements",
}
# Row relations: in a month, the waiting count is the sum of its waiting-time classes.
WAIT_CLASSES = ("wait_lt_week", "wait_week_month", "wait_1_3_months", "wait_3_6_months", "wait_gt_6_months")
# Neutral order per table when suppressing: by name, never by a count or a figure made from one.
NEUTRAL_ORDER = {"Contingent": "corporation", "Spreiding": "neighbourhood", "Complexen": "building"}
# Summary lines (by label) and what they are made of: (table, column, "total" or "last").
SUMMARY_SOURCES = {
    _("Gerealiseerd"): ("Contingent", "realised", "total"),
    _("Gerealiseerd als deel van het contingent"): ("Contingent", "realised", "total"),
    _("Lopende voordrachten"): ("Contingent", "in_progress", "total"),
    _("Corporaties achter op schema"): ("Contingent", "status", "all"),
    _("Wijken boven de spreidingsnorm"): ("Spreiding", "signal", "all"),
    _("Nieuw uitstroomklaar in de periode"): ("Doorstroom", "newly_ready", "total"),
    _("Gehuisvest in de periode"): ("Doorstroom", "housed", "total"),
    _("Wachtend aan het eind van de periode"): ("Doorstroom", "waiting_end", "last"),
}


def small(value: object) -> object:
    return SMALL if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 5 else value


def suppress_report(report: ProgressReport, *, year_housed: dict | None = None) -> None:
    """Apply the rules of the module docstring to every table and the summary of `report`. `year_housed`: the
    housed count of every month of the report's year (the report may show only some of them)."""
    for table in report.tables:
        _primary(table)
        if table.name == "Doorstroom":
            _waiting_classes(table)
    _between_tables(report, year_housed or {})
    for table in report.tables:
        _derived(table)
        _totals(table)
        if table.name in NEUTRAL_ORDER:
            key = NEUTRAL_ORDER[table.name]
            table.rows.sort(key=lambda row: str(row[key]).casefold())
    report.summary = [_summary_line(report, label, value, kind) for label, value, kind in report.summary]


def _primary(table: Table) -> None:
    for column in table.columns:
        if column.kind == "count":
            for row in table.rows:
                row[column.key] = small(row[column.key])


def _between_tables(report: ProgressReport, year_housed: dict) -> None:
    """Two sums hold between tables: the placements of all neighbourhoods = realised + in progress of all
    corporations, and the housed of the year's months = realised. When either holds a "<5", one more cell of it is
    hidden as "x": the largest shown realised count (the quota table is the same in every report of the year), else
    the largest shown neighbourhood or month. So neither sum pins a hidden count."""
    quota, dispersion, flow = (report.table(name) for name in ("Contingent", "Spreiding", "Doorstroom"))
    months = {month: small(count) for month, count in year_housed.items()}
    realised = [(row, "realised") for row in quota.rows]
    in_progress = [(row, "in_progress") for row in quota.rows]
    placements = [(row, "placements") for row in dispersion.rows]

    def hidden_in(cells: list) -> tuple[bool, bool]:
        values = [row[key] for row, key in cells]
        return SMALL in values, HIDDEN in values

    def hide_largest(cells: list) -> bool:
        shown = [
            (row[key], index) for index, (row, key) in enumerate(cells) if isinstance(row[key], int) and row[key] > 0
        ]
        if not shown:
            return False
        row, key = cells[max(shown)[1]]
        row[key] = HIDDEN
        return True

    neighbourhood_sum = placements + realised + in_progress
    small_there, x_there = hidden_in(neighbourhood_sum)
    housed_small = SMALL in months.values() or hidden_in(realised)[0]
    if (small_there and not x_there) or (housed_small and not hidden_in(realised)[1]):
        hide_largest(realised)
    small_there, x_there = hidden_in(neighbourhood_sum)
    if small_there and not x_there:
        hide_largest(placements) or hide_largest(in_progress)
    if housed_small and not hidden_in(realised)[1] and HIDDEN not in months.values():
        shown = [(count, month) for month, count in months.items() if isinstance(count, int) and count > 0]
        if shown:
            chosen = max(shown)[1]
            for row in flow.rows:
                if row["month"] == chosen:
                    row["housed"] = HIDDEN


def _waiting_classes(table: Table) -> None:
    for row in table.rows:
        if any(row[key] in SUPPRESSED for key in WAIT_CLASSES) and row["waiting_end"] not in SUPPRESSED:
            row["waiting_end"] = HIDDEN


def _derived(table: Table) -> None:
    for column in table.columns:
        source = column.depends_on or DERIVED.get((table.name, column.key))
        if source:
            for row in table.rows:
                if row[source] in SUPPRESSED:
                    row[column.key] = None
    if table.name in ("Spreiding", "Complexen"):  # the flag behind the signal, which a chart would colour
        for row in table.rows:
            if row["signal"] is None:
                row["over"] = None


def _totals(table: Table) -> None:
    if not table.totals:
        return
    for column in table.columns:
        if column.key in table.totals and any(row[column.key] in SUPPRESSED for row in table.rows):
            table.totals[column.key] = HIDDEN
        elif column.key in table.totals and column.kind == "count":
            table.totals[column.key] = small(table.totals[column.key])


def _summary_line(report: ProgressReport, label: str, value: object, kind: str) -> tuple[str, object, str]:
    source = next((spec for text, spec in SUMMARY_SOURCES.items() if str(text) == label), None)
    if source is None:
        return label, value, kind
    table_name, key, how = source
    table = report.table(table_name)
    if how == "total":
        if table.totals:
            hidden = table.totals.get(key) in SUPPRESSED
        else:
            hidden = any(row[key] in SUPPRESSED for row in table.rows)
    elif how == "last":
        hidden = bool(table.rows) and table.rows[-1][key] in SUPPRESSED
    else:  # a count over every row's derived value: hidden when any row's is
        hidden = any(row[key] is None for row in table.rows)
    if hidden:
        return label, None, kind
    return label, small(value) if kind == "count" else value, kind

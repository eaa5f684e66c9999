"""The quota table says how long the oldest open proposal and the longest unused reserved home have been waiting,
at the as-of date; with small numbers hidden, the proposal's age goes with its count."""

import csv
import io

import openpyxl
import pytest

from placements.reporting.csv import report_csv
from placements.reporting.xlsx import report_xlsx

pytestmark = pytest.mark.django_db


def test_the_csv_and_xlsx_quota_tables_give_the_oldest_days(report):
    rows = list(csv.reader(io.StringIO(report_csv(report(), "Contingent").decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    # Corporation B: nothing open; C: a home reserved on 10 January 2024 (world, as of 1 March 2024).
    assert (
        by_name["Corporatie B"]["Lopend: oudste (dagen)"],
        by_name["Corporatie C"]["Ongebruikt: oudste (dagen)"],
    ) == ("–", "51")
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx(report())))["Contingent"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    column = values[0].index("Lopend: oudste (dagen)")
    # Corporation A's oldest open proposal: 20 February 2024, 10 days before the as-of date.
    assert {row[0]: row[column] for row in values[1:-1]}['=HYPERLINK("http://evil.invalid","klik")'] == 10


def test_a_hidden_in_progress_count_hides_its_age(report):
    quota = report(suppress=True).table("Contingent")
    row = next(row for row in quota.rows if row["corporation"].startswith("=HYPERLINK"))
    assert (row["in_progress"], row["in_progress_oldest_days"]) == ("<5", None)

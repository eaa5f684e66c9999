"""The tables of the progress report (placements/reporting/build.py): with suppression, a single hidden count is never
recoverable from the total."""

import pytest

pytestmark = pytest.mark.django_db


def test_complementary_suppression_when_one_small_cell_could_be_recovered(report):
    table = report(suppress=True).table("Doorstroom")
    for key in ("newly_ready", "housed"):
        values = [row[key] for row in table.rows]
        assert values.count("<5") != 1 or "x" in values


@pytest.mark.parametrize(
    ("first", "last", "label", "in_file"),
    [(1, 12, "2024", "2024"), (1, 3, "januari–maart 2024", "2024-01-2024-03"), (5, 5, "mei 2024", "2024-05-2024-05")],
)
def test_the_period_reads_as_months_and_files_sort_by_it(report, first, last, label, in_file):
    built = report(first_month=first, last_month=last)
    assert (built.period, built.period_in_file_name) == (label, in_file)

"""The progress report tables as CSV, read with the csv module."""

import csv
import io

import pytest

from placements.reporting.csv import report_csv

pytestmark = pytest.mark.django_db


def test_csv_has_bom_semicolons_and_neutralised_cells(report):
    content = report_csv(report(), "Contingent")
    assert content.startswith("\ufeff".encode())
    parsed = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert parsed[0][:3] == ["Corporatie", "Contingent", "Gerealiseerd"]
    assert '\'=HYPERLINK("http://evil.invalid","klik")' in [row[0] for row in parsed]
    assert parsed[-1][:3] == ["Totaal", "48", "6"]
    comma = list(csv.reader(io.StringIO(report_csv(report(), "Spreiding", delimiter=",").decode("utf-8-sig"))))
    assert comma[1][0] == "N2" and comma[1][5] == "4,00"  # highest rate first, Dutch decimal comma

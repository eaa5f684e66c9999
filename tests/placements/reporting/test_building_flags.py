"""Buildings over the norm are flagged in every format ("Boven de norm": ja/nee), not only by a row colour on the
dashboard. World's homes of corporation A in N1 form one building with 3 active placements (two moved in, one
proposed) against a maximum of 2; B's home in N3 is a building with 1."""

import csv
import io

import openpyxl
import pytest
from pypdf import PdfReader

from placements.models import Dwelling
from placements.reporting.build import build_report
from placements.reporting.csv import report_csv
from placements.reporting.pdf import report_pdf
from placements.reporting.xlsx import report_xlsx
from regions.models import DispersionRule
from tests.helpers import run_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def buildings(world):
    Dwelling.objects.filter(corporation=world["a"], neighbourhood=world["hoods"]["N1"]).update(building_code="BLOK-1")
    Dwelling.objects.filter(corporation=world["b"], neighbourhood=world["hoods"]["N3"]).update(building_code="BLOK-3")
    DispersionRule.objects.filter(region=world["region"]).update(max_active_per_building=2)
    run_figures()
    return lambda **kw: build_report(region=world["region"], year=2024, **kw)


def test_the_xlsx_building_sheet_has_the_flag(buildings):
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx(buildings())))["Complexen"]
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert table[0][-1] == "Boven de norm"
    assert {row[0]: (row[4], row[5], row[6]) for row in table[1:]} == {
        "BLOK-1": (3, 2, "ja"),
        "BLOK-3": (1, 2, "nee"),
    }


def test_the_csv_building_table_has_the_flag(buildings):
    content = report_csv(buildings(), "Complexen").decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert table[0][6] == "Boven de norm"
    assert {row[0]: row[6] for row in table[1:]} == {"BLOK-1": "ja", "BLOK-3": "nee"}


def test_the_pdf_building_table_has_the_flag(buildings):
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(buildings()))).pages)
    cells = [line.strip() for line in text[text.index("Spreiding per complex") :].splitlines()]
    assert "Boven de norm" in " ".join(cells)  # the header, whole (it wraps between words when it must)
    # The extractor gives one cell per line: building, corporation, neighbourhood, placements, active, max, flag.
    assert cells[cells.index("BLOK-1") : cells.index("BLOK-1") + 7] == [
        "BLOK-1",
        "Corporatie A",
        "N1",
        "2",
        "3",
        "2",
        "ja",
    ]
    assert cells[cells.index("BLOK-3") + 6] == "nee"


def test_a_hidden_active_count_hides_its_flag(buildings):
    table = buildings(suppress=True).table("Complexen")
    assert {row["building"]: (row["active"], row["signal"]) for row in table.rows} == {
        "BLOK-1": ("<5", None),  # "ja" beside "max. 2" would say 3 or 4
        "BLOK-3": ("<5", None),
    }

"""Every file of the progress report states the figures' as-of date (*peildatum*) and the time of the run that
published them; a later run for an earlier date (other years) does not stand for this report's figures."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.utils import timezone
from pypdf import PdfReader

from placements.models import FigureRun
from placements.reporting.csv import report_csv
from placements.reporting.pdf import report_pdf
from placements.reporting.xlsx import report_xlsx
from tests.helpers import run_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def runs(report):
    """World's run as of 1 March 2024 (years 2023–2024), then a run as of 1 June 2021 (years 2020–2021)."""
    current = FigureRun.objects.get()
    earlier = run_figures(as_of=date(2021, 6, 1))
    assert earlier.finished_at > current.finished_at
    return current, report


def stamp(run):
    return timezone.localtime(run.finished_at).strftime("%d-%m-%Y %H:%M")


def test_the_report_is_stamped_with_the_run_of_its_year_not_the_newest_run(runs):
    current, report = runs
    built = report()
    assert (built.figures_as_of, built.figures_at) == (date(2024, 3, 1), current.finished_at)
    assert built.stamp == [("Peildatum", "01-03-2024"), ("Stand van de cijfers", stamp(current))]


def test_the_xlsx_summary_states_the_as_of_date_and_the_run_time(runs):
    current, report = runs
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx(report())))["Samenvatting"]
    assert sheet["A2"].value == "Stand van de cijfers"
    minute = {"second": 0, "microsecond": 0}
    assert sheet["B2"].value.replace(**minute) == timezone.localtime(current.finished_at).replace(tzinfo=None, **minute)
    assert (sheet["A3"].value, sheet["B3"].value.date()) == ("Peildatum", date(2024, 3, 1))
    assert sheet["B3"].number_format == "dd-mm-yyyy"


def test_every_csv_row_states_the_as_of_date_and_the_run_time(runs):
    current, report = runs
    for table in ("Contingent", "Spreiding", "Complexen", "Doorstroom"):
        content = report_csv(report(), table).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(content), delimiter=";"))
        assert rows[0][-2:] == ["Peildatum", "Stand van de cijfers"]
        assert all(row[-2:] == ["01-03-2024", stamp(current)] for row in rows[1:])


def test_every_pdf_page_states_the_as_of_date_and_the_run_time(runs):
    current, report = runs
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(report()))).pages]
    assert "Peildatum: 01-03-2024" in pages[0] and f"Stand van de cijfers: {stamp(current)}" in pages[0]
    for text in pages:
        assert f"Peildatum 01-03-2024 – Stand van de cijfers {stamp(current)}" in text

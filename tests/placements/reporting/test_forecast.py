"""The need forecast (*Prognose*) in every format of the progress report: a sheet, a CSV section, a PDF section; "te
weinig gegevens" where there are too few months; the download only for the region's coordinators and managers."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from placements.figures.forecast import add_months, window_start
from placements.models import OutflowCase
from placements.reporting.build import build_report
from placements.reporting.csv import report_csv
from placements.reporting.pdf import report_pdf
from placements.reporting.xlsx import report_xlsx
from regions.models import Agreement
from tests.factories import OutflowCaseFactory
from tests.helpers import run_figures

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 12, 31)


@pytest.fixture
def history(party):
    """Two clients a month newly ready (one BW, one MO) from December 2023 to November 2025, nobody housed; 12 homes
    agreed for 2026. Expected: 48 waiting now, 24 arriving in 2026, 12 let: 60 at the end of 2026."""
    start = window_start(AS_OF)
    for i in range(24):
        for origin in (OutflowCase.Origin.BW, OutflowCase.Origin.MO):
            OutflowCaseFactory(
                care_provider=party.care_provider, region=party.region, origin=origin, ready_on=add_months(start, i)
            )
    Agreement.objects.create(region=party.region, corporation=party.corporation, year=2026, quota=12)
    run_figures(as_of=AS_OF)
    return lambda **kw: build_report(region=party.region, year=2025, **kw)


def by_item(rows):
    return {row[0]: row[1] for row in rows[1:] if row}


def test_the_workbook_has_a_prognose_sheet_with_numbers(history):
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(history())))
    sheet = book["Prognose"]
    values = by_item([[cell.value for cell in row] for row in sheet.iter_rows()])
    assert values["Wachtend op de peildatum"] == 48
    assert values["Verwachte nieuwe uitstroomklare cliënten in 2026"] == 24
    assert values["waarvan uit Beschermd Wonen (BW)"] == 12
    assert values["Woningen in 2026 (prestatieafspraken van dat jaar)"] == 12
    assert values["Verwachte wachtlijst eind 2026"] == 60
    assert values["80%-band: ondergrens"] < 60 < values["80%-band: bovengrens"]
    assert values["Verwachte mediane wachttijd eind 2026 (dagen)"] == round(60 / 1 * 30.44)
    assert isinstance(values["Benodigde woningen in 2026 voor een mediane wachttijd van 90 dagen"], int)


def test_the_csv_section_reads_the_same(history):
    content = report_csv(history(), "Prognose").decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert parsed[0][:2] == ["Onderdeel", "Waarde"]
    values = by_item(parsed)
    assert values["Verwachte wachtlijst eind 2026"] == "60"
    assert values["Verwachte nieuwe uitstroomklare cliënten in 2026"] == "24,0"  # Dutch decimal comma
    assert values["Terugval binnen 365 dagen"] == "0,0%"


def test_the_pdf_has_a_prognose_section(history):
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(history()))).pages)
    assert "Prognose 2026" in text
    assert "Verwachte wachtlijst eind 2026" in text and "8 van de 10 kansen" in text


def test_too_few_months_say_so_in_every_format(report):
    # The hand-made world starts in July 2023; the report of 2024 shows the forecast for 2025, as of March 2024.
    built = report()
    values = by_item(
        [[c.label for c in built.table("Prognose").columns]]
        + [[r["item"], r["value"]] for r in built.table("Prognose").rows]
    )
    assert values["Prognose"] == "te weinig gegevens voor een prognose"
    assert "Verwachte wachtlijst eind 2025" not in values
    assert "te weinig gegevens voor een prognose" in report_csv(built, "Prognose").decode("utf-8-sig")
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(built)))
    assert "te weinig gegevens voor een prognose" in [c.value for row in book["Prognose"].iter_rows() for c in row]
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(built))).pages)
    assert "te weinig gegevens voor een prognose" in pdf_text


def test_a_report_with_small_numbers_hidden_leaves_the_forecast_out(party):
    """Its rates times the waiting list now (counted on the run's day) would give single people away."""
    for i in range(24):
        ready = add_months(window_start(AS_OF), i)
        OutflowCaseFactory(care_provider=party.care_provider, region=party.region, ready_on=ready,
                           status="closed" if i > 2 else "waiting", closed_reason="withdrawn" if i > 2 else "",
                           closed_on=date(2025, 12, 1) if i > 2 else None)  # fmt: skip
    run_figures(as_of=AS_OF)
    assert build_report(region=party.region, year=2025, suppress=False).table("Prognose").rows
    table = build_report(region=party.region, year=2025, suppress=True).table("Prognose")
    assert (table.rows, table.note) == ([], "Niet opgenomen bij afgeschermde kleine aantallen.")


def test_only_the_regions_coordinators_and_managers_download_it(client, users, world):
    run_figures()
    params = {"region": world["region"].pk, "year": 2024, "first_month": 1, "last_month": 12, "separator": ";"}
    client.force_login(users["coordinator"])
    response = client.get(reverse("placements:report"), {**params, "format": "csv-Prognose"})
    assert response["Content-Type"].startswith("text/csv") and "prognose" in response["Content-Disposition"]
    client.force_login(users["foreign_coordinator"])
    response = client.get(reverse("placements:report"), {**params, "format": "csv-Prognose"})
    assert not response["Content-Type"].startswith("text/csv")  # the form back: not their region

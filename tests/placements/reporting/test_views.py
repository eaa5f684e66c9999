"""The progress report downloads, opened as a user's software would: openpyxl for XLSX, the csv module, and a
PDF text extractor. Built on the hand-made dataset `world` (tests/placements/conftest.py) (as of 1 March 2024)."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from placements.models import AccessLogEntry
from placements.reporting.build import build_report
from placements.reporting.csv import report_csv
from placements.reporting.pdf import report_pdf
from placements.reporting.xlsx import report_xlsx
from tests.helpers import VISITORS, expected_status, run_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world):
    world["a"].name = '=HYPERLINK("http://evil.invalid","klik")'
    world["a"].save()
    run_figures()
    return lambda **kw: build_report(region=world["region"], year=2024, **kw)


def rows(sheet):
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_xlsx_sheets_figures_and_formats(report):
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(report())))
    assert book.sheetnames == ["Samenvatting", "Contingent", "Spreiding", "Complexen", "Doorstroom", "Definities"]
    quota = book["Contingent"]
    assert quota["A1"].value == "Corporatie" and quota.freeze_panes == "B2"
    by_name = {row[0]: row for row in rows(quota)[1:]}
    assert by_name["Corporatie B"][1:4] == [12, 2, 0]
    assert by_name["Corporatie C"][4] == 1
    evil = quota.cell(row=[r[0] for r in rows(quota)].index('=HYPERLINK("http://evil.invalid","klik")') + 1, column=1)
    assert evil.data_type == "s"  # text, never a formula
    pct = quota.cell(row=2, column=6)
    assert pct.number_format == "0.0%" and isinstance(pct.value, float)
    assert quota.column_dimensions["A"].width > 20
    assert rows(quota)[-1][:4] == ["Totaal", 48, 6, 2]
    flow = book["Doorstroom"]
    assert flow.cell(row=2, column=1).number_format == "mmm yyyy"
    assert len(book["Samenvatting"]._charts) == 1
    definitions = " ".join(str(v) for row in rows(book["Definities"]) for v in row if v)
    assert "Naar rato doel" in definitions and "percentiel" in definitions


def test_suppression_hides_small_counts_and_keeps_totals_true(report):
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(report(suppress=True))))
    quota = {row[0]: row for row in rows(book["Contingent"])[1:]}
    assert quota['=HYPERLINK("http://evil.invalid","klik")'][2] == "<5"  # realised 4
    assert quota["Corporatie B"][2] == "<5"  # realised 2
    assert quota["Corporatie B"][5] is None  # its percentage would reveal it
    assert quota["Totaal"][2] == 6  # the true total
    flow = rows(book["Doorstroom"])
    january = flow[1]  # the report's period is 2024
    assert january[3] == "<5"  # 3 housed
    assert not book["Samenvatting"]._charts  # no chart of counts in a suppressed report


def test_complementary_suppression_when_one_small_cell_could_be_recovered(report):
    table = report(suppress=True).table("Doorstroom")
    for key in ("newly_ready", "housed"):
        values = [row[key] for row in table.rows]
        assert values.count("<5") != 1 or "x" in values


def test_csv_has_bom_semicolons_and_neutralised_cells(report):
    content = report_csv(report(), "Contingent")
    assert content.startswith("\ufeff".encode())
    parsed = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert parsed[0][:3] == ["Corporatie", "Contingent", "Gerealiseerd"]
    assert '\'=HYPERLINK("http://evil.invalid","klik")' in [row[0] for row in parsed]
    assert parsed[-1][:3] == ["Totaal", "48", "6"]
    comma = list(csv.reader(io.StringIO(report_csv(report(), "Spreiding", delimiter=",").decode("utf-8-sig"))))
    assert comma[1][0] == "N2" and comma[1][5] == "4,00"  # highest rate first, Dutch decimal comma


def test_pdf_text(report):
    reader = PdfReader(io.BytesIO(report_pdf(report())))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Voortgangsrapportage Weer Thuis" in text and "Zaanstreek" in text
    assert "Stand van de cijfers" in text
    assert f"pagina 1 van {len(reader.pages)}" in text
    for heading in ("Contingent per corporatie", "Spreiding per wijk", "Doorstroom per maand", "Definities"):
        assert heading in text
    assert "Corporatie B" in text and "ZAA-" not in text


REPORT_READERS = {"coordinator": 200, "manager": 200, "foreign_coordinator": 200}


@pytest.mark.parametrize("visitor", VISITORS)
def test_report_downloads_per_role(client, users, report, world, visitor):
    if users[visitor]:
        client.force_login(users[visitor])
    params = {
        "region": world["region"].pk,
        "year": 2024,
        "first_month": 1,
        "last_month": 12,
        "separator": ";",
        "format": "xlsx",
    }
    response = client.get(reverse("placements:report"), params)
    assert response.status_code == expected_status(visitor, REPORT_READERS)
    downloaded = response.get("Content-Type", "").startswith("application/vnd.openxmlformats")
    assert downloaded == (visitor in ("coordinator", "manager"))  # another region's coordinator gets the form back
    assert AccessLogEntry.objects.filter(action="export").exists() == downloaded


def test_a_manager_downloads_all_three_formats(client, users, world, report):
    client.force_login(users["manager"])
    url = reverse("placements:report")
    base = {"region": world["region"].pk, "year": 2024, "first_month": 1, "last_month": 3, "separator": ";"}
    types = [client.get(url, {**base, "format": f})["Content-Type"] for f in ("xlsx", "pdf", "csv-Doorstroom")]
    assert types[0].startswith("application/vnd.openxmlformats") and types[1] == "application/pdf"
    assert types[2].startswith("text/csv")
    assert AccessLogEntry.objects.filter(user=users["manager"], action="export").count() == 3


def test_a_period_with_the_last_month_first_is_refused(client, users, world):
    client.force_login(users["manager"])
    response = client.get(
        reverse("placements:report"),
        {
            "region": world["region"].pk,
            "year": 2024,
            "first_month": 6,
            "last_month": 2,
            "separator": ";",
            "format": "pdf",
        },
    )
    assert response["Content-Type"].startswith("text/html")
    assert "De laatste maand ligt vóór de eerste maand." in response.content.decode()


def test_the_pdf_keeps_long_tables_to_what_reads_on_paper(report, monkeypatch):
    from placements.reporting import pdf as pdf_module

    monkeypatch.setattr(pdf_module, "PAPER_ROWS", 3)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(report()))).pages)
    assert "N2" in text  # over the norm: always shown
    assert "van 6). De volledige lijst staat in de Excel- en CSV-download." in text


def test_a_cached_download_is_renewed_by_a_new_run(client, users, world, report):
    client.force_login(users["manager"])
    params = {
        "region": world["region"].pk,
        "year": 2024,
        "first_month": 1,
        "last_month": 12,
        "separator": ";",
        "format": "csv-Contingent",
    }
    first = client.get(reverse("placements:report"), params).content
    assert client.get(reverse("placements:report"), params).content == first
    world["c"].name = "Corporatie C hernoemd"
    world["c"].save()
    run_figures()
    assert b"Corporatie C hernoemd" in client.get(reverse("placements:report"), params).content
    assert AccessLogEntry.objects.filter(action="export").count() == 3  # every download is logged, cached or not


def test_simultaneous_requests_for_the_same_file_build_it_once():
    import threading

    from django.core.cache import cache

    from placements.reporting.views import cached_once

    cache.delete("report:test")
    built, barrier = [], threading.Barrier(6)

    def build():
        built.append(1)
        threading.Event().wait(0.3)  # a slow generation, so the others arrive while it runs
        return b"file", "2026"

    def ask(results):
        barrier.wait(timeout=10)
        results.append(cached_once("report:test", build))

    results = []
    threads = [threading.Thread(target=ask, args=(results,)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert results == [(b"file", "2026")] * 6
    assert len(built) == 1


def test_the_form_offers_the_years_with_stored_figures_and_the_current_two(client, users, world, report):
    client.force_login(users["manager"])
    form = client.get(reverse("placements:report")).context["form"]
    this_year = timezone.localdate().year
    assert [year for year, _label in form.fields["year"].choices] == sorted(
        {this_year, this_year - 1, 2024, 2023}, reverse=True
    )

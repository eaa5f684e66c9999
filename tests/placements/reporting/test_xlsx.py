"""The progress report as XLSX, opened with openpyxl as a user's software would: sheets, formats, text that is never
a formula, and suppression of small counts and the totals made of them."""

import io

import openpyxl
import pytest

from placements.reporting.xlsx import report_xlsx

pytestmark = pytest.mark.django_db


def rows(sheet):
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_workbook_has_its_sheets_figures_and_formats_and_no_formulas(report):
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(report())))
    assert book.sheetnames == [
        "Samenvatting", "Contingent", "Gemeenten", "Spreiding", "Complexen", "Doorstroom", "Prognose", "Definities",
    ]  # fmt: skip
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


def test_suppression_hides_small_counts_and_the_totals_made_of_them(report):
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(report(suppress=True))))
    quota = {row[0]: row for row in rows(book["Contingent"])[1:]}
    assert quota['=HYPERLINK("http://evil.invalid","klik")'][2] == "<5"  # realised 4
    assert quota["Corporatie B"][2] == "<5"  # realised 2
    assert quota["Corporatie B"][5] is None  # its percentage would reveal it
    assert quota["Totaal"][2] == "x"  # 6: with the two hidden counts beside it, it would narrow them down
    flow = rows(book["Doorstroom"])
    january = flow[1]  # the report's period is 2024
    assert january[3] == "<5"  # 3 housed
    assert not book["Samenvatting"]._charts  # no chart of counts in a suppressed report

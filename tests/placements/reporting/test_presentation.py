"""How the report's figures look (issue 18, item 6): PDF headers that wrap between words, charts with contingent,
pro-rata and norm lines and axes that hold the data, Dutch numbers, the same decimals in every format, and relapse
windows still open marked as such."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Line, String

from placements.reporting import pdf as pdf_module
from placements.reporting.build import Column, Table
from placements.reporting.csv import report_csv
from placements.reporting.pdf import report_pdf
from placements.reporting.xlsx import report_xlsx

pytestmark = pytest.mark.django_db


def header_lines(table) -> list[list[str]]:
    """The words on each line of each header cell, as ReportLab lays them out in the table's columns."""
    pdf_table = pdf_module._table(table, pdf_module.plain_text)
    pdf_table.wrap(pdf_module.TABLE_WIDTH, 500)
    cells = []
    for cell, width in zip(pdf_table._cellvalues[0], pdf_table._colWidths, strict=True):
        paragraph = cell[0] if isinstance(cell, tuple | list) else cell
        paragraph.wrap(width - 2 * pdf_module.CELL_PADDING, 500)
        lines = [
            " ".join(line[1]) if isinstance(line, tuple) else "".join(frag.text for frag in line.words)
            for line in paragraph.blPara.lines
        ]
        cells.append([word for line in lines for word in line.split()])
    return cells


@pytest.mark.parametrize("name", ["Contingent", "Spreiding", "Complexen", "Doorstroom", "Prognose"])
def test_pdf_headers_break_between_words_only(report, name):
    table = report().table(name)
    for column, words in zip(table.columns, header_lines(table), strict=True):
        assert words == str(column.label).split()  # "Gerealiseerd", never "Gerealiseer" + "d"


def test_headers_too_many_for_the_page_get_a_smaller_font_not_broken_words():
    columns = [Column(f"c{i}", f"Gerealiseerd{i} Contingentafspraak{i}") for i in range(30)]
    widths, size = pdf_module.column_widths([str(c.label) for c in columns], [10.0] * 30)
    assert size < 7.5 and sum(widths) <= pdf_module.TABLE_WIDTH + 0.01
    for words in header_lines(Table("t", "t", columns, [])):
        assert len(words) == 2


def drawings(report, builder, name):
    return builder(report.table(name))


def test_the_quota_chart_has_contingent_and_pro_rata_lines_and_an_axis_past_the_tallest(report):
    built = report()
    drawing = pdf_module._quota_chart(built.table("Contingent"))
    chart = next(c for c in drawing.contents if isinstance(c, HorizontalBarChart))
    rows = built.table("Contingent").rows
    tallest = max(max(r["realised"], r["quota"], float(r["pro_rata_target"])) for r in rows)
    assert chart.valueAxis.valueMax >= tallest
    lines = [c for c in drawing.contents if isinstance(c, Line)]
    assert len(lines) == 2 * len(rows)  # a contingent and a pro-rata line per corporation
    # Corporation A (quota 30) is drawn at the top: its contingent line lies at 30 ÷ axis maximum of the width.
    top = len(rows) - 1
    contingent = next(line for line in lines if line.strokeDashArray is None and line.y1 > chart.y + top * 26)
    quota = next(r["quota"] for r in rows if r["corporation"].startswith("=HYPERLINK"))
    assert contingent.x1 == pytest.approx(chart.x + chart.width * quota / chart.valueAxis.valueMax)


def test_the_dispersion_chart_has_its_norm_line_and_dutch_labels(report):
    drawing = pdf_module._rate_chart(report().table("Spreiding"))
    chart = next(c for c in drawing.contents if isinstance(c, HorizontalBarChart))
    texts = [c.text for c in drawing.contents if isinstance(c, String)]
    assert "norm 3,00" in texts  # the region's rule: 3 per 1.000
    assert chart.valueAxis.valueMax >= 4  # N2's 4,00
    assert chart.valueAxis.labelTextFormat(2.5) == "2,50" and chart.valueAxis.labelTextFormat(2) == "2"


def test_an_empty_region_gets_a_whole_number_axis():
    rows = [{"month": date(2024, m, 1), "newly_ready": 0, "housed": 0, "waiting_end": 0} for m in (1, 2, 3)]
    drawing = pdf_module._flow_chart(Table("Doorstroom", "t", [], rows))
    chart = next(c for c in drawing.contents if isinstance(c, HorizontalLineChart))
    assert (chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep) == (0, 5, 1)
    quota = pdf_module._quota_chart(
        Table("Contingent", "t", [], [{"corporation": "A", "quota": 0, "realised": 0, "pro_rata_target": 0}])
    )
    bar_chart = next(c for c in quota.contents if isinstance(c, HorizontalBarChart))
    assert bar_chart.valueAxis.valueMax == 5


def test_rates_have_two_decimals_in_every_format(report):
    built = report()
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx(built)))["Spreiding"]
    rate_column = [c.value for c in sheet[1]].index("Per 1.000") + 1
    assert sheet.cell(row=2, column=rate_column).number_format == "#,##0.00"
    csv_rows = list(csv.reader(io.StringIO(report_csv(built, "Spreiding").decode("utf-8-sig")), delimiter=";"))
    assert csv_rows[1][5] == "4,00"
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(built))).pages)
    assert "4,00" in pdf_text and "4.00" not in pdf_text


def test_other_decimals_keep_one_decimal_in_xlsx_and_csv(report):
    built = report()
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx(built)))["Contingent"]
    column = [c.value for c in sheet[1]].index("Naar rato doel") + 1
    assert sheet.cell(row=2, column=column).number_format == "#,##0.0"
    csv_rows = list(csv.reader(io.StringIO(report_csv(built, "Contingent").decode("utf-8-sig")), delimiter=";"))
    assert all("," in row[6] and len(row[6].split(",")[1]) == 1 for row in csv_rows[1:-1])


def test_open_relapse_windows_are_marked(report):
    # As of 1 March 2024: every window of January and February 2024 is still open.
    flow = report().table("Doorstroom")
    january = flow.rows[0]
    assert january["relapse_open"] == "≤ 180 d, ≤ 365 d, ≤ 730 d nog open"
    assert "nog open" in report_csv(report(), "Doorstroom").decode("utf-8-sig")


def test_a_passed_window_is_not_marked(world):
    from placements.models import FlowFigure

    figure = FlowFigure(month=date(2023, 1, 1))
    # A move-in on 31 January relapses within 180 days up to 30 July, counted in a run as of that day.
    assert figure.open_relapse_windows(date(2023, 7, 29)) == [180, 365, 730]
    assert figure.open_relapse_windows(date(2023, 7, 30)) == [365, 730]
    assert figure.open_relapse_windows(date(2025, 1, 31)) == []

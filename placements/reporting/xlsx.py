"""The progress report as an XLSX workbook (XlsxWriter): a sheet per table and a summary with a chart. Takes a built
`ProgressReport`, returns bytes, never reads the database. Text from data is always written as text, never as a
formula."""

import io
from datetime import datetime, time
from decimal import Decimal

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.reporting.build import ProgressReport, Table, cell_kind
from placements.reporting.disclosure import HIDDEN, SMALL


def report_xlsx(report: ProgressReport) -> bytes:
    output = io.BytesIO()
    # Data never becomes a formula, a URL or a number by accident: strings are written as strings.
    book = xlsxwriter.Workbook(
        output,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    fmt = {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "header": book.add_format(
            {"bold": True, "bg_color": "#E9EDF0", "text_wrap": True, "valign": "top", "border": 1}
        ),
        "int": book.add_format({"num_format": "#,##0"}),
        "count": book.add_format({"num_format": "#,##0"}),
        "pct": book.add_format({"num_format": "0.0%"}),
        # A decimal shows as many places as in the other formats (the column's `decimals`): 4,00 per 1.000.
        **{f"decimal{n}": book.add_format({"num_format": "#,##0" + ("." + "0" * n if n else "")}) for n in range(4)},
        "month": book.add_format({"num_format": "mmm yyyy"}),
        "date": book.add_format({"num_format": "dd-mm-yyyy hh:mm"}),
        "day": book.add_format({"num_format": "dd-mm-yyyy"}),
        "text": book.add_format({"text_wrap": False}),
        "small": book.add_format({"align": "right"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "total": book.add_format({"bold": True, "top": 1, "num_format": "#,##0"}),
    }
    _summary_sheet(book, fmt, report)
    for table in report.tables:
        _table_sheet(book, fmt, table)
    sheet = book.add_worksheet(_("Definities"))
    sheet.write_string(0, 0, _("Definities"), fmt["title"])
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 110)
    for i, (term, text) in enumerate(report.definitions, 2):
        sheet.write_string(i, 0, term, fmt["header"])
        sheet.write_string(i, 1, text, fmt["wrap"])
    book.close()
    return output.getvalue()


def _write(sheet, row, col, value, kind, fmt, decimals=1):
    if value is None:
        sheet.write_blank(row, col, None)
    elif value in (SMALL, HIDDEN):
        sheet.write_string(row, col, value, fmt["small"])
    elif kind == "month":
        sheet.write_datetime(row, col, value, fmt["month"])
    elif kind in ("int", "count", "pct", "decimal") and isinstance(value, int | float | Decimal):
        sheet.write_number(row, col, float(value), fmt[f"decimal{decimals}" if kind == "decimal" else kind])
    else:
        sheet.write_string(row, col, str(value))


def _summary_sheet(book, fmt, report: ProgressReport) -> None:
    sheet = book.add_worksheet(_("Samenvatting"))
    sheet.set_column(0, 0, 44)
    sheet.set_column(1, 1, 18)
    sheet.write_string(
        0,
        0,
        _("Voortgangsrapportage %(region)s %(period)s") % {"region": report.region.name, "period": report.period},
        fmt["title"],
    )
    sheet.write_string(1, 0, _("Stand van de cijfers"))
    if report.figures_at:
        sheet.write_datetime(1, 1, timezone.localtime(report.figures_at).replace(tzinfo=None), fmt["date"])
    sheet.write_string(2, 0, _("Peildatum"))
    if report.figures_as_of:
        sheet.write_datetime(2, 1, datetime.combine(report.figures_as_of, time()), fmt["day"])
    if report.suppress:
        sheet.write_string(3, 0, _("Aantallen van 1 tot en met 4 personen worden getoond als <5."))
    for i, (label, value, kind) in enumerate(report.summary, 5):
        sheet.write_string(i, 0, label)
        _write(sheet, i, 1, value, kind, fmt)
    quota = report.table("Contingent")
    if quota.rows and not report.suppress:
        # The chart reads the Contingent sheet's realised and pro-rata columns (cells written by us, not data).
        chart = book.add_chart({"type": "bar"})
        n = len(quota.rows)
        chart.add_series(
            {"name": _("Gerealiseerd"), "categories": ["Contingent", 1, 0, n, 0], "values": ["Contingent", 1, 2, n, 2]}
        )
        chart.add_series(
            {
                "name": _("Naar rato doel"),
                "categories": ["Contingent", 1, 0, n, 0],
                "values": ["Contingent", 1, 6, n, 6],
            }
        )
        chart.add_series(
            {"name": _("Contingent"), "categories": ["Contingent", 1, 0, n, 0], "values": ["Contingent", 1, 1, n, 1]}
        )
        chart.set_title({"name": _("Contingent: gerealiseerd, naar rato doel en contingent")})
        chart.set_x_axis({"min": 0})  # the value axis of a bar chart: from 0, to past the longest bar (Excel's own)
        chart.set_size({"width": 640, "height": 120 + 28 * n})
        sheet.insert_chart(5, 3, chart)


def _table_sheet(book, fmt, table: Table) -> None:
    sheet = book.add_worksheet(table.name)
    for col, column in enumerate(table.columns):
        sheet.write_string(0, col, str(column.label), fmt["header"])
        sheet.set_column(col, col, column.width)
    sheet.freeze_panes(1, 1)
    for r, row in enumerate(table.rows, 1):
        for col, column in enumerate(table.columns):
            _write(sheet, r, col, row.get(column.key), cell_kind(column, row), fmt, column.decimals)
    if table.totals:
        r = len(table.rows) + 1
        for col, column in enumerate(table.columns):
            value = table.totals.get(column.key)
            if isinstance(value, int):
                sheet.write_number(r, col, value, fmt["total"])
            elif value is not None:
                sheet.write_string(r, col, str(value), fmt["total"])
    if table.note:
        sheet.write_string(len(table.rows) + 3, 0, table.note, fmt["wrap"])
    if table.rows and not table.note:
        sheet.autofilter(0, 0, len(table.rows), len(table.columns) - 1)

"""The progress report as a PDF (ReportLab): A4 landscape, Dutch, a title page, tables and charts for quota,
dispersion and flow, the definitions, and "pagina N van M" on every page. Fonts are the Bitstream Vera TTFs that
ship inside the ReportLab wheel, so ë, –, ≤ and € print without any system font."""

import io
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from placements.figures.charts import nice_top
from placements.reporting.build import ProgressReport, Table, cell_kind
from placements.reporting.cells import dutch_number, plain_text

FONT_DIR = Path(reportlab.__file__).parent / "fonts"
PAGE = landscape(A4)
BRAND = colors.HexColor("#1B4F72")
CONTINGENT = colors.HexColor("#222222")
PRO_RATA = colors.HexColor("#C98A00")
PAPER_ROWS = 60  # per long table on paper; the downloads for Excel hold every row


def _fonts() -> None:
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", str(FONT_DIR / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("Vera-Bold", str(FONT_DIR / "VeraBd.ttf")))


STYLES = {
    "title": ParagraphStyle("title", fontName="Vera-Bold", fontSize=24, leading=30, textColor=BRAND, spaceAfter=12),
    "subtitle": ParagraphStyle("subtitle", fontName="Vera", fontSize=14, leading=20, spaceAfter=6),
    "h1": ParagraphStyle(
        "h1", fontName="Vera-Bold", fontSize=15, leading=20, textColor=BRAND, spaceBefore=6, spaceAfter=8
    ),
    "body": ParagraphStyle("body", fontName="Vera", fontSize=9.5, leading=13),
    "small": ParagraphStyle("small", fontName="Vera", fontSize=8, leading=10),
    "cell": ParagraphStyle("cell", fontName="Vera", fontSize=7.5, leading=9),
    "head": ParagraphStyle("head", fontName="Vera-Bold", fontSize=7.5, leading=9),
}


def _numbered_canvas(footer: str):
    class NumberedCanvas(canvas.Canvas):
        """Draws 'pagina N van M' once the total is known (pages are buffered until save)."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):  # noqa: N802 - ReportLab's API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont("Vera", 8)
                self.setFillColor(colors.grey)
                self.drawString(15 * mm, 10 * mm, footer)
                self.drawRightString(
                    PAGE[0] - 15 * mm,
                    10 * mm,
                    _("pagina %(n)s van %(total)s") % {"n": self._pageNumber, "total": total},
                )
                super().showPage()
            super().save()

    return NumberedCanvas


CELL_PADDING = 3  # points left and right of a cell's text
TABLE_WIDTH = PAGE[0] - 30 * mm


def column_widths(labels: list[str], wanted: list[float], *, font_size: float = 7.5) -> tuple[list[float], float]:
    """Column widths that fit the page and hold every header word whole (a header wraps between words, never
    inside one: not "Gerealiseer|d"), and the header font size that needs. Each column gets at least its longest
    word; what is left of the page goes to the columns in proportion to the width they ask for beyond that. Only
    when the words alone do not fit does the header font shrink."""
    _fonts()
    words = [max((stringWidth(w, "Vera-Bold", font_size) for w in label.split()), default=0) for label in labels]
    needed = [w + 2 * CELL_PADDING + 0.5 for w in words]
    if sum(needed) > TABLE_WIDTH:  # even the words do not fit side by side: a smaller header font
        factor = (TABLE_WIDTH - 2 * CELL_PADDING * len(labels)) / (sum(needed) - 2 * CELL_PADDING * len(labels))
        return [w * factor + 2 * CELL_PADDING for w in words], font_size * factor
    widths = [max(w, n) for w, n in zip(wanted, needed, strict=True)]
    if sum(widths) <= TABLE_WIDTH:
        return widths, font_size
    spare = TABLE_WIDTH - sum(needed)
    extra = [max(0.0, w - n) for w, n in zip(wanted, needed, strict=True)]
    return [n + spare * e / sum(extra) for n, e in zip(needed, extra, strict=True)], font_size


def _table(table: Table, plain, *, rows: list[dict] | None = None) -> PdfTable:
    labels = [str(c.label) for c in table.columns]
    widths, head_size = column_widths(labels, [c.width * 2.1 * mm for c in table.columns])
    head = ParagraphStyle("head-fit", parent=STYLES["head"], fontSize=head_size, leading=head_size * 1.2)
    header = [Paragraph(escape(label), head) for label in labels]
    rows = table.rows if rows is None else rows
    # Body cells are plain strings (fast to lay out); only headers wrap.
    body = [[plain(row.get(c.key), cell_kind(c, row), c.decimals) for c in table.columns] for row in rows]
    if table.totals:
        body.append(
            [plain(table.totals[c.key], c.kind, c.decimals) if c.key in table.totals else "" for c in table.columns]
        )
    pdf_table = PdfTable([header, *body], colWidths=widths, repeatRows=1)
    style = [
        ("FONTNAME", (0, 1), (-1, -1), "Vera"),
        ("FONTSIZE", (0, 1), (-1, -1), 7.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E9EDF0")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#C8CED3")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    if table.totals:
        style.append(("FONTNAME", (0, -1), (-1, -1), "Vera-Bold"))
    pdf_table.setStyle(TableStyle(style))
    return pdf_table


def _on_paper(rows: list[dict], *, flagged, limit: int) -> list[dict]:
    """The rows a paper report shows: every flagged row, then the first others, at most `limit` in all."""
    chosen = [row for row in rows if flagged(row)]
    return chosen + [row for row in rows if not flagged(row)][: max(0, limit - len(chosen))]


def _value_axis(axis, values: list[float], *, decimals: int = 0) -> float:
    """A value axis from 0 to a round number at or above the largest value (at least 5, so an empty region reads
    0 … 5, not 0,002 … 0,01), five steps, labels in Dutch (decimal comma). Returns the axis maximum."""
    top = max(5, nice_top(max(values, default=0)))
    axis.valueMin, axis.valueMax, axis.valueStep = 0, top, top / 5
    axis.labels.fontName = "Vera"
    axis.labelTextFormat = lambda value: dutch_number(value, decimals if value != int(value) else 0)
    return top


def _quota_chart(table: Table) -> Drawing:
    """Per corporation a bar of the realised homes, a solid line at its contingent and a dashed one at the pro-rata
    target; the axis runs past the longest bar and the highest contingent."""
    rows = list(reversed(table.rows))  # a horizontal bar chart draws its first category at the bottom
    drawing = Drawing(PAGE[0] - 40 * mm, 50 + 26 * len(rows))
    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 30
    chart.width, chart.height = drawing.width - 270, 26 * len(rows)
    realised = [r["realised"] if isinstance(r["realised"], int) else 0 for r in rows]
    chart.data = [realised]
    chart.categoryAxis.categoryNames = [r["corporation"][:30] for r in rows]
    chart.categoryAxis.labels.fontName = "Vera"
    top = _value_axis(
        chart.valueAxis, [*realised, *(r["quota"] for r in rows), *(float(r["pro_rata_target"]) for r in rows)]
    )
    chart.bars[0].fillColor = BRAND
    drawing.add(chart)
    band = chart.height / max(1, len(rows))
    for i, row in enumerate(rows):
        low, high = chart.y + i * band + 3, chart.y + (i + 1) * band - 3
        for value, dashed in ((row["quota"], False), (float(row["pro_rata_target"]), True)):
            x = chart.x + chart.width * value / top
            drawing.add(
                Line(x, low, x, high, strokeColor=CONTINGENT if not dashed else PRO_RATA, strokeWidth=2,
                     strokeDashArray=[3, 2] if dashed else None)
            )  # fmt: skip
    legend = Legend()
    legend.x, legend.y = drawing.width - 110, drawing.height - 10
    legend.fontName = "Vera"
    legend.colorNamePairs = [
        (BRAND, _("gerealiseerd")),
        (CONTINGENT, _("contingent")),
        (PRO_RATA, _("naar rato doel (streepjes)")),
    ]
    drawing.add(legend)
    return drawing


def _rate_chart(table: Table, top: int = 15) -> Drawing | None:
    """The neighbourhoods with the highest rates per 1.000 homes (red: over the norm), with the norm as a dashed
    line when the region's rule has one."""
    rows = [r for r in table.rows if r["rate"] is not None][:top]
    if not rows:
        return None
    drawing = Drawing(PAGE[0] - 40 * mm, 40 + 16 * len(rows))
    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 20
    chart.width, chart.height = drawing.width - 200, 16 * len(rows)
    chart.data = [[float(r["rate"]) for r in reversed(rows)]]
    chart.categoryAxis.categoryNames = [r["neighbourhood"][:28] for r in reversed(rows)]
    chart.categoryAxis.labels.fontName = "Vera"
    norms = {float(r["limit_rate"]) for r in rows if r.get("limit_rate") is not None}
    axis_top = _value_axis(chart.valueAxis, [*chart.data[0], *norms], decimals=2)
    chart.bars[0].fillColor = BRAND
    for i, row in enumerate(reversed(rows)):
        if row["over"]:
            chart.bars[(0, i)].fillColor = colors.HexColor("#A4161A")
    drawing.add(chart)
    for norm in norms:
        x = chart.x + chart.width * norm / axis_top
        drawing.add(Line(x, chart.y, x, chart.y + chart.height + 4, strokeColor=colors.black, strokeWidth=1.5,
                         strokeDashArray=[4, 2]))  # fmt: skip
        drawing.add(
            String(x + 3, chart.y + chart.height + 2, _("norm %(rate)s") % {"rate": dutch_number(norm, 2)},
                   fontName="Vera", fontSize=7)
        )  # fmt: skip
    return drawing


def _flow_chart(table: Table) -> Drawing | None:
    rows = table.rows
    if len(rows) < 2:
        return None
    drawing = Drawing(PAGE[0] - 40 * mm, 170)
    chart = HorizontalLineChart()
    chart.x, chart.y = 40, 25
    chart.width, chart.height = drawing.width - 160, 130
    chart.data = [[r["newly_ready"] for r in rows], [r["housed"] for r in rows], [r["waiting_end"] for r in rows]]
    chart.categoryAxis.categoryNames = [f"{r['month']:%m}" for r in rows]
    chart.categoryAxis.labels.fontName = "Vera"
    _value_axis(chart.valueAxis, [value for line in chart.data for value in line])
    palette = [BRAND, colors.HexColor("#1E6B35"), colors.HexColor("#7A3E9D")]
    for i, colour in enumerate(palette):
        chart.lines[i].strokeColor = colour
        chart.lines[i].strokeWidth = 2
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = drawing.width - 110, drawing.height - 10
    legend.fontName = "Vera"
    legend.colorNamePairs = list(
        zip(palette, [_("nieuw uitstroomklaar"), _("gehuisvest"), _("wachtend eind maand")], strict=True)
    )
    drawing.add(legend)
    return drawing


def _forecast_section(forecast: Table) -> list:
    """The need forecast: its item–value table and what the band means, on a page of its own."""
    section = [Paragraph(forecast.title, STYLES["h1"]), _table(forecast, plain_text)]
    if forecast.note:
        section += [Spacer(1, 3 * mm), Paragraph(escape(forecast.note), STYLES["body"])]
    return [*section, PageBreak()]


def _municipality_section(report: ProgressReport) -> list:
    """The realisation per municipality, below the quota table; nothing where no agreement is split."""
    municipalities = report.table("Gemeenten")
    if not municipalities.rows:
        return []
    title = Paragraph(municipalities.title, STYLES["h1"])
    return [Spacer(1, 6 * mm), KeepTogether([title, _table(municipalities, plain_text)])]


def report_pdf(report: ProgressReport) -> bytes:
    """The progress report as a PDF (A4 landscape, Dutch): title page, charts and tables, definitions."""
    plain = plain_text
    _fonts()
    output = io.BytesIO()
    footer = _("Voortgangsrapportage Weer Thuis – %(region)s %(period)s") % {
        "region": report.region.name,
        "period": report.period,
    }
    # Every page says which day its figures are for: a printed page travels without its title page.
    page_footer = " – ".join([footer, *(f"{label} {text}" for label, text in report.stamp)])
    doc = SimpleDocTemplate(
        output, pagesize=PAGE, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=18 * mm,
        title=footer, author="Weer Thuis", lang="nl",
    )  # fmt: skip
    (_as_of_label, as_of), (_at_label, at) = report.stamp
    story = [
        Spacer(1, 40 * mm),
        Paragraph(_("Voortgangsrapportage Weer Thuis"), STYLES["title"]),
        Paragraph(_("Regio %(region)s – periode %(period)s") % {"region": report.region.name, "period": report.period}, STYLES["subtitle"]),
        Paragraph(_("Peildatum: %(date)s") % {"date": as_of}, STYLES["subtitle"]),
        Paragraph(_("Stand van de cijfers: %(at)s") % {"at": at}, STYLES["subtitle"]),
        Paragraph(_("Gemaakt op %(now)s") % {"now": timezone.localtime().strftime("%d-%m-%Y %H:%M")}, STYLES["body"]),
        Spacer(1, 10 * mm),
        Paragraph(_("Uitstroom uit beschermd wonen, maatschappelijke opvang en GGZ naar een gewone woning: contingent per corporatie, spreiding over wijken en doorstroom per maand. Geen gegevens over individuele cliënten."), STYLES["body"]),
    ]  # fmt: skip
    if report.suppress:
        story.append(
            Paragraph(
                _(
                    "Aantallen van 1 tot en met 4 personen worden getoond als &lt;5; grafieken van aantallen zijn daarom weggelaten."
                ),
                STYLES["body"],
            )
        )
    story.append(PageBreak())
    summary = PdfTable(
        [
            [Paragraph(label, STYLES["body"]), Paragraph(plain(value, kind), STYLES["body"])]
            for label, value, kind in report.summary
        ],
        colWidths=[110 * mm, 40 * mm],
    )
    summary.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#C8CED3"))]))
    story += [Paragraph(_("Samenvatting"), STYLES["h1"]), summary, Spacer(1, 6 * mm)]
    quota, dispersion, buildings, flow = (
        report.table(n) for n in ("Contingent", "Spreiding", "Complexen", "Doorstroom")
    )
    story.append(Paragraph(quota.title, STYLES["h1"]))
    if quota.rows and not report.suppress:
        story.append(_quota_chart(quota))
    story.append(
        _table(quota, plain) if quota.rows else Paragraph(_("Geen prestatieafspraken voor dit jaar."), STYLES["body"])
    )
    story += [*_municipality_section(report), PageBreak()]
    story.append(Paragraph(dispersion.title, STYLES["h1"]))
    chart = None if report.suppress else _rate_chart(dispersion)
    if chart:
        story += [
            Paragraph(_("Hoogste aantallen per 1.000 sociale huurwoningen (rood: boven de norm)"), STYLES["small"]),
            chart,
        ]
    shown = _on_paper(dispersion.rows, flagged=lambda row: row["signal"], limit=PAPER_ROWS)
    story += [_table(dispersion, plain, rows=shown)]
    if len(shown) < len(dispersion.rows):
        story.append(
            Paragraph(
                _(
                    "Getoond: de wijken boven of bij de norm en daarna de hoogste per 1.000 woningen (%(shown)s van %(total)s). De volledige lijst staat in de Excel- en CSV-download."
                )
                % {"shown": len(shown), "total": len(dispersion.rows)},
                STYLES["small"],
            )
        )
    story.append(Spacer(1, 6 * mm))
    if buildings.rows:
        # Sorted with the buildings over the limit first; with small numbers hidden, by name (disclosure.py).
        shown = buildings.rows[:PAPER_ROWS]
        story += [KeepTogether([Paragraph(buildings.title, STYLES["h1"]), _table(buildings, plain, rows=shown)])]
        if len(shown) < len(buildings.rows):
            if report.suppress:
                text = _(
                    "Getoond: de eerste %(shown)s van %(total)s complexen, op naam. De volledige lijst staat in de Excel- en CSV-download."
                )
            else:
                text = _(
                    "Getoond: %(shown)s van %(total)s complexen, die boven de norm eerst. De volledige lijst staat in de Excel- en CSV-download."
                )
            story.append(Paragraph(text % {"shown": len(shown), "total": len(buildings.rows)}, STYLES["small"]))
    story += [PageBreak(), Paragraph(flow.title, STYLES["h1"])]
    chart = None if report.suppress else _flow_chart(flow)
    if chart:
        story.append(chart)
    story += [_table(flow, plain) if flow.rows else Paragraph(_("Nog geen cijfers."), STYLES["body"]), PageBreak()]
    story += _forecast_section(report.table("Prognose"))
    story.append(Paragraph(_("Definities"), STYLES["h1"]))
    for term, text in report.definitions:
        story.append(Paragraph(f"<b>{escape(term)}</b> – {escape(text)}", STYLES["body"]))
        story.append(Spacer(1, 2 * mm))
    doc.build(story, canvasmaker=_numbered_canvas(page_footer))
    return output.getvalue()

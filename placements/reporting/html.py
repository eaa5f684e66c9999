"""The progress report as an accessible web page, beside the PDF: the same summary, tables (caption, column and
row headers) and definitions, and charts drawn as inline SVG, each with a text alternative and the table it
draws right below it. Printable (the page's print style leaves out the site's navigation). ReportLab cannot tag
a PDF (PDF/UA), so this is the version for screen readers and for reading on a phone."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from placements.reporting.build import ProgressReport, Table, cell_kind
from placements.reporting.cells import plain_text

BAR_WIDTH = 420  # user units of a 100 % bar; the SVG scales to the page
LABEL_WIDTH = 190
ROW_HEIGHT = 28


@dataclass
class HtmlTable:
    name: str
    title: str
    headers: list[str]
    rows: list[list[str]]  # the first cell of each row is its row header
    totals: list[str] | None
    chart: dict | None


def _cells(table: Table, row: dict) -> list[str]:
    return [plain_text(row.get(column.key), cell_kind(column, row), column.decimals) for column in table.columns]


def _quota_chart(table: Table) -> dict | None:
    """Realised against the quota per corporation, as on the dashboard; None when a count is hidden (<5)."""
    rows = table.rows
    if not rows or any(not isinstance(row["realised"], int) for row in rows):
        return None
    bars = []
    for i, row in enumerate(rows):
        share = min(row["realised"] / row["quota"], 1.2) if row["quota"] else 0
        target = float(row["pro_rata_target"]) / row["quota"] if row["quota"] else None
        bars.append(
            {
                "label": row["corporation"],
                "y": 10 + i * ROW_HEIGHT,
                "width": f"{share * BAR_WIDTH:.1f}",
                "target_x": None if target is None else f"{LABEL_WIDTH + target * BAR_WIDTH:.1f}",
                "text": f"{row['realised']} / {row['quota']}",
            }
        )
    return {
        "kind": "quota",
        "bars": bars,
        "height": 20 + len(bars) * ROW_HEIGHT,
        "width": f"{LABEL_WIDTH + BAR_WIDTH * 1.2 + 80:.1f}",
        "label_width": LABEL_WIDTH,
        "bar_width": BAR_WIDTH,
        "full_x": LABEL_WIDTH + BAR_WIDTH,
        "description": "; ".join(
            _("%(corporation)s: %(realised)s van %(quota)s gerealiseerd")
            % {"corporation": row["corporation"], "realised": row["realised"], "quota": row["quota"]}
            for row in rows
        ),
    }


def _flow_chart(table: Table, *, height: int = 180, column: int = 44) -> dict | None:
    """Per month the newly ready and housed (bars) and the number waiting at month end (line); None when a
    count is hidden (<5) or there is less than one month."""
    keys = ("newly_ready", "housed", "waiting_end")
    rows = table.rows
    if not rows or any(not isinstance(row[key], int) for row in rows for key in keys):
        return None
    top = max([1] + [row[key] for row in rows for key in keys])
    scale = (height - 30) / top
    columns, points = [], []
    for i, row in enumerate(rows):
        x = 40 + i * column
        columns.append(
            {
                "x": x,
                "label": f"{row['month']:%m}",
                "ready_y": f"{height - 20 - row['newly_ready'] * scale:.1f}",
                "ready_h": f"{row['newly_ready'] * scale:.1f}",
                "housed_x": x + 14,
                "housed_y": f"{height - 20 - row['housed'] * scale:.1f}",
                "housed_h": f"{row['housed'] * scale:.1f}",
            }
        )
        points.append(f"{x + 14:.1f},{height - 20 - row['waiting_end'] * scale:.1f}")
    return {
        "kind": "flow",
        "columns": columns,
        "points": " ".join(points),
        "height": height,
        "width": 60 + len(rows) * column,
        "baseline": height - 20,
        "top": top,
        "description": _(
            "Van %(first)s tot en met %(last)s: %(ready)s nieuw uitstroomklaar, %(housed)s gehuisvest; "
            "wachtend aan het eind: %(waiting)s."
        )
        % {
            "first": f"{rows[0]['month']:%m-%Y}",
            "last": f"{rows[-1]['month']:%m-%Y}",
            "ready": sum(row["newly_ready"] for row in rows),
            "housed": sum(row["housed"] for row in rows),
            "waiting": rows[-1]["waiting_end"],
        },
    }


def report_html_context(report: ProgressReport) -> dict:
    """What templates/placements/report_html.html shows: every cell as the CSV and PDF write it (Dutch decimal
    comma, <5 and x for hidden counts), the summary, the as-of date and the time of the run, the definitions."""
    charts: dict[str, Callable[[Table], dict | None]] = {"Contingent": _quota_chart, "Doorstroom": _flow_chart}
    tables = [
        HtmlTable(
            name=table.name,
            title=table.title,
            headers=[str(column.label) for column in table.columns],
            rows=[_cells(table, row) for row in table.rows],
            totals=(
                [
                    plain_text(table.totals[c.key], c.kind, c.decimals) if c.key in table.totals else ""
                    for c in table.columns
                ]
                if table.totals
                else None
            ),
            chart=None if report.suppress or table.name not in charts else charts[table.name](table),
        )
        for table in report.tables
    ]
    return {
        "report": report,
        "stamp": report.stamp,
        "summary": [(label, plain_text(value, kind)) for label, value, kind in report.summary],
        "tables": tables,
        "definitions": report.definitions,
    }

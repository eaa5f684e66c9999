"""One table of the progress report as CSV: UTF-8 with BOM (Dutch Excel), cells starting with = + - @ neutralised."""

import csv
import io

from placements.lists.csv import neutralise
from placements.reporting.build import ProgressReport, plain_text


def report_csv(report: ProgressReport, table_name: str, *, delimiter: str = ";") -> bytes:
    """One table as CSV: UTF-8 with BOM (Dutch Excel), `;` by default, formula-looking cells neutralised."""
    table = report.table(table_name)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([neutralise(str(c.label)) for c in table.columns])
    for row in table.rows:
        writer.writerow([neutralise(plain_text(row.get(c.key), c.kind)) for c in table.columns])
    if table.totals:
        writer.writerow(
            [
                neutralise(plain_text(table.totals[c.key], c.kind)) if c.key in table.totals else ""
                for c in table.columns
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")

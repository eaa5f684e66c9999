"""One table of the progress report as CSV: UTF-8 with BOM (Dutch Excel), cells starting with = + - @ neutralised."""

import csv
import io

from placements.lists.csv import neutralise
from placements.reporting.build import ProgressReport, cell_kind
from placements.reporting.cells import plain_text


def report_csv(report: ProgressReport, table_name: str, *, delimiter: str = ";") -> bytes:
    """One table as CSV: UTF-8 with BOM (Dutch Excel), `;` by default, formula-looking cells neutralised; every
    row ends with the as-of date and the time of the run (*Peildatum*, *Stand van de cijfers*)."""
    table = report.table(table_name)
    # Two columns rather than lines before or after the table: the file stays one header and rows, which a
    # spreadsheet or a script reads without skipping anything, and a row copied elsewhere keeps its date.
    labels, stamp = zip(*report.stamp, strict=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([neutralise(str(c.label)) for c in table.columns] + [neutralise(label) for label in labels])
    for row in table.rows:
        writer.writerow(
            [neutralise(plain_text(row.get(c.key), cell_kind(c, row), c.decimals)) for c in table.columns] + list(stamp)
        )
    if table.totals:
        writer.writerow(
            [
                neutralise(plain_text(table.totals[c.key], c.kind, c.decimals)) if c.key in table.totals else ""
                for c in table.columns
            ]
            + list(stamp)
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")

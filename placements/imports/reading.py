"""Reading an uploaded spreadsheet into a header and rows of text, whatever its format: CSV (`;` or `,`, UTF-8 with
or without BOM, or Windows-1252) or XLSX (read-only, formulas never evaluated). Checks only the file; what the
cells mean is checked by the import of homes or clients."""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
# Bounds on what a file may unpack to, checked before a cell is read: a small XLSX can claim a million rows, a
# column XFD or a string of hundreds of MB (an attacker's 1.5 kB file took a worker to 3.7 GB).
MAX_COLUMNS = 60  # the templates have at most 16 columns
MAX_LINES = MAX_ROWS + 1_000  # lines read at most, empty ones included (a sheet formatted far below its data)
MAX_CELL_CHARS = 2_000  # a cell longer than this is not a home's or client's fact
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # an XLSX's parts together, unzipped
# A NUL cannot be stored (PostgreSQL's JSON has no \u0000); other control characters get the cell's own error.
NUL = "\x00"
# A cell whose text starts with this is a formula in a spreadsheet; it is never evaluated, and refused per cell.
FORMULA = "="


class FileRefused(Exception):
    """The file cannot be read as a table; the message says why, in Dutch."""


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]  # every cell as text, stripped; rows that are empty throughout are left out
    first_row_number: int = 2  # the row number of rows[0] as the spreadsheet shows it (the header is row 1)


def read_table(*, name: str, data: bytes) -> Table:
    """The header and rows of an uploaded CSV or XLSX file. Refuses (FileRefused) a file over MAX_FILE_BYTES, of
    another kind, without a header, or with more than MAX_ROWS rows."""
    if len(data) > MAX_FILE_BYTES:
        raise FileRefused(
            _("Het bestand is groter dan %(mb)s MB. Splits het in kleinere bestanden.")
            % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise FileRefused(_("Het bestand is leeg."))
    lower = name.lower()
    if data[:4] == b"PK\x03\x04" or lower.endswith(".xlsx"):
        table = _read_xlsx(data)
    elif lower.endswith((".csv", ".txt")):
        table = _read_csv(data)
    else:
        raise FileRefused(_("Upload een CSV-bestand (.csv) of een Excel-bestand (.xlsx)."))
    if not any(table.header):
        raise FileRefused(_("De eerste rij van het bestand moet de kolomnamen bevatten."))
    _check_cells(table)
    if len(table.rows) > MAX_ROWS:
        raise FileRefused(
            _("Het bestand heeft %(rows)s rijen; per keer kunnen hoogstens %(max)s rijen worden ingelezen.")
            % {"rows": len(table.rows), "max": MAX_ROWS}
        )
    return table


def _check_cells(table: Table) -> None:
    """No NUL character (what a UTF-16 file read as another encoding is full of) and no cell longer than
    MAX_CELL_CHARS."""
    for number, line in enumerate([table.header, *table.rows], table.first_row_number - 1):
        for cell in line:
            if NUL in cell:
                raise FileRefused(
                    _("Rij %(row)s bevat een stuurteken; sla het bestand op als CSV UTF-8 of .xlsx.") % {"row": number}
                )
            if len(cell) > MAX_CELL_CHARS:
                raise FileRefused(
                    _("Rij %(row)s heeft een cel van meer dan %(max)s tekens.") % {"row": number, "max": MAX_CELL_CHARS}
                )


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's "Unicode-tekst"), else Windows-1252 (what Excel
    writes as 'CSV' on a Dutch Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise FileRefused(_("De tekens in het bestand zijn niet te lezen; sla het op als CSV UTF-8.")) from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise FileRefused(_("De tekens in het bestand zijn niet te lezen; sla het op als CSV UTF-8.")) from error


def _read_csv(data: bytes) -> Table:
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise FileRefused(_("Het CSV-bestand is niet goed opgebouwd: %(error)s") % {"error": error}) from error
    return _table(lines)


def _table(lines: list[list[str]]) -> Table:
    """The first non-empty line is the header; row numbers count every line, as the spreadsheet shows them."""
    lines = [[cell.strip() for cell in line] for line in lines]
    start = next((i for i, line in enumerate(lines) if any(line)), None)
    if start is None:
        raise FileRefused(_("Het bestand is leeg."))
    header = lines[start]
    rows = lines[start + 1 :]
    # Trailing empty lines are dropped; an empty line between rows keeps its number (and is skipped later).
    while rows and not any(rows[-1]):
        rows.pop()
    return Table(header=header, rows=rows, first_row_number=start + 2)


def _cell_text(value: object, data_type: str | None) -> str:
    if value is None:
        return ""
    if data_type == "f" or (isinstance(value, str) and value.startswith(FORMULA)):
        text = str(value)
        return text if text.startswith(FORMULA) else FORMULA + text
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return str(Decimal(repr(value)))
    return str(value).strip()


def _read_xlsx(data: bytes) -> Table:
    # Imported here: only an XLSX upload needs it.
    from openpyxl import load_workbook  # type: ignore[import-untyped]  # no stubs installed

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileRefused(_("Dit Excel-bestand is niet te openen. Sla het opnieuw op als .xlsx.")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileRefused(_("Dit Excel-bestand is uitgepakt te groot. Sla alleen de gegevens op, of gebruik CSV."))
    try:
        # read_only streams the sheet; data_only=False keeps a formula as its text, so it is never evaluated and a
        # cached result is never taken for a value someone typed. Only the first MAX_COLUMNS columns and
        # MAX_LINES lines are read: a sheet that claims more is refused without reading the rest.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            sheet = workbook.worksheets[0]
            lines: list[list[str]] = []
            for row in sheet.iter_rows(max_col=MAX_COLUMNS):
                if len(lines) >= MAX_LINES:
                    raise FileRefused(
                        _(
                            "Het bestand heeft meer dan %(max)s rijen (lege, opgemaakte rijen tellen mee); per keer kunnen "
                            "hoogstens %(max)s rijen worden ingelezen."
                        )
                        % {"max": MAX_ROWS}
                    )
                lines.append([_cell_text(cell.value, getattr(cell, "data_type", None)) for cell in row])
        finally:
            workbook.close()
    except FileRefused:
        raise
    except Exception as error:  # a damaged or hostile file: openpyxl raises many kinds while it streams
        raise FileRefused(_("Dit Excel-bestand is niet te openen. Sla het opnieuw op als .xlsx.")) from error
    width = max((len(line) for line in lines), default=0)
    return _table([line + [""] * (width - len(line)) for line in lines])

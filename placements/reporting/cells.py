"""A figure as text in the CSV, PDF and HTML versions of the progress report: Dutch decimal comma, the column's
number of decimals, the marks of hidden counts as they are."""

from datetime import date
from decimal import Decimal

from placements.reporting.disclosure import HIDDEN, SMALL


def plain_text(value, kind: str, decimals: int = 1):
    """A value for CSV/PDF text: Dutch decimal comma, percentages as 12,5%, months as 01-2026, empty as –; a
    decimal with `decimals` places (the column's: 4,00 per 1.000; 53,8 homes), as the XLSX cell shows it."""
    if value is None:
        return "–"
    if value in (SMALL, HIDDEN) or isinstance(value, str):
        return value
    if kind == "pct":
        return f"{Decimal(value) * 100:.1f}%".replace(".", ",")
    if kind == "month" and isinstance(value, date):
        return f"{value:%m-%Y}"
    if kind == "decimal" or isinstance(value, Decimal | float):
        return dutch_number(value, decimals)
    return str(value)


def dutch_number(value, decimals: int = 1) -> str:
    """12345.678 → "12345,7": a decimal comma, no thousands separator (like the whole numbers beside it)."""
    return f"{Decimal(str(value)):.{decimals}f}".replace(".", ",")

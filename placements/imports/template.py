"""The template a region fills in: an XLSX file with the column names and one example row on the first sheet, and
a sheet that explains each column, in Dutch."""

import io

import xlsxwriter
from django.utils.translation import gettext as _

from placements.imports.columns import Column


def template_xlsx(columns: tuple[Column, ...], *, required: set[str], title: str) -> bytes:
    """The template for `columns`; `required` are the fields the user must fill on every row."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1})
    text = workbook.add_format({"num_format": "@"})  # every cell as text: no date or number guessed by the sheet
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    data = workbook.add_worksheet(_("Gegevens"))
    for index, column in enumerate(columns):
        data.write_string(0, index, str(column.header), bold)
        data.write_string(1, index, column.example, text)
        data.set_column(index, index, max(14, len(str(column.header)) + 4), text)
    data.freeze_panes(1, 0)
    notes = workbook.add_worksheet(_("Uitleg"))
    notes.write_string(0, 0, title, workbook.add_format({"bold": True, "font_size": 14}))
    notes.write_string(
        1,
        0,
        _(
            "Vul op het blad 'Gegevens' één rij per regel in; vervang of verwijder de voorbeeldrij. De eerste rij "
            "bevat de kolomnamen: verander die niet. Geen formules, namen, BSN's of geboortedata. Sla op als .xlsx "
            "of als CSV (UTF-8, gescheiden door ; of ,). Hoogstens 10.000 rijen en 5 MB per bestand."
        ),
        wrap,
    )
    for index, heading in enumerate((_("Kolom"), _("Verplicht"), _("Uitleg"), _("Voorbeeld"))):
        notes.write_string(3, index, heading, bold)
    for row, column in enumerate(columns, 4):
        needed = column.required or column.field in required
        notes.write_string(row, 0, str(column.header))
        notes.write_string(row, 1, _("ja") if needed else _("nee"))
        notes.write_string(row, 2, str(column.explanation), wrap)
        notes.write_string(row, 3, column.example)
    notes.set_column(0, 0, 24)
    notes.set_column(1, 1, 10)
    notes.set_column(2, 2, 80)
    notes.set_column(3, 3, 28)
    workbook.close()
    return buffer.getvalue()

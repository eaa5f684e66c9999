"""What the homes and clients imports share: a row's result, the cells of a row as form data, a form's errors
as per-cell messages ("rij 14, kolom Postcode: ..."), and the form field that reads preloaded objects instead of
asking the database for each row."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django import forms
from django.db import models
from django.utils.translation import gettext as _

from placements.imports.columns import FORMULA_MESSAGE, CellError, Column

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"
OUTCOMES = (NEW, UPDATE, UNCHANGED, ERROR)


@dataclass
class RowResult:
    row: int  # the row number as the spreadsheet shows it
    outcome: str = NEW
    key: str = ""  # the natural key as a person reads it (an address, a file reference)
    errors: list[dict[str, str]] = field(default_factory=list)  # {"column": header or "", "message": Dutch text}
    # Only while importing: the record to write and, for an update, its changed columns.
    instance: models.Model | None = None
    update_fields: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def error(self, column: "StrOrPromise", message: "StrOrPromise") -> None:
        self.outcome = ERROR
        self.errors.append({"column": str(column), "message": str(message)})

    def stored(self) -> dict[str, Any]:
        return {"row": self.row, "outcome": self.outcome, "key": self.key, "errors": self.errors}


def describe(error: dict[str, str], row: int) -> str:
    """'rij 14, kolom Postcode: ...' (or 'rij 14: ...' for what concerns the whole row)."""
    if error["column"]:
        return _("rij %(row)s, kolom %(column)s: %(message)s") % {"row": row, **error}
    return _("rij %(row)s: %(message)s") % {"row": row, "message": error["message"]}


class Cells:
    """One row's cells by form field, with conversions whose errors land on the right column."""

    def __init__(self, result: RowResult, cells: list[str], positions: dict[str, int], columns: dict[str, Column]):
        self.result, self.cells, self.positions, self.columns = result, cells, positions, columns

    def has(self, name: str) -> bool:
        return name in self.positions

    def raw(self, name: str) -> str:
        index = self.positions.get(name)
        return self.cells[index] if index is not None and index < len(self.cells) else ""

    def formulas(self) -> None:
        """A formula is never evaluated: the cell is refused (a spreadsheet shows the outcome, the file holds the
        formula)."""
        for name in self.positions:
            if self.raw(name).startswith("="):
                self.result.error(self.columns[name].header, FORMULA_MESSAGE)

    def convert(self, name: str, convert: Any, *args: Any) -> Any:
        """`convert(raw, *args)`, or None with the cell's error recorded."""
        try:
            return convert(self.raw(name), *args)
        except CellError as error:
            self.result.error(self.columns[name].header, str(error))
            return None


def form_errors(result: RowResult, form: forms.BaseForm, columns: dict[str, Column]) -> None:
    """Copy a form's errors to the row, each under its column's header ('' for the row as a whole)."""
    for name, messages in form.errors.items():
        column = columns.get(name)
        header = column.header if column else ""
        for message in messages:
            result.error(header, str(message))


class PreloadedChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField over objects read once per file: the same required check and the same message for a
    choice that is not offered, without a query per row."""

    def __init__(self, objects: Mapping[int, models.Model], model: type[models.Model], **kwargs: Any) -> None:
        self.objects = objects
        super().__init__(queryset=model._default_manager.none(), **kwargs)

    def to_python(self, value: Any) -> models.Model | None:
        if value in self.empty_values:
            return None
        try:
            return self.objects[int(value)]
        except (KeyError, TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None

"""What the homes and clients imports share: a row's result, the cells of a row as form data, a form's errors
as per-cell messages ("rij 14, kolom Postcode: ..."), and the form field that reads preloaded objects instead of
asking the database for each row."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial
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
    # What the import writes, as the form cleaned it (stored with the preview, so the confirm step writes exactly
    # what was shown): {"fields": {column: value}}, and for an update also {"pk": ..., "version": ...}.
    values: dict[str, Any] = field(default_factory=dict)
    reference: str = ""  # an existing client's pseudonym (for the access log), never stored with the preview

    def error(self, column: "StrOrPromise", message: "StrOrPromise") -> None:
        """Record an error under `column` ('' for the row); a cell keeps its first error only (a formula or an
        unknown choice, not also the form's 'required' that follows from it)."""
        self.outcome = ERROR
        if column and any(e["column"] == str(column) for e in self.errors):
            return
        self.errors.append({"column": str(column), "message": str(message)})

    def stored(self) -> dict[str, Any]:
        stored = {"row": self.row, "outcome": self.outcome, "key": self.key, "errors": self.errors}
        if self.outcome in (NEW, UPDATE):
            stored["values"] = self.values
        return stored


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

    def __deepcopy__(self, memo: dict[int, Any]) -> "PreloadedChoiceField":
        # ModelChoiceField's copies its queryset; this field reads none.
        return forms.Field.__deepcopy__(self, memo)  # type: ignore[attr-defined]  # not in the stubs

    def to_python(self, value: Any) -> models.Model | None:
        if value in self.empty_values:
            return None
        try:
            return self.objects[int(value)]
        except (KeyError, TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None


def with_choices(form_class: type[forms.ModelForm], *, share: bool = False, **fields: forms.Field) -> Any:
    """`form_class` with `fields` declared on it: made once per file, so that each row's form copies the preloaded
    choice fields instead of making the model's choice fields (and their querysets) anew; with `share`, the rows'
    forms share the fields (`SharedFields`)."""
    made: type[forms.ModelForm] = type(form_class.__name__, (form_class,), fields)
    if share:
        made.base_fields = SharedFields(made.base_fields)
    return made


class ImportFormMixin(forms.ModelForm):
    """For the import's subclasses of the record forms: the same field checks and `clean`, without the model's
    constraint and foreign-key queries per row (for a region's file of 10,000 rows, 90,000 queries). Safe
    because every one of those is covered otherwise: the form fields refuse what the check constraints refuse,
    with their messages first; the choices are objects read from the database for this file
    (`PreloadedChoiceField`); the natural keys are matched against the records read for the file; and the
    database enforces every constraint when the batch is written, all rows or none."""

    preloaded: tuple[str, ...] = ()  # foreign keys whose choice fields read preloaded objects

    def _get_validation_exclusions(self) -> set[str]:
        return super()._get_validation_exclusions() | set(self.preloaded)  # type: ignore[misc]  # not in the stubs

    def _post_clean(self) -> None:
        instance = self.instance
        instance.full_clean = partial(type(instance).full_clean, instance, validate_constraints=False)
        try:
            super()._post_clean()  # type: ignore[misc]  # ModelForm's, missing from the stubs
        finally:
            del instance.full_clean

    def validate_unique(self) -> None:
        """The natural keys are checked by the import against the file and the records (see the module)."""

    def _refuse_stale(self) -> None:
        """Nothing to compare at the preview: the record was read for this file a moment ago (and only if the user
        may edit it). The import locks each record it updates and refuses the batch if its version moved since."""


class SharedFields(dict):
    """The fields of a form class made for one file, shared by the form of each row instead of copied for each
    (Django copies every field per form: a third of a row's check). Only for forms that change no field per
    instance beyond setting the same messages (`DwellingForm`)."""

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, forms.Field]:
        return dict(self)


def to_json(value: Any) -> Any:
    """A model value as the preview stores it (dates as ISO text)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def field_values(instance: models.Model, names: list[str]) -> dict[str, Any]:
    """The values of `names` (attribute names: `corporation_id`) of `instance`, as JSON."""
    return {name: to_json(getattr(instance, name)) for name in names}


def restore(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    """Stored values back to Python, each by its model field (`to_python`)."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    return {name: fields[name].to_python(value) for name, value in values.items()}


class RowsChanged(Exception):
    """Since the preview, the records changed so that a row can no longer be written as it was shown."""


def changed_row(row: int) -> RowsChanged:
    return RowsChanged(
        _(
            "Sinds de controle is er iets veranderd aan het record van rij %(row)s (iemand anders wijzigde het, of "
            "uw rechten veranderden). Er is niets ingelezen; upload het bestand opnieuw voor een nieuwe controle."
        )
        % {"row": row}
    )

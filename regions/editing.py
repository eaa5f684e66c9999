"""Edits that lose nothing: the edit forms of homes, clients, agreements and rules save only what the person
changed, and only if nobody saved the record since the form was shown (optimistic concurrency).

The record's `version` travels with the form in a hidden field, with a signed description of the values the
person saw. `clean` locks the row (`select_for_update`, so a form is validated inside a transaction: every
request is one, see ATOMIC_REQUESTS, and so is the admin's change view) and refuses a stale version with a
Dutch message listing what changed meanwhile. The form comes back with what the person typed, the other person's
changes in the fields this person left alone, and the current version: a second save merges both, deliberately.
`save` then writes the changed columns only: a column a service owns (a status) is never written by an edit
form, whatever the form read at the start.

Services that change a status do not move the version: the form never writes those columns, so an edit and a
status change do not conflict."""

from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.contrib import admin
from django.core import signing
from django.db import models
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import gettext

SEEN_SALT = "weerthuis.editing.seen-values"
BOOKKEEPING_FIELDS = ("seen_version", "seen_values")


class VersionedModelForm(forms.ModelForm):
    """Base of every edit form of a model with a `version` column (see the module docstring)."""

    # Named apart from the model's `version` column, which no form edits.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    seen_values = forms.CharField(widget=forms.HiddenInput, required=False)

    # Form fields that are not model fields, with the columns they are saved in (e.g. rent in euros → cents).
    saved_as: ClassVar[dict[str, list[str]]] = {}
    stale = False  # set when the record was saved by someone else since the form was shown

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["seen_version"] = self.instance.version
            if not self.is_bound:  # a sent form carries its own; describing the record again would be wasted
                # Described when rendered, after the subclass has set its fields up.
                self.initial["seen_values"] = lambda: self._sign(self.describe(self.instance))

    # --- What the person saw, and what is there now ----------------------------------------------------------

    def editable(self) -> models.QuerySet:
        """The records this form's user may change; a form of a record outside it saves nothing and shows nothing
        of it. The app's forms narrow it to the user's access; the admin's (superusers) keep every record."""
        return type(self.instance)._default_manager.all()

    def editable_names(self) -> list[str]:
        """The fields the person edits: model fields and `saved_as` fields (not a formset's DELETE or row id)."""
        model_fields = {field.name for field in self.instance._meta.get_fields()} - {self.instance._meta.pk.name}
        return [
            name
            for name, field in self.fields.items()
            if (name in model_fields or name in self.saved_as) and not field.disabled
        ]

    def value_of(self, instance: models.Model, name: str) -> Any:
        """The value of form field `name` for `instance`; override for form fields that are not model fields."""
        field = instance._meta.get_field(name)
        if field.many_to_many:
            return list(getattr(instance, name).all()) if instance.pk else []
        return getattr(instance, name)

    def describe(self, instance: models.Model) -> dict[str, str]:
        """Every editable field's value of `instance` as a person reads it."""
        return {name: self._display(name, self.value_of(instance, name)) for name in self.editable_names()}

    def _display(self, name: str, value: Any) -> str:
        if isinstance(value, models.QuerySet):
            value = list(value)
        if value is None or value == "" or value == []:
            return "–"
        if isinstance(value, bool):
            return gettext("ja") if value else gettext("nee")
        if isinstance(value, list | tuple):
            return ", ".join(self._display(name, item) for item in value)
        if isinstance(value, models.Model):
            return str(value)
        if isinstance(value, date):
            return formats.date_format(value, "j F Y")
        if isinstance(value, Decimal):
            return formats.number_format(value, 2, force_grouping=True)
        choices = getattr(self.fields[name], "choices", None)
        if choices is not None and not isinstance(self.fields[name], forms.ModelChoiceField):
            return str(dict(choices).get(value, value))
        return str(value)

    def _salt(self) -> str:
        # Bound to the record: a description signed for one record is not accepted for another.
        return f"{SEEN_SALT}:{self.instance._meta.label}:{self.instance.pk}"

    def _sign(self, description: dict[str, str]) -> str:
        return signing.dumps(description, salt=self._salt(), compress=True)

    def _seen_values(self) -> dict[str, str] | None:
        try:
            seen = signing.loads(str(self.data.get(self.add_prefix("seen_values"), "")), salt=self._salt())
        except signing.BadSignature:
            return None
        return seen if isinstance(seen, dict) else None

    # --- Validation and saving -------------------------------------------------------------------------------

    @cached_property
    def changed_data(self) -> list[str]:
        # The version and the signed description are bookkeeping, not something the person changed.
        return [name for name in super().changed_data if name not in BOOKKEEPING_FIELDS]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        if self.instance.pk:
            self._refuse_stale()
        return cleaned

    def _refuse_stale(self) -> None:
        # Locked through the user's access: access may have gone while the form was open (a home moved to another
        # corporation), and then the record's new values are none of this user's business.
        current = self.editable().select_for_update(of=("self",)).filter(pk=self.instance.pk).first()
        if current is None:
            raise forms.ValidationError(
                gettext("Dit is intussen verwijderd of valt niet meer onder uw organisatie; er is niets opgeslagen."),
                code="gone",
            )
        if current.version == self.cleaned_data.get("seen_version"):
            return
        self.stale = True
        now, before = self.describe(current), self._seen_values()
        # The form comes back with the other person's changes in the fields this person left alone, this person's
        # own input everywhere else, and the current version: saving it again merges both, deliberately.
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict (or a dict in tests): both copy
        changes = []
        for name, value in now.items():
            if before is None or name not in before or before[name] == value:
                continue
            parts = {"field": self.fields[name].label, "before": before[name], "now": value}
            if name in self.cleaned_data:
                typed = self._display(name, self.cleaned_data[name])
            else:  # the field has an error of its own: name what was typed
                typed = str(self.data.get(self.add_prefix(name), "")) or "–"
            if typed == before[name]:
                self._put(data, name, self.value_of(current, name))
                changes.append(gettext("%(field)s: was %(before)s, nu %(now)s (overgenomen in het formulier)") % parts)
            else:
                changes.append(
                    gettext("%(field)s: was %(before)s, nu %(now)s; u vulde %(typed)s in, dat staat in het formulier")
                    % {**parts, "typed": typed}
                )
        data[self.add_prefix("seen_version")] = str(current.version)
        data[self.add_prefix("seen_values")] = self._sign(now)
        self.data = data
        raise forms.ValidationError(
            [
                gettext(
                    "Iemand anders heeft deze gegevens opgeslagen nadat u het formulier opende; er is nog niets "
                    "opgeslagen. Het formulier toont nu uw wijzigingen samen met die van de ander. Controleer het "
                    "en sla opnieuw op."
                ),
                *(changes or [gettext("Wat er veranderde, kunnen we niet tonen; vergelijk met de detailpagina.")]),
            ],
            code="stale",
        )

    def _put(self, data: Any, name: str, value: Any) -> None:
        """Show `value` in field `name` of a bound form's data, as the browser would send it."""
        field, key = self.fields[name], self.add_prefix(name)
        shown = field.prepare_value(value)
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[key] = "on"
            else:
                data.pop(key, None)
        elif isinstance(shown, list | tuple):
            items = [str(item) for item in shown]
            if hasattr(data, "setlist"):
                data.setlist(key, items)
            else:
                data[key] = items
        else:
            data[key] = "" if shown is None else str(shown)

    def changed_columns(self) -> list[str]:
        """The model columns this form changed, plus the version (and `updated_at` where the model has one)."""
        concrete = {field.name for field in self.instance._meta.concrete_fields}
        columns = [name for name in self.changed_data if name in concrete]
        for name in self.changed_data:
            columns += self.saved_as.get(name, [])
        columns.append("version")
        if "updated_at" in concrete:
            columns.append("updated_at")
        return columns

    def save(self, commit: bool = True) -> Any:
        if not self.instance.pk:
            return super().save(commit=commit)
        if self.changed_data:  # saving without a change writes nothing: no new version, no conflict for others
            self.instance.version = (self.cleaned_data.get("seen_version") or 0) + 1
        instance = super().save(commit=False)
        if commit:  # else the caller saves (the admin: VersionedAdminMixin.save_model, changed columns only)
            if self.changed_data:
                instance.save(update_fields=self.changed_columns())
            self.save_m2m()
        return instance


class VersionedAdminMixin(admin.ModelAdmin):
    """For a ModelAdmin of a versioned model: a change writes the changed columns only. (Its inlines need only
    `form = VersionedModelForm`: a formset saves each changed row through the form.)"""

    form = VersionedModelForm

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        if change and isinstance(form, VersionedModelForm):
            if form.changed_data:
                obj.save(update_fields=form.changed_columns())
        else:
            super().save_model(request, obj, form, change)

"""What the list filters share: choice lists scoped to the user's regions, the date-range widget, and a FilterSet
that validates and applies only the filters a query names."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from placements.lists.widgets import DateInput
from regions.access import access_for
from regions.models import Municipality, Organisation


def _region_ids(request) -> set[int]:
    return access_for(request.user if request else None).region_ids()


def municipalities_in_scope(request):
    """The municipalities of the user's regions: a filter's choices (a ModelChoiceFilter's queryset callable)."""
    return Municipality.objects.filter(region_id__in=_region_ids(request)).order_by("name")


def organisations_in_scope(kind):
    """A queryset callable: the organisations of `kind` that work in the user's regions."""

    def queryset(request):
        return Organisation.objects.filter(kind=kind, regions__in=_region_ids(request)).distinct().order_by("name")

    return queryset


class DateRangeWidget(django_filters.widgets.DateRangeWidget):
    """Two date pickers, each with a label of its own ("van", "tot"): templates/includes/form_field.html puts them
    in a fieldset whose legend is the filter's label. Without these labels neither input has an accessible name."""

    part_labels = (_("van"), _("tot"))

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets = (DateInput(), DateInput())

    def render(self, name, value, attrs=None, renderer=None):
        values = value if isinstance(value, (list, tuple)) else self.decompress(value)
        final_attrs = self.build_attrs(self.attrs, attrs)
        id_ = final_attrs.get("id")
        parts = []
        for index, (widget, suffix, label) in enumerate(
            zip(self.widgets, self.suffixes, self.part_labels, strict=True)
        ):
            part_attrs = {**final_attrs, "id": f"{id_}_{index}"} if id_ else final_attrs
            part_value = values[index] if index < len(values) else None
            parts.append(
                (
                    part_attrs.get("id", ""),
                    label,
                    widget.render(self.suffixed(name, suffix), part_value, part_attrs, renderer),
                )
            )
        return format_html_join("", '<span class="range-part"><label for="{}">{}</label> {}</span>', parts)


# A day count beyond ten years means nothing here, and one past date.min made the filter's date arithmetic fail.
MAX_DAYS = 3650


def validate_days(value: int) -> None:
    if not 0 <= value <= MAX_DAYS:
        raise ValidationError(
            _("Vul een aantal dagen in van 0 tot en met %(max)s."), code="days", params={"max": MAX_DAYS}
        )


class DaysFilter(django_filters.NumberFilter):
    """A whole number of days from 0 to MAX_DAYS; anything else is refused with a message on the filter form."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.NumberInput(attrs={"min": 0, "max": MAX_DAYS}))
        super().__init__(*args, validators=[validate_days], **kwargs)


class ListFilterSet(django_filters.FilterSet):
    """Validates and applies only the filters the query names (`status`, or `available_from_after` for a range).
    Most list views ask for one or two, or none (a page number, a sort order), and building and validating a form
    of all fields was ≈ 8 % of a list page (`bench/cpu.py --profile`). Filters not named would not filter anyway;
    a value that does not validate is refused as before. `form`, the full form, is still what the page shows."""

    def _named(self) -> dict:
        keys = list(self.data)
        return {
            name: filter_
            for name, filter_ in self.filters.items()
            if any(key == name or key.startswith(f"{name}_") for key in keys)
        }

    @property
    def checked_form(self):
        if not hasattr(self, "_checked_form"):
            fields = {name: filter_.field for name, filter_ in self._named().items()}
            form_class = type(f"{type(self).__name__}CheckForm", (forms.Form,), fields)
            self._checked_form = form_class(self.data, prefix=self.form_prefix)
        return self._checked_form

    def is_valid(self):
        return self.is_bound and self.checked_form.is_valid()

    @property
    def errors(self):
        return self.checked_form.errors

    def filter_queryset(self, queryset):
        for name, value in self.checked_form.cleaned_data.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset


class StableOrderingFilter(django_filters.OrderingFilter):
    """The `order` of a list page, with the key after the chosen column: rows that tie on it (every home of one
    neighbourhood) keep one order from query to query, so each row is on exactly one page."""

    def filter(self, qs, value):
        ordered = super().filter(qs, value)
        if value and "pk" not in ordered.query.order_by and "-pk" not in ordered.query.order_by:
            return ordered.order_by(*ordered.query.order_by, "pk")
        return ordered
